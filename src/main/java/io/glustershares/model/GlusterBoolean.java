package io.glustershares.model;

import java.util.Locale;
import java.util.Optional;

/**
 * A boolean option's value as gluster reads it (gf_string2boolean: {@code on}, {@code yes}, {@code
 * true}, {@code enable}, {@code 1} and their opposites, compared ignoring case). Manila writes
 * {@code ON} and {@code OFF}; both mean what they say.
 */
public final class GlusterBoolean {

  private GlusterBoolean() {}

  /** The value's meaning; empty when gluster would not read it as a boolean at all. */
  public static Optional<Boolean> parse(String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "on", "yes", "true", "enable", "1" -> Optional.of(true);
      case "off", "no", "false", "disable", "0" -> Optional.of(false);
      default -> Optional.empty();
    };
  }

  /** Whether {@code actual} means what {@code expected} means; a non-boolean never does. */
  public static boolean same(String expected, String actual) {
    Optional<Boolean> want = parse(expected);
    return want.isPresent() && want.equals(parse(actual));
  }
}

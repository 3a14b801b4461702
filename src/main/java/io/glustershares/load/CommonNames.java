package io.glustershares.load;

import io.glustershares.model.Printable;
import java.util.Optional;

/**
 * The rules a TLS common name must follow to be written into {@code auth.ssl-allow}. Gluster splits
 * that option on commas and whitespace; we also refuse every character a shell or a path could give
 * meaning to, so a CN can never be more than a name.
 */
public final class CommonNames {

  public static final int MAX_LENGTH = 64;
  public static final String VALID =
      "1 to 64 of letters, digits, '.', '_', '@' and '-', starting with a letter or digit";

  private CommonNames() {}

  /** What is wrong with {@code cn}, or empty when it is a valid CN. */
  public static Optional<String> problem(String cn) {
    if (cn.isEmpty()) {
      return Optional.of("is empty");
    }
    if (cn.length() > MAX_LENGTH) {
      return Optional.of("is " + cn.length() + " characters long, more than " + MAX_LENGTH);
    }
    if (cn.indexOf(',') >= 0) {
      return Optional.of("contains a comma (gluster splits auth.ssl-allow on commas)");
    }
    for (int i = 0; i < cn.length(); i++) {
      if (Character.isWhitespace(cn.charAt(i))) {
        return Optional.of("contains whitespace (gluster splits auth.ssl-allow on whitespace)");
      }
    }
    if (cn.contains("..")) {
      return Optional.of("contains '..'");
    }
    for (int i = 0; i < cn.length(); i++) {
      char c = cn.charAt(i);
      if (!isAllowed(c)) {
        return Optional.of("contains " + Printable.quoted(String.valueOf(c)) + ", not allowed");
      }
    }
    if (!Character.isLetterOrDigit(cn.charAt(0))) {
      return Optional.of("does not start with a letter or digit");
    }
    return Optional.empty();
  }

  private static boolean isAllowed(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '.'
        || c == '_'
        || c == '@'
        || c == '-';
  }
}

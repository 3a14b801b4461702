package io.glustershares.model;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.OptionalInt;

/**
 * The pool volume name pattern, matched as Manila matches {@code glusterfs_volume_pattern}:
 * anchored at the start of the name only ({@code re.match}, here {@link Matcher#lookingAt()}), with
 * {@code #{size}} standing for a group of digits that gives the volume's size in GB.
 *
 * <p>The pattern comes from the file, and every refresh matches it against every volume name: it
 * runs on RE2/J, whose time is linear in the name whatever the pattern (a backtracking engine takes
 * minutes on {@code ((a+)+)+c}). Python's syntax is accepted as Manila's users wrote it; what RE2
 * cannot run is refused by name ({@link RegexTemplate}).
 */
public final class VolumePattern {

  public static final String SIZE_PLACEHOLDER = "#{size}";
  private static final String SIZE_GROUP = "(?P<size>\\d+)";

  private final String template;

  /** Any {@code #{…}} of a template, to refuse those other than {@code #{size}}. */
  private static final Pattern PLACEHOLDER = Pattern.compile("#\\{([^}]{0,40})}");

  private final Pattern regex;
  private final boolean hasSize;

  private VolumePattern(String template, Pattern regex, boolean hasSize) {
    this.template = template;
    this.regex = regex;
    this.hasSize = hasSize;
  }

  /**
   * Compiles a template.
   *
   * @throws IllegalArgumentException with a message fit for users when the template is invalid
   */
  public static VolumePattern compile(String template) {
    int first = template.indexOf(SIZE_PLACEHOLDER);
    if (first >= 0 && template.indexOf(SIZE_PLACEHOLDER, first + 1) >= 0) {
      throw new IllegalArgumentException(
          "'#{size}' appears more than once; valid: at most one #{size}");
    }
    Matcher other = PLACEHOLDER.matcher(template);
    while (other.find()) {
      if (!other.group(1).equals("size")) {
        throw new IllegalArgumentException(
            "unknown placeholder "
                + Printable.quoted("#{" + other.group(1) + "}")
                + "; valid: #{size} is the only placeholder");
      }
    }
    String regex = RegexTemplate.toRe2(template, SIZE_GROUP);
    try {
      return new VolumePattern(template, Pattern.compile(regex), first >= 0);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "not a valid regular expression: "
              + e.getDescription()
              + "; valid: a Python (re) regular expression with at most one #{size}");
    }
  }

  public String template() {
    return template;
  }

  public boolean hasSize() {
    return hasSize;
  }

  public boolean matches(String volumeName) {
    return regex.matcher(volumeName).lookingAt();
  }

  /** The size in GB the name states, when the pattern has {@code #{size}} and the name matches. */
  public OptionalInt sizeOf(String volumeName) {
    if (!hasSize) {
      return OptionalInt.empty();
    }
    Matcher m = regex.matcher(volumeName);
    if (!m.lookingAt() || m.group("size") == null) {
      return OptionalInt.empty();
    }
    String digits = m.group("size");
    // Sizes beyond int range are not real volumes; treat them as having no size.
    if (digits.length() > 9) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(Integer.parseInt(digits));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VolumePattern other && other.template.equals(template);
  }

  @Override
  public int hashCode() {
    return template.hashCode();
  }

  @Override
  public String toString() {
    return template;
  }
}

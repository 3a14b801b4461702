package io.glustershares.model;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The pool volume name pattern, matched as Manila matches {@code glusterfs_volume_pattern}:
 * anchored at the start of the name only ({@code re.match}, here {@link Matcher#lookingAt()}), with
 * {@code #{size}} standing for a group of digits that gives the volume's size in GB.
 */
public final class VolumePattern {

  public static final String SIZE_PLACEHOLDER = "#{size}";
  private static final String SIZE_GROUP = "(?<size>\\d+)";

  private final String template;
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
    Matcher other = Pattern.compile("#\\{([^}]*)}").matcher(template);
    while (other.find()) {
      if (!other.group(1).equals("size")) {
        throw new IllegalArgumentException(
            "unknown placeholder '#{"
                + other.group(1)
                + "}'; valid: #{size} is the only placeholder");
      }
    }
    String regex = template.replace(SIZE_PLACEHOLDER, SIZE_GROUP);
    try {
      return new VolumePattern(template, Pattern.compile(regex), first >= 0);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "not a valid regular expression: "
              + e.getDescription()
              + " near index "
              + e.getIndex()
              + "; valid: a Java/Python regular expression with at most one #{size}");
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

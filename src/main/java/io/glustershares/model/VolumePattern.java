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

  private static final String SIZE_GROUP = "(?P<size>\\d+)";

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
    StringBuilder substituted = new StringBuilder();
    int sizes = substitute(template, substituted);
    if (sizes > 1) {
      throw new IllegalArgumentException(
          "'#{size}' appears more than once; valid: at most one #{size}");
    }
    String regex = RegexTemplate.toRe2(substituted.toString());
    try {
      return new VolumePattern(template, Pattern.compile(regex), sizes == 1);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "not a valid regular expression: "
              + e.getDescription()
              + "; valid: a Python (re) regular expression with at most one #{size}");
    }
  }

  private static final String VALID = "; valid: #{size} or #size for the size, ## for a literal #";

  /**
   * Substitutes the template as Manila's {@code CustomTemplate} (Python's {@code string.Template}
   * with {@code #} as delimiter) does: {@code ##} is {@code #}, {@code #size} and {@code #{size}}
   * are the size group, any other placeholder or {@code #} is refused with its position.
   *
   * @return how many size groups were written
   */
  private static int substitute(String template, StringBuilder out) {
    int sizes = 0;
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c != '#') {
        out.append(c);
        i++;
        continue;
      }
      int at = i + 1; // 1-based position of the '#'
      if (i + 1 < template.length() && template.charAt(i + 1) == '#') {
        out.append('#');
        i += 2;
        continue;
      }
      boolean braced = i + 1 < template.length() && template.charAt(i + 1) == '{';
      int start = braced ? i + 2 : i + 1;
      int end = identifierEnd(template, start);
      if (end == start || (braced && (end >= template.length() || template.charAt(end) != '}'))) {
        throw new IllegalArgumentException(
            "'#' at character " + at + " starts no placeholder" + VALID);
      }
      String name = template.substring(start, end);
      int next = braced ? end + 1 : end;
      if (!name.equals("size")) {
        String hint =
            !braced && name.startsWith("size")
                ? " (a placeholder without braces runs to the first character that is not a"
                    + " letter, digit or _: write #{size}"
                    + name.substring(4)
                    + ")"
                : "";
        throw new IllegalArgumentException(
            "unknown placeholder "
                + Printable.quoted(template.substring(i, next))
                + " at character "
                + at
                + hint
                + VALID);
      }
      out.append(SIZE_GROUP);
      sizes++;
      i = next;
    }
    return sizes;
  }

  /** The end of a Python identifier ({@code [_a-zA-Z][_a-zA-Z0-9]*}, ASCII) from {@code start}. */
  private static int identifierEnd(String s, int start) {
    int i = start;
    while (i < s.length()) {
      char c = s.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      if (!(letter || (i > start && c >= '0' && c <= '9'))) {
        break;
      }
      i++;
    }
    return i;
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

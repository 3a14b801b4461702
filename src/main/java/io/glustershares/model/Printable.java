package io.glustershares.model;

import java.util.Set;

/**
 * Makes text safe to print in one line of a message, for values that come from files, gluster or
 * the command line. A hostile value must not flood a terminal or a CI log (a 1 MB path), break a
 * line apart (newlines), or make the line read differently from what it says (bidi overrides such
 * as U+202E, zero-width characters): long values are shortened and every control, format, bidi and
 * invisible character is written as its escape, {@code \u202E}. Every diagnostic goes through here.
 */
public final class Printable {

  /** How much of a value a message shows; the rest is counted. */
  public static final int MAX_VALUE = 60;

  /** How long a whole message line may be, as a last bound when a value was not shortened. */
  public static final int MAX_LINE = 10_000;

  /** Invisible or blank-looking characters that Unicode does not class as format characters. */
  private static final Set<Integer> INVISIBLE =
      Set.of(0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x2800, 0x3164, 0xFFA0);

  private Printable() {}

  /** {@code value} quoted: {@code 'tenant-a'}, shortened and escaped. */
  public static String quoted(String value) {
    return "'" + value(value) + "'";
  }

  /**
   * {@code value} shortened to its first {@link #MAX_VALUE} characters followed by {@code …(N
   * chars)}, with the characters that could hide or fake text escaped.
   */
  public static String value(String value) {
    return shorten(value, MAX_VALUE);
  }

  /**
   * A message (an exception's, gluster's) as one line: runs of whitespace holding line breaks
   * become one space, other hidden characters are escaped, and very long messages are cut.
   */
  public static String oneLine(String message) {
    if (message == null) {
      return "";
    }
    return line(message.strip().replaceAll("\\s*\\R\\s*", " "));
  }

  /** A line already built from shortened values: escaped, and cut at {@link #MAX_LINE}. */
  public static String line(String text) {
    return shorten(text, MAX_LINE);
  }

  /** Whether a character is shown as an escape rather than as itself. */
  public static boolean isHidden(int codePoint) {
    if (codePoint == ' ') {
      return false;
    }
    return switch (Character.getType(codePoint)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.SPACE_SEPARATOR,
          Character.SURROGATE,
          Character.PRIVATE_USE,
          Character.UNASSIGNED ->
          true;
      default -> INVISIBLE.contains(codePoint);
    };
  }

  private static String shorten(String text, int max) {
    int length = text.codePointCount(0, text.length());
    StringBuilder sb = new StringBuilder(Math.min(text.length(), max) + 16);
    int shown = 0;
    for (int i = 0; i < text.length() && shown < max; shown++) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      escape(cp, sb);
    }
    if (length > max) {
      sb.append("…(").append(length).append(" chars)");
    }
    return sb.toString();
  }

  private static void escape(int cp, StringBuilder sb) {
    switch (cp) {
      case '\n' -> sb.append("\\n");
      case '\t' -> sb.append("\\t");
      case '\r' -> sb.append("\\r");
      default -> {
        if (!isHidden(cp)) {
          sb.appendCodePoint(cp);
        } else if (cp <= 0xFFFF) {
          sb.append(String.format("\\u%04X", cp));
        } else {
          sb.append(String.format("\\u{%X}", cp));
        }
      }
    }
  }
}

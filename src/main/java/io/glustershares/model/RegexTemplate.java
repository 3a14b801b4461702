package io.glustershares.model;

import java.util.ArrayDeque;

/**
 * Turns a volume pattern written in Python's {@code re} syntax (Manila's {@code
 * glusterfs_volume_pattern}) into the RE2 syntax of the linear-time matcher, and refuses what that
 * matcher cannot run, by name: backreferences, lookaround, atomic groups, possessive quantifiers,
 * conditionals. It also bounds the compiled size: RE2/J has no limit of its own, and {@code
 * ((a{1000}){1000}){1000}} would fill the heap while compiling.
 */
final class RegexTemplate {

  /** Longer templates are refused (the schema says the same): patterns name volumes. */
  static final int MAX_LENGTH = 1024;

  /** The most instructions a pattern may expand to: repetitions multiply what they repeat. */
  static final long MAX_SIZE = 100_000;

  private final String template;
  private final StringBuilder out = new StringBuilder();

  /** Per open group: its size so far and the size of its last atom, for the next quantifier. */
  private final ArrayDeque<long[]> frames = new ArrayDeque<>();

  private int i;

  private RegexTemplate(String template) {
    this.template = template;
  }

  /**
   * @param template the pattern with its placeholders substituted ({@link VolumePattern})
   * @throws IllegalArgumentException naming the construct that cannot be run
   */
  static String toRe2(String template) {
    if (template.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "is " + template.length() + " characters long; valid: at most " + MAX_LENGTH);
    }
    return new RegexTemplate(template).translate();
  }

  private String translate() {
    frames.push(new long[2]); // [total size, size of the last atom]
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '\\') {
        escape();
      } else if (c == '[') {
        characterClass();
      } else if (c == '(') {
        group();
      } else if (c == ')') {
        out.append(c);
        i++;
        if (frames.size() > 1) {
          long inner = frames.pop()[0];
          atom(Math.max(1, inner));
        }
      } else if (c == '{' && quantifier()) {
        // counted repetition, already written
      } else {
        if ((c == '*' || c == '+' || c == '?') && next(1) == '+') {
          refuse("a possessive quantifier '" + c + "+'");
        }
        out.append(c);
        i++;
        if (c != '*' && c != '+' && c != '?' && c != '|' && c != '^' && c != '$') {
          atom(1);
        }
      }
    }
    return out.toString();
  }

  private void escape() {
    char next = next(1);
    if (next >= '1' && next <= '9') {
      refuse("a backreference '\\" + next + "'");
    }
    if (next == 'Z') {
      // Python's end of string; RE2 spells it \z.
      out.append("\\z");
    } else {
      out.append('\\');
      if (next != 0) {
        out.append(next);
      }
    }
    i += next == 0 ? 1 : 2;
    atom(1);
  }

  private void characterClass() {
    int start = i;
    out.append('[');
    i++;
    if (next(0) == '^') {
      out.append('^');
      i++;
    }
    if (next(0) == ']') {
      out.append(']');
      i++;
    }
    while (i < template.length() && template.charAt(i) != ']') {
      char c = template.charAt(i);
      out.append(c);
      if (c == '\\' && i + 1 < template.length()) {
        out.append(template.charAt(i + 1));
        i++;
      }
      i++;
    }
    if (i < template.length()) {
      out.append(']');
      i++;
    } else {
      i = Math.max(i, start + 1);
    }
    atom(1);
  }

  private void group() {
    if (next(1) == '?') {
      String rest = template.substring(i + 2, Math.min(template.length(), i + 4));
      if (rest.startsWith("P=")) {
        int end = template.indexOf(')', i);
        refuse(
            "a backreference "
                + Printable.quoted(template.substring(i, end < 0 ? template.length() : end + 1)));
      }
      if (rest.startsWith("=")) {
        refuse("a lookahead '(?='");
      }
      if (rest.startsWith("!")) {
        refuse("a negative lookahead '(?!'");
      }
      if (rest.startsWith("<=")) {
        refuse("a lookbehind '(?<='");
      }
      if (rest.startsWith("<!")) {
        refuse("a negative lookbehind '(?<!'");
      }
      if (rest.startsWith(">")) {
        refuse("an atomic group '(?>'");
      }
      if (rest.startsWith("(")) {
        refuse("a conditional group '(?('");
      }
      if (rest.startsWith("#")) {
        refuse("a comment group '(?#'");
      }
      if (rest.startsWith("<")) {
        // (?<name>...), as Java and .NET write a named group.
        out.append("(?P<");
        i += 3;
        frames.push(new long[2]);
        return;
      }
    }
    out.append('(');
    i++;
    frames.push(new long[2]);
  }

  /** A counted repetition {n}, {n,} or {n,m} at {@code i}; false when the brace is a literal. */
  private boolean quantifier() {
    int end = template.indexOf('}', i);
    if (end < 0 || !template.substring(i + 1, end).matches("\\d{1,4}(,\\d{0,4})?")) {
      return false;
    }
    String[] bounds = template.substring(i + 1, end).split(",", -1);
    long most =
        bounds.length == 1
            ? Long.parseLong(bounds[0])
            : bounds[1].isEmpty() ? Long.parseLong(bounds[0]) + 1 : Long.parseLong(bounds[1]);
    out.append(template, i, end + 1);
    i = end + 1;
    if (next(0) == '+') {
      refuse("a possessive quantifier '}+'");
    }
    long[] frame = frames.peek();
    long grown = saturated(frame[1], Math.max(1, most));
    frame[0] = saturatedAdd(frame[0] - frame[1], grown);
    frame[1] = grown;
    checkSize(frame[0]);
    return true;
  }

  private void atom(long size) {
    long[] frame = frames.peek();
    frame[0] = saturatedAdd(frame[0], size);
    frame[1] = size;
    checkSize(frame[0]);
  }

  private static void checkSize(long size) {
    if (size > MAX_SIZE) {
      throw new IllegalArgumentException(
          "its repetitions expand to more than "
              + MAX_SIZE
              + " steps; valid: a pattern whose counted repetitions ({n}) multiply to less");
    }
  }

  private char next(int offset) {
    int at = i + offset;
    return at < template.length() ? template.charAt(at) : 0;
  }

  private static void refuse(String construct) {
    throw new IllegalArgumentException(
        "uses "
            + construct
            + ", which a linear-time matcher cannot run; valid: a regular expression without"
            + " backreferences, lookaround, atomic groups or possessive quantifiers");
  }

  private static long saturated(long a, long b) {
    return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
  }

  private static long saturatedAdd(long a, long b) {
    return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
  }
}

package io.glustershares.cli;

import java.io.IOException;
import java.io.Writer;

/**
 * Standard output on a terminal: while {@link #on}, a line whose symbol is {@code +} (green),
 * {@code ~} (yellow), {@code -} or {@code !} (red) is coloured, as Terraform colours its plans. The
 * symbol is the line's first word after its indentation and an apply's {@code [cluster]} label.
 * Only commands whose output is a plan, an apply or a text audit turn it on, so JSON, Markdown,
 * JUnit and YAML never carry an escape code; and only on a terminal, without {@code NO_COLOR} or
 * {@code --no-color}, is it there at all.
 */
final class ColourLines extends Writer {

  static final String GREEN = "\u001B[32m";
  static final String YELLOW = "\u001B[33m";
  static final String RED = "\u001B[31m";
  static final String RESET = "\u001B[0m";

  private final Writer out;
  private final StringBuilder line = new StringBuilder();

  /** A partial line was written out by a flush (a question): its rest is not a line start. */
  private boolean midLine;

  private volatile boolean on;

  ColourLines(Writer out) {
    this.out = out;
  }

  /** From now on, lines with a symbol are coloured. */
  void on() {
    on = true;
  }

  @Override
  public synchronized void write(char[] buffer, int offset, int length) throws IOException {
    if (!on && line.length() == 0) {
      out.write(buffer, offset, length);
      if (length > 0) {
        midLine = buffer[offset + length - 1] != '\n';
      }
      return;
    }
    for (int i = offset; i < offset + length; i++) {
      char c = buffer[i];
      if (c == '\n') {
        out.write(midLine ? line.toString() : colour(line));
        out.write('\n');
        line.setLength(0);
        midLine = false;
      } else {
        line.append(c);
      }
    }
  }

  @Override
  public synchronized void flush() throws IOException {
    if (line.length() > 0) {
      out.write(line.toString());
      line.setLength(0);
      midLine = true;
    }
    out.flush();
  }

  @Override
  public void close() throws IOException {
    flush();
    out.close();
  }

  static String colour(CharSequence line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    if (i < line.length() && line.charAt(i) == '[') {
      int end = indexOf(line, "] ", i);
      i = end < 0 ? i : end + 2;
    }
    if (i + 1 >= line.length() || line.charAt(i + 1) != ' ') {
      return line.toString();
    }
    String code =
        switch (line.charAt(i)) {
          case '+' -> GREEN;
          case '~' -> YELLOW;
          case '-', '!' -> RED;
          default -> "";
        };
    return code.isEmpty() ? line.toString() : code + line + RESET;
  }

  private static int indexOf(CharSequence s, String what, int from) {
    return s.toString().indexOf(what, from);
  }
}

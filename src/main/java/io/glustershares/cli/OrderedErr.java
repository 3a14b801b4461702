package io.glustershares.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Standard error that keeps the order the user reads in {@code 2>&1} logs: before anything is
 * written to it, what standard output holds is flushed, and what it writes is flushed at once.
 * Standard output stays buffered (a plan of 10 000 shares is 400 000 lines).
 */
final class OrderedErr extends Writer {

  private final PrintWriter out;
  private final Writer err;

  private OrderedErr(PrintWriter out, Writer err) {
    this.out = out;
    this.err = err;
  }

  /** A writer for standard error that flushes {@code out} before each write. */
  static PrintWriter after(PrintWriter out, Writer err) {
    return new PrintWriter(new OrderedErr(out, err), true);
  }

  @Override
  public void write(char[] buffer, int offset, int length) throws IOException {
    out.flush();
    err.write(buffer, offset, length);
    err.flush();
  }

  @Override
  public void flush() throws IOException {
    err.flush();
  }

  @Override
  public void close() throws IOException {
    err.close();
  }
}

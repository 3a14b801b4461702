package io.glustershares.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.function.Consumer;

/** Shared by every command of one run: where to print, what the world looks like. */
final class Context {
  final PrintWriter out;
  final PrintWriter err;
  final Environment environment;

  /** The byte stream behind {@link #out}, when there is one: large documents go there directly. */
  final Optional<OutputStream> stdout;

  boolean debug;

  /** Ctrl-C: a process's own handler, from {@link Main#main}; otherwise raised by nothing. */
  Interrupts interrupts;

  Context(
      PrintWriter out, PrintWriter err, Environment environment, Optional<OutputStream> stdout) {
    this.out = out;
    this.err = err;
    this.environment = environment;
    this.stdout = stdout;
    this.interrupts = Interrupts.none(err);
  }

  /** Writes a large document as bytes when possible, after what {@link #out} holds. */
  void writeLarge(Consumer<OutputStream> bytes, Consumer<PrintWriter> text) {
    if (stdout.isPresent()) {
      out.flush();
      bytes.accept(stdout.get());
    } else {
      text.accept(out);
    }
  }
}

package io.glustershares.cli;

import io.glustershares.model.Diagnostic;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

  /**
   * Where the problems of a desired-state file go: one line each on standard error, or, for {@code
   * validate --json}, into the document it prints.
   */
  Consumer<Diagnostic> diagnostics;

  /** Ctrl-C: a process's own handler, from {@link Main#main}; otherwise raised by nothing. */
  Interrupts interrupts;

  /** The instant given by {@code --now} (or recorded in a saved plan), if any. */
  private Optional<Instant> fixedNow = Optional.empty();

  private boolean nowGiven;

  Context(
      PrintWriter out, PrintWriter err, Environment environment, Optional<OutputStream> stdout) {
    this.out = out;
    this.err = err;
    this.environment = environment;
    this.stdout = stdout;
    this.interrupts = Interrupts.none(err);
    this.diagnostics = d -> err.println(d.format());
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

  /** Plans, audits and validation judge time at {@code now} from here on. */
  void fixNow(Instant now) {
    fixedNow = Optional.of(now);
    nowGiven = true;
  }

  /** Whether {@code --now} (or a saved plan) fixed the instant. */
  boolean nowFixed() {
    return nowGiven;
  }

  /**
   * The instant expiries and schedules are judged at: the fixed one, else the clock's, in whole
   * seconds. Read once per command, so that one command sees one instant.
   */
  Instant now() {
    if (fixedNow.isEmpty()) {
      fixedNow = Optional.of(Instant.now(environment.clock()).truncatedTo(ChronoUnit.SECONDS));
    }
    return fixedNow.get();
  }
}

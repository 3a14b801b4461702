package io.glustershares.cli;

import io.glustershares.gluster.CallLog;
import io.glustershares.gluster.Retry;
import io.glustershares.gluster.ShellQuote;
import io.glustershares.model.Diagnostic;
import io.glustershares.model.Printable;
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

  /** Where gluster retries read the time and wait: the system's, or a test's that never sleeps. */
  Retry.Time retryTime = Retry.Time.SYSTEM;

  /** {@code --no-color}. */
  boolean noColour;

  /** Standard output's colouring, when it is a terminal that wants colour. */
  Optional<ColourLines> colour = Optional.empty();

  /** The output from here on is a plan, an apply or a text audit: colour its symbols. */
  void colourSymbols() {
    if (!noColour) {
      colour.ifPresent(ColourLines::on);
    }
  }

  /** {@code -v}: every gluster call, with its exit status and duration, on standard error. */
  boolean verbose;

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

  /**
   * Where the gluster clients of this run tell their calls: standard error with {@code -v}. Only
   * the argv (which never holds a secret: passwords and passphrases stay in the SSH login), its
   * exit status and its duration.
   */
  CallLog calls() {
    if (!verbose) {
      return CallLog.NONE;
    }
    return (cluster, argv, took, outcome) ->
        err.println(
            Printable.oneLine(
                "["
                    + cluster
                    + "] "
                    + ShellQuote.readable(argv)
                    + " ("
                    + outcome
                    + ", "
                    + took.toMillis()
                    + " ms)"));
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

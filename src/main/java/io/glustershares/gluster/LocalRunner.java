package io.glustershares.gluster;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs commands on this host with {@link ProcessBuilder}: argv as given, no shell. */
public final class LocalRunner implements Runner {

  private final String host;

  public LocalRunner(String host) {
    this.host = host;
  }

  @Override
  public ProcessResult run(List<String> argv, Duration timeout) throws RunnerException {
    long start = System.nanoTime();
    Process process;
    try {
      process =
          new ProcessBuilder(argv)
              // gluster prompts on stop/delete without --mode=script; never let it wait for us.
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
    } catch (IOException e) {
      throw new RunnerException(
          RunnerException.Kind.NOT_STARTED,
          "cannot run '" + argv.get(0) + "' on this host: " + e.getMessage(),
          e);
    }
    CompletableFuture<String> stdout = Streams.drain(process.getInputStream());
    CompletableFuture<String> stderr = Streams.drain(process.getErrorStream());
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
        throw new RunnerException(
            RunnerException.Kind.TIMEOUT,
            "'" + String.join(" ", argv) + "' ran longer than " + timeout.toSeconds() + " s");
      }
      return new ProcessResult(
          process.exitValue(),
          stdout.get(),
          stderr.get(),
          Duration.ofNanos(System.nanoTime() - start));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new RunnerException(RunnerException.Kind.TIMEOUT, "interrupted", e);
    } catch (ExecutionException e) {
      throw new RunnerException(
          RunnerException.Kind.NOT_STARTED, "cannot read the output of " + argv.get(0), e);
    }
  }

  /** Starts {@code argv} with its standard input a pipe from this process, open until closed. */
  @Override
  public HeldCommand hold(List<String> argv) throws RunnerException {
    Process process;
    try {
      process = new ProcessBuilder(argv).start();
    } catch (IOException e) {
      throw new RunnerException(
          RunnerException.Kind.NOT_STARTED,
          "cannot run '" + argv.get(0) + "' on this host: " + e.getMessage(),
          e);
    }
    OutputLines out = OutputLines.of(process.getInputStream(), "'" + argv.get(0) + "'");
    CompletableFuture<String> err = Streams.drain(process.getErrorStream());
    return new HeldCommand() {
      @Override
      public Optional<String> readLine(Duration timeout) throws RunnerException {
        return out.next(timeout);
      }

      @Override
      public Optional<String> ended() {
        if (process.isAlive()) {
          return Optional.empty();
        }
        String text = err.getNow("").strip();
        return Optional.of(
            "it ended with exit "
                + process.exitValue()
                + (text.isEmpty() ? "" : ": " + text.lines().findFirst().orElse("")));
      }

      @Override
      public void close() {
        try {
          process.getOutputStream().close();
          if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
          }
        } catch (IOException e) {
          process.destroyForcibly();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          process.destroyForcibly();
        }
      }
    };
  }

  @Override
  public String describe() {
    return "local gluster CLI";
  }

  @Override
  public String host() {
    return host;
  }

  @Override
  public String lockKey() {
    return "local-" + host;
  }

  @Override
  public void close() {}
}

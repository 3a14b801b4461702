package io.glustershares.it.estate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs one command on the host (usually {@code nsenter} into an estate namespace) with a clean,
 * explicit environment: the estate must not depend on, or leak, whatever the test JVM was started
 * with.
 */
public final class Exec {

  /** The only variables a command sees unless the caller adds more. */
  static final Map<String, String> BASE_ENV =
      Map.of(
          "PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
          "HOME", "/root",
          "LANG", "C.UTF-8");

  /** What a command did. */
  public record Result(List<String> argv, int exitCode, String out, String err) {
    public boolean ok() {
      return exitCode == 0;
    }

    /** This result, or an error naming the command and everything it printed. */
    public Result orThrow() {
      if (!ok()) {
        throw new EstateException(this + "");
      }
      return this;
    }

    @Override
    public String toString() {
      return String.join(" ", argv)
          + " -> exit "
          + exitCode
          + (out.isBlank() ? "" : "\nstdout: " + out.strip())
          + (err.isBlank() ? "" : "\nstderr: " + err.strip());
    }
  }

  private Exec() {}

  public static Result run(List<String> argv, Duration timeout) {
    return run(argv, Map.of(), null, timeout);
  }

  /**
   * @param extraEnv added to {@link #BASE_ENV}
   * @param stdin written to the command's standard input, then closed; null for none
   */
  public static Result run(
      List<String> argv, Map<String, String> extraEnv, String stdin, Duration timeout) {
    return run(argv, extraEnv, stdin, timeout, line -> {});
  }

  /**
   * The same, telling {@code onLine} each line of standard output as it comes (a test reacts to a
   * progress line while the command still runs).
   */
  public static Result run(
      List<String> argv,
      Map<String, String> extraEnv,
      String stdin,
      Duration timeout,
      Consumer<String> onLine) {
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.environment().clear();
    pb.environment().putAll(BASE_ENV);
    pb.environment().putAll(extraEnv);
    if (stdin == null) {
      pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    }
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new EstateException("cannot run " + argv.get(0) + ": " + e.getMessage(), e);
    }
    CompletableFuture<String> out = drainLines(p.getInputStream(), onLine);
    CompletableFuture<String> err = drain(p.getErrorStream());
    try {
      if (stdin != null) {
        try (var in = p.getOutputStream()) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new EstateException(String.join(" ", argv) + " ran longer than " + timeout);
      }
      // A daemon that kept our pipes open must not hang the test: output is read with a bound.
      return new Result(
          List.copyOf(argv),
          p.exitValue(),
          out.get(10, TimeUnit.SECONDS),
          err.get(10, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new EstateException("interrupted while running " + argv.get(0), e);
    } catch (IOException | ExecutionException | TimeoutException e) {
      throw new EstateException("cannot read the output of " + String.join(" ", argv), e);
    }
  }

  /**
   * A command started and not waited for: a test kills it (as kill -9 does) or waits for it. Its
   * standard input is {@code /dev/null}.
   */
  public static final class Running {
    private final List<String> argv;
    private final Process process;
    private final CompletableFuture<String> out;
    private final CompletableFuture<String> err;

    private Running(List<String> argv, Process process) {
      this.argv = argv;
      this.process = process;
      this.out = drain(process.getInputStream());
      this.err = drain(process.getErrorStream());
    }

    public boolean alive() {
      return process.isAlive();
    }

    /**
     * Kills the command and everything it started with SIGKILL, deepest first: no handler, no
     * cleanup, as when a CI runner's machine kills a job.
     */
    public void kill() {
      List<ProcessHandle> all = new java.util.ArrayList<>(process.descendants().toList());
      java.util.Collections.reverse(all);
      all.forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }

    /** Waits for its end; fails after {@code timeout}. */
    public Result await(Duration timeout) {
      try {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          kill();
          throw new EstateException(String.join(" ", argv) + " ran longer than " + timeout);
        }
        return new Result(
            argv,
            process.exitValue(),
            out.get(10, TimeUnit.SECONDS),
            err.get(10, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        kill();
        Thread.currentThread().interrupt();
        throw new EstateException("interrupted while running " + argv.get(0), e);
      } catch (ExecutionException | TimeoutException e) {
        throw new EstateException("cannot read the output of " + String.join(" ", argv), e);
      }
    }
  }

  /** Starts a command with {@link #BASE_ENV} and {@code extraEnv}; does not wait for it. */
  public static Running start(List<String> argv, Map<String, String> extraEnv) {
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.environment().clear();
    pb.environment().putAll(BASE_ENV);
    pb.environment().putAll(extraEnv);
    pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    try {
      return new Running(List.copyOf(argv), pb.start());
    } catch (IOException e) {
      throw new EstateException("cannot run " + argv.get(0) + ": " + e.getMessage(), e);
    }
  }

  /** Runs a command and fails unless it exits 0. */
  public static Result ok(String... argv) {
    return run(List.of(argv), Duration.ofSeconds(60)).orThrow();
  }

  private static CompletableFuture<String> drainLines(InputStream in, Consumer<String> onLine) {
    return CompletableFuture.supplyAsync(
        () -> {
          StringBuilder all = new StringBuilder();
          try (BufferedReader r =
              new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
              all.append(line).append('\n');
              onLine.accept(line);
            }
            return all.toString();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        Threads.IO);
  }

  private static CompletableFuture<String> drain(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        Threads.IO);
  }
}

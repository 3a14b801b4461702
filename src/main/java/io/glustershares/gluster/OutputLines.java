package io.glustershares.gluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The lines a held command prints, read on a thread of their own as they come, so that a reader can
 * wait for the next one with a timeout (a blocking stream read cannot time out).
 */
final class OutputLines {

  /** Longest line kept: a held command prints short status lines. */
  private static final int MAX_LINE = 4096;

  /** The lines, then one empty value for the end of the output. */
  private final LinkedBlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();

  private final String what;

  private OutputLines(String what) {
    this.what = what;
  }

  /** Starts reading {@code in} until its end. */
  static OutputLines of(InputStream in, String what) {
    OutputLines out = new OutputLines(what);
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                  out.lines.add(
                      Optional.of(line.length() > MAX_LINE ? line.substring(0, MAX_LINE) : line));
                }
              } catch (IOException e) {
                // A dropped connection ends the output like its end does.
              } finally {
                out.lines.add(Optional.empty());
              }
            },
            "gluster-shares-held-output");
    t.setDaemon(true);
    t.start();
    return out;
  }

  Optional<String> next(Duration timeout) throws RunnerException {
    Optional<String> line;
    try {
      line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunnerException(RunnerException.Kind.TIMEOUT, "interrupted", e);
    }
    if (line == null) {
      throw new RunnerException(
          RunnerException.Kind.TIMEOUT,
          what + " printed nothing for " + timeout.toSeconds() + " s");
    }
    if (line.isEmpty()) {
      lines.add(line); // the end stays the end for whoever reads next
    }
    return line;
  }
}

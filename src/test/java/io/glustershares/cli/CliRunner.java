package io.glustershares.cli;

import io.glustershares.gluster.Retry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the CLI in-process, as a user would from {@code workDir}. Unless a test sets {@code
 * GLUSTER_SHARES_LOCK_DIR} itself, applies lock in a temporary directory of this test run, never in
 * the machine's own lock directory.
 */
public final class CliRunner {

  private static Path testLocks;

  private final Path workDir;
  private final Map<String, String> env = new HashMap<>();
  private boolean interactive;
  private boolean terminal;
  private String stdin = "";
  private Retry.Time retryTime = Retry.Time.SYSTEM;
  private Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

  public CliRunner(Path workDir) {
    this.workDir = workDir;
  }

  public CliRunner env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** Where gluster retries wait: a time that never sleeps, for tests of the retry budget. */
  public CliRunner retryTime(Retry.Time time) {
    this.retryTime = time;
    return this;
  }

  public CliRunner clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /** Standard output is a terminal (the seam for colour). */
  public CliRunner terminal() {
    this.terminal = true;
    return this;
  }

  public CliRunner interactive(String answer) {
    this.interactive = true;
    this.stdin = answer;
    return this;
  }

  public Main.Captured run(String... args) {
    Map<String, String> variables = new HashMap<>(env);
    variables.putIfAbsent(ApplyCommand.LOCK_DIR_VARIABLE, testLocks().toString());
    Environment environment =
        new Environment(
            workDir,
            variables,
            interactive,
            new ByteArrayInputStream(stdin.getBytes()),
            clock,
            terminal);
    return new Main(environment, retryTime).capture(args);
  }

  /** One owner-only temporary directory for the whole test run, removed when it ends. */
  private static synchronized Path testLocks() {
    if (testLocks == null) {
      try {
        testLocks = Files.createTempDirectory("gluster-shares-test-locks-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Path dir = testLocks;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try (var files = Files.list(dir)) {
                      for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                      }
                      Files.deleteIfExists(dir);
                    } catch (IOException e) {
                      // A temporary directory: the system cleans it in the end.
                    }
                  }));
    }
    return testLocks;
  }
}

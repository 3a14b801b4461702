package io.glustershares.cli;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** Runs the CLI in-process, as a user would from {@code workDir}. */
public final class CliRunner {

  private final Path workDir;
  private final Map<String, String> env = new HashMap<>();
  private boolean interactive;
  private String stdin = "";
  private Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

  public CliRunner(Path workDir) {
    this.workDir = workDir;
  }

  public CliRunner env(String name, String value) {
    env.put(name, value);
    return this;
  }

  public CliRunner clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  public CliRunner interactive(String answer) {
    this.interactive = true;
    this.stdin = answer;
    return this;
  }

  public Main.Captured run(String... args) {
    Environment environment =
        new Environment(
            workDir, env, interactive, new ByteArrayInputStream(stdin.getBytes()), clock);
    return new Main(environment).capture(args);
  }
}

package io.glustershares.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the CLI as its own process, as a shell would: for what only a process shows (the order of
 * standard output and standard error in one {@code 2>&1} log, signals). Locks go to a directory of
 * the caller's.
 */
final class CliProcess {

  private final Path workDir;
  private final Map<String, String> env = new HashMap<>();

  CliProcess(Path workDir, Path locks) {
    this.workDir = workDir;
    env.put(ApplyCommand.LOCK_DIR_VARIABLE, locks.toString());
  }

  CliProcess env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** The process, started with standard error merged into standard output when {@code merged}. */
  Process start(boolean merged, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().putAll(env);
    builder.redirectErrorStream(merged);
    builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    return builder.start();
  }

  /** Exit code and everything the process printed, standard error merged in order. */
  record Merged(int exitCode, String output) {}

  Merged merged(String... args) throws Exception {
    Process p = start(true, args);
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("gluster-shares " + String.join(" ", args) + " did not end");
    }
    return new Merged(p.exitValue(), output);
  }

  static String read(Path file) throws IOException {
    return Files.readString(file);
  }
}

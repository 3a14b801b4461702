package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.TestFiles;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15, stumble 6: Ctrl-C during apply, sent as SIGINT to a real process. */
class InterruptTest {

  @TempDir Path work;
  @TempDir Path locks;

  @BeforeEach
  void quickstart() throws Exception {
    TestFiles.copyTree(Path.of("examples/quickstart"), work);
  }

  /** Reads the output up to the first line containing {@code marker}; everything read so far. */
  private static String readUntil(BufferedReader in, StringBuilder seen, String marker)
      throws Exception {
    String line;
    while ((line = in.readLine()) != null) {
      seen.append(line).append('\n');
      if (line.contains(marker)) {
        return seen.toString();
      }
    }
    throw new AssertionError("no line with '" + marker + "' in:\n" + seen);
  }

  private static void sigint(Process p) throws Exception {
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
    assertThat(kill.waitFor()).isZero();
  }

  private Process slowApply() throws Exception {
    return new CliProcess(work, locks)
        .env(Connections.SIM_LATENCY_VARIABLE, "700")
        .start(true, "apply", "--auto-approve");
  }

  @Test
  void theFirstCtrlCFinishesTheRunningStepStartsNothingAndSummarises() throws Exception {
    Process p = slowApply();
    StringBuilder seen = new StringBuilder();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      readUntil(in, seen, "create_share analytics: started");
      sigint(p);
      in.lines().forEach(l -> seen.append(l).append('\n'));
    }
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String output = seen.toString();

    assertThat(p.exitValue()).as(output).isEqualTo(130);
    assertThat(output)
        .contains("interrupted: the running gluster calls and steps finish, nothing new starts")
        // The running create_share stopped its volume: it goes on until the volume serves again.
        .containsPattern("create_share analytics: (stopped after step \\d of \\d|done in)")
        .contains("Apply interrupted in", "Not done (interrupted):")
        .contains("create_share:scratch (not started)")
        .contains("The next apply finishes these");

    Main.Captured next =
        new CliRunner(work)
            .env(ApplyCommand.LOCK_DIR_VARIABLE, locks.toString())
            .run("apply", "--auto-approve");
    assertThat(next.exitCode()).as(next.out() + next.err()).isZero();
    assertThat(new CliRunner(work).run("plan", "--detailed-exitcode").exitCode()).isZero();
  }

  @Test
  void theSecondCtrlCStopsAtOnce() throws Exception {
    Process p = slowApply();
    StringBuilder seen = new StringBuilder();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      readUntil(in, seen, "create_share analytics: started");
      sigint(p);
      readUntil(in, seen, "press Ctrl-C again to stop at once");
      sigint(p);
      in.lines().forEach(l -> seen.append(l).append('\n'));
    }
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String output = seen.toString();

    assertThat(p.exitValue()).as(output).isEqualTo(130);
    assertThat(output).contains("interrupted again: stopping at once").doesNotContain("Apply ");

    Main.Captured next =
        new CliRunner(work)
            .env(ApplyCommand.LOCK_DIR_VARIABLE, locks.toString())
            .run("apply", "--auto-approve");
    assertThat(next.exitCode()).as(next.out() + next.err()).isZero();
    assertThat(new CliRunner(work).run("plan", "--detailed-exitcode").exitCode()).isZero();
  }
}

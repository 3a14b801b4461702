package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.gluster.Retry;
import io.glustershares.sim.SimFaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A glusterd busy with another transaction (the simulator's {@code transient=N-M} fault) is waited
 * for up to {@code --retry-budget}, each retry said on standard error; the waits are made on a time
 * that never sleeps, so the test takes no longer than its calls.
 */
class RetryBudgetTest {

  @TempDir Path work;

  private final Waits waits = new Waits();

  @BeforeEach
  void estate() throws Exception {
    Files.writeString(
        work.resolve("east.yaml"),
        """
        host: east-1
        volumes:
          - { name: pool-1G-1, options: { auth.ssl-allow: "glusterfs-server-1,manila-host" } }
        """);
    Files.writeString(
        work.resolve("gluster-shares.yaml"),
        """
        apiVersion: gluster-shares/v1
        stack: demo
        volumePattern: 'pool-#{size}G-\\d+$'
        clusters:
          east:
            server: sim:east.yaml
            infrastructureCns: [glusterfs-server-1, manila-host]
        shares:
          - { name: alpha, size: 1, access: [ { cn: tenant-a } ] }
        """);
  }

  private CliRunner cli(String faults) {
    return new CliRunner(work).env(SimFaults.VARIABLE, faults).retryTime(waits);
  }

  private static List<String> retryLines(String err) {
    return err.lines().filter(l -> l.contains("glusterd is busy")).toList();
  }

  @Test
  void aReadingCommandWaitsForABusyGlusterdAndSaysSo() {
    // Call 1 is gluster --version (no XML, never refused); calls 2 to 4 are refused.
    Main.Captured plan = cli("east:transient=2-4").run("plan");

    assertThat(plan.exitCode()).isZero();
    assertThat(plan.out()).contains("+ create_share alpha");
    assertThat(retryLines(plan.err()))
        .hasSize(3)
        .first()
        .asString()
        .startsWith(
            "gluster-shares: [east] volume info: glusterd is busy (Another transaction is in"
                + " progress for the cluster. Please try again after some time.); retry 1 in ")
        .endsWith(" of the 120 s retry budget spent");
    assertThat(waits.slept).hasSize(3);
  }

  @Test
  void applyRetriesAChangeRefusedByABusyGlusterdAndConverges() throws Exception {
    Main.Captured apply = cli("east:transient=8-9").run("apply", "--auto-approve");

    assertThat(apply.exitCode()).as(apply.err()).isZero();
    assertThat(retryLines(apply.err())).hasSize(2);
    assertThat(cli("").run("plan", "--detailed-exitcode").exitCode()).isZero();
  }

  @Test
  void aSpentBudgetFailsWithGlustersWordsAndHowLongItWaited() {
    Main.Captured plan = cli("east:transient=2-1000").run("plan", "--retry-budget", "10s");

    assertThat(plan.exitCode()).isEqualTo(ExitCode.GLUSTER_ERROR);
    assertThat(plan.err())
        .containsPattern(
            "volume info failed: Another transaction is in progress for the cluster\\. Please"
                + " try again after some time\\. \\(still so after \\d+ retries in 10 s, the"
                + " retry budget of 10 s\\)")
        .doesNotContain("\tat ");
    assertThat(waits.total()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void aBudgetOfZeroTriesOnce() {
    Main.Captured show = cli("east:transient=2").run("show", "--retry-budget", "0");

    assertThat(show.exitCode()).isEqualTo(ExitCode.GLUSTER_ERROR);
    assertThat(retryLines(show.err())).isEmpty();
    assertThat(waits.slept).isEmpty();
  }

  @Test
  void aBudgetThatIsNoDurationIsAUsageErrorOfOneLine() {
    for (String bad : List.of("soon", "-1s", "10 min", "25h", "9999999999")) {
      Main.Captured audit = cli("").run("audit", "--retry-budget", bad);

      assertThat(audit.exitCode()).as(bad).isEqualTo(ExitCode.INVALID);
      assertThat(audit.err().lines().toList())
          .as(bad)
          .hasSize(1)
          .first()
          .asString()
          .startsWith("gluster-shares: --retry-budget '" + bad + "': not a duration")
          .contains("valid: a whole number with a unit (500ms, 30s, 2m, 1h");
      assertThat(work.resolve(".gluster-shares")).doesNotExist();
    }
  }

  @Test
  void theUnitsAreRead() {
    assertThat(RetryOption.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(RetryOption.parse("45")).isEqualTo(Duration.ofSeconds(45));
    assertThat(RetryOption.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(RetryOption.parse("24h")).isEqualTo(Duration.ofHours(24));
  }

  /** Records the waits and moves its time by them; never sleeps. */
  private static final class Waits implements Retry.Time {
    final List<Duration> slept = new ArrayList<>();
    private long now;

    @Override
    public synchronized long nanoTime() {
      return now;
    }

    @Override
    public synchronized void sleep(Duration duration) {
      slept.add(duration);
      now += duration.toNanos();
    }

    synchronized Duration total() {
      return slept.stream().reduce(Duration.ZERO, Duration::plus);
    }
  }
}

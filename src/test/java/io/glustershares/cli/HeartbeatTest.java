package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.JsonSchemas;
import io.glustershares.TestFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15, stumble 5: long work is visible. */
class HeartbeatTest {

  @TempDir Path work;

  @BeforeEach
  void quickstart() throws Exception {
    TestFiles.copyTree(Path.of("examples/quickstart"), work);
  }

  /** A clock on which every reading is 11 s after the one before: every beat is due. */
  private static final class Stepping extends Clock {
    private final AtomicLong seconds =
        new AtomicLong(Instant.parse("2026-11-25T12:00:00Z").getEpochSecond());

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochSecond(seconds.getAndAdd(Duration.ofSeconds(11).toSeconds()));
    }
  }

  @Test
  void whatIsReadIsSaidBeforeItIsRead() {
    Main.Captured plan = new CliRunner(work).run("plan");

    assertThat(plan.err()).contains("gluster-shares: reading cluster demo…");
    assertThat(plan.out()).doesNotContain("reading cluster");
  }

  @Test
  void aLongActionTellsWhichStepItIsInAsPlainLines() {
    // Each simulated call takes 1.5 s of real time; the heartbeat looks every second, and on this
    // clock 11 s have passed at each look.
    Main.Captured apply =
        new CliRunner(work)
            .clock(new Stepping())
            .env(Connections.SIM_LATENCY_VARIABLE, "1500")
            .run("apply", "--auto-approve", "--target", "scratch");

    assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
    assertThat(apply.err())
        .containsPattern(
            "gluster-shares: still creating_share scratch… \\d+ s, step \\d of \\d: (volume"
                + " (stop|set|start)|check)")
        .doesNotContain("\r");
  }

  @Test
  void withJsonTheHeartbeatIsAnEventOfTheStream() {
    Main.Captured apply =
        new CliRunner(work)
            .clock(new Stepping())
            .env(Connections.SIM_LATENCY_VARIABLE, "1500")
            .run("apply", "--json", "--auto-approve", "--target", "scratch");

    assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
    List<String> beats =
        apply.out().lines().filter(l -> l.startsWith("{\"type\":\"heartbeat\"")).toList();
    assertThat(beats).isNotEmpty();
    for (String beat : beats) {
      assertThat(JsonSchemas.problems("apply-events-v1.schema.json", beat)).as(beat).isEmpty();
      assertThat(beat).contains("\"action\":\"create_share:scratch\"");
    }
    assertThat(apply.err()).doesNotContain("still creating_share");
  }
}

package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.apply.Applier;
import io.glustershares.apply.ApplyResult;
import io.glustershares.apply.Progress;
import io.glustershares.model.DesiredState;
import io.glustershares.plan.Plan;
import io.glustershares.plan.PlanOptions;
import io.glustershares.render.Json;
import io.glustershares.sim.SimFaults;
import io.glustershares.sim.SimState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * What keeps an apply from doing harm when the world moves under it: the create's last look at its
 * volume before binding it, and a failed step that leaves the volume as it found it. On the
 * simulator, with the fault injection of {@code GLUSTER_SHARES_SIM_FAULTS}.
 */
class ApplyGuardsTest {

  private static final String POOL =
      "host: gluster-1\n"
          + "volumes:\n"
          + "  - { name: pool-1G-1, options: { auth.ssl-allow: \"glusterfs-server-1,manila-host\" } }\n"
          + "  - { name: pool-1G-2, options: { auth.ssl-allow: \"glusterfs-server-1,manila-host\" } }\n";

  @TempDir Path work;

  @BeforeEach
  void files() throws Exception {
    Files.writeString(work.resolve("pool.yaml"), POOL);
    desired("a.yaml", "a", "x", "tenant-a");
    desired("b.yaml", "b", "y", "tenant-b");
  }

  private void desired(String file, String stack, String share, String cn) throws Exception {
    Files.writeString(
        work.resolve(file),
        "apiVersion: gluster-shares/v1\n"
            + "stack: "
            + stack
            + "\n"
            + "volumePattern: 'pool-#{size}G-\\d+$'\n"
            + "clusters:\n"
            + "  c: { server: sim:pool.yaml, infrastructureCns: [glusterfs-server-1, manila-host] }\n"
            + "shares:\n"
            + "  - { name: "
            + share
            + ", size: 1, access: [ { cn: "
            + cn
            + " } ] }\n");
  }

  private Main.Captured cli(String... args) {
    return new CliRunner(work).run(args);
  }

  private JsonNode volume(String name) throws Exception {
    JsonNode state = Json.parse(Files.readString(work.resolve(".gluster-shares/c.json")));
    for (JsonNode v : state.get("volumes")) {
      if (v.get("name").asString().equals(name)) {
        return v;
      }
    }
    throw new AssertionError("no volume " + name);
  }

  private static final String STARTED = SimState.Status.STARTED.name();

  @Test
  void aVolumeAnotherApplyBoundAfterThePlanWasMadeIsNeverTakenOver() throws Exception {
    StringWriter said = new StringWriter();
    PrintWriter out = new PrintWriter(said, true);
    Environment environment = new Environment(work, Map.of(), false, System.in, Clock.systemUTC());
    Context context = new Context(out, out, environment, Optional.empty());
    DesiredState a = DesiredFile.load(context, work.resolve("a.yaml"));
    try (Connections connections =
        Connections.open(a, environment, io.glustershares.gluster.Retry.standard())) {
      // Stack a plans: pool-1G-1 is free.
      Plan plan =
          PlanCommand.plan(a, Observation.readAll(context, a, connections), PlanOptions.DEFAULT);
      assertThat(plan.actions().get(0).volume()).contains("pool-1G-1");

      // Meanwhile stack b, from another host, binds the same volume.
      Main.Captured b = cli("apply", "-f", "b.yaml", "--auto-approve");
      assertThat(b.exitCode()).as(b.out() + b.err()).isZero();

      ApplyResult result = new Applier(connections.executors(), Progress.NONE, 1).apply(plan);

      assertThat(result.failed()).hasSize(1);
      assertThat(result.failed().get(0).error())
          .isEqualTo(
              "cluster 'c': volume 'pool-1G-1' is no longer free (user.gluster-shares.owner is"
                  + " now 'b', user.gluster-shares.name is now 'y', user.manila-share is now '"
                  + volume("pool-1G-1").get("options").get("user.manila-share").asString()
                  + "'): another apply bound it after this plan was made; nothing was changed."
                  + " Apply again to bind another volume");
    }
    JsonNode options = volume("pool-1G-1").get("options");
    assertThat(options.get("user.gluster-shares.owner").asString()).isEqualTo("b");
    assertThat(options.get("user.gluster-shares.name").asString()).isEqualTo("y");
    assertThat(options.get("auth.ssl-allow").asString())
        .contains("tenant-b")
        .doesNotContain("tenant-a");
    assertThat(volume("pool-1G-1").get("status").asString()).isEqualTo(STARTED);

    // The next apply of stack a plans from what is there now: the other free volume.
    Main.Captured again = cli("apply", "-f", "a.yaml", "--auto-approve");
    assertThat(again.exitCode()).as(again.out()).isZero();
    assertThat(again.out()).contains("bind pool-1G-2");
  }

  @Test
  void aCreateWhoseVolumeSetFailsStartsTheVolumeItStoppedAgain() throws Exception {
    // The number of the create's volume set among the run's calls, from a run without faults.
    Path reference = work.resolve("reference");
    Files.createDirectory(reference);
    Files.copy(work.resolve("pool.yaml"), reference.resolve("pool.yaml"));
    Files.copy(work.resolve("a.yaml"), reference.resolve("a.yaml"));
    assertThat(new CliRunner(reference).run("apply", "-f", "a.yaml", "--auto-approve").exitCode())
        .isZero();
    List<String> all = Files.readAllLines(reference.resolve(".gluster-shares/c.calls"));
    int set =
        1 + all.indexOf(all.stream().filter(c -> c.contains(" volume set ")).findFirst().get());
    assertThat(all.get(set - 2)).isEqualTo("gluster --xml --mode=script volume stop pool-1G-1");

    Main.Captured failed =
        new CliRunner(work)
            .env(SimFaults.VARIABLE, "c:fail=" + set)
            .run("apply", "-f", "a.yaml", "--auto-approve");

    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.out())
        .contains(
            "[c] + create_share x: FAILED after ",
            "cluster 'c': volume 'pool-1G-1': volume set failed: simulated failure of call "
                + set
                + " (opErrno 30800); volume 'pool-1G-1' was started again, as it was found");
    List<String> calls = Files.readAllLines(work.resolve(".gluster-shares/c.calls"));
    assertThat(calls.subList(set - 2, calls.size()))
        .containsExactly(
            "gluster --xml --mode=script volume stop pool-1G-1",
            all.get(set - 1),
            "gluster --xml volume start pool-1G-1");
    assertThat(volume("pool-1G-1").get("status").asString()).isEqualTo(STARTED);
    assertThat(volume("pool-1G-1").get("options").has("user.gluster-shares.owner")).isFalse();

    assertThat(cli("apply", "-f", "a.yaml", "--auto-approve").exitCode()).isZero();
    assertThat(cli("plan", "-f", "a.yaml", "--detailed-exitcode").exitCode()).isZero();
  }

  @Test
  void aFreePoolVolumeLeftStoppedIsReportedAndTheCreateThatBindsItStartsIt() throws Exception {
    // As an apply killed between its stop and its set leaves it.
    Files.writeString(
        work.resolve("pool.yaml"),
        POOL.replace(
            "{ name: pool-1G-1, options:", "{ name: pool-1G-1, status: Stopped, options:"));
    desired("empty.yaml", "a", "x", "tenant-a");
    Files.writeString(
        work.resolve("empty.yaml"),
        Files.readString(work.resolve("empty.yaml")).replaceAll("shares:\\n.*\\n", ""));

    Main.Captured show = cli("show", "-f", "empty.yaml");
    assertThat(show.out())
        .contains(
            "pool-1G-1 (1 GB): not started (a failed or interrupted apply may have left it so);"
                + " binding it starts it");
    // A pool volume's state is a warning (issue 15): exit 0, or 2 with --fail-on warning.
    Main.Captured audit = cli("audit", "-f", "empty.yaml");
    assertThat(audit.exitCode()).as(audit.out()).isZero();
    assertThat(cli("audit", "-f", "empty.yaml", "--fail-on", "warning").exitCode()).isEqualTo(2);
    assertThat(audit.out()).contains("pool-1G-1").contains("not started");
    Main.Captured plan = cli("plan", "-f", "empty.yaml");
    assertThat(plan.out())
        .contains(
            "1 free pool volume is not started (a failed or interrupted apply may have left it so;"
                + " binding one starts it, or start it now with gluster volume start VOLUME):"
                + " pool-1G-1");

    Main.Captured apply = cli("apply", "-f", "a.yaml", "--auto-approve");
    assertThat(apply.exitCode()).as(apply.out()).isZero();
    assertThat(volume("pool-1G-1").get("status").asString()).isEqualTo(STARTED);
    assertThat(cli("audit", "-f", "a.yaml").exitCode()).isZero();
  }
}

package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.JsonSchemas;
import io.glustershares.render.Json;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16: snapshot schedules with retention, {@code --only-scheduled}, and a scheduled run killed
 * after any gluster call (the simulator's {@code die=N}, in a JVM of its own) finished by the next.
 */
class SnapshotScheduleTest {

  private static final String FILE =
      """
      apiVersion: gluster-shares/v1
      stack: prod
      volumePattern: 'pool-#{size}G-\\d+$'
      clusters:
        east:
          server: sim:pool.yaml
          infrastructureCns: [glusterfs-server-1, manila-host]
      shares:
        - name: web
          size: 1
          access: [ { cn: tenant-a } ]
          snapshots: [ { name: before-migration } ]
          snapshotSchedule: { every: daily, at: "02:00", keep: 2 }
      """;

  private static final String NEW_SHARE =
      """
        - name: other
          size: 1
          access: [ { cn: tenant-b } ]
      """;

  @TempDir Path work;
  private CliRunner cli;

  @BeforeEach
  void twoDaysOfSnapshots() throws Exception {
    Files.writeString(
        work.resolve("pool.yaml"),
        "host: gluster-east-1\n"
            + "generate:\n"
            + "  - { name: \"pool-{size}G-{n}\", sizes: { 1: 2 }, ready: true }\n");
    Files.writeString(work.resolve("gluster-shares.yaml"), FILE);
    cli = new CliRunner(work);
    for (String now : List.of("2026-12-01T03:00:00Z", "2026-12-02T02:00:00Z")) {
      Main.Captured apply = cli.run("apply", "--auto-approve", "--now", now);
      assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
    }
  }

  private String write(String name, String text) throws Exception {
    Files.writeString(work.resolve(name), text);
    return name;
  }

  private List<String> snapshots(Path dir) throws Exception {
    JsonNode state = Json.parse(Files.readString(dir.resolve(".gluster-shares/east.json")));
    List<String> out = new ArrayList<>();
    for (JsonNode s : state.path("snapshots")) {
      out.add(s.path("description").asString());
    }
    return out;
  }

  @Test
  void retentionRunsWithoutAllowDestroyButIsMarkedDestructive() throws Exception {
    Main.Captured json = cli.run("plan", "--json", "--now", "2026-12-05T02:00:00Z");
    assertThat(JsonSchemas.problems("plan-v1.schema.json", json.out())).isEmpty();
    JsonNode retention =
        StreamSupport.stream(Json.parse(json.out()).path("actions").spliterator(), false)
            .filter(a -> a.path("type").asString().equals("delete_snapshot"))
            .findFirst()
            .orElseThrow();
    assertThat(retention.path("snapshot").asString()).isEqualTo("daily-2026-12-01");
    assertThat(retention.path("destructive").asBoolean()).isTrue();
    assertThat(retention.path("reason").asString()).isEqualTo("retention");

    Main.Captured apply = cli.run("apply", "--auto-approve", "--now", "2026-12-05T02:00:00Z");
    assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
    assertThat(snapshots(work))
        .containsExactlyInAnyOrder(
            "prod/web/before-migration", "prod/web/daily-2026-12-02", "prod/web/daily-2026-12-05");
  }

  @Test
  void aDeleteTheFileAsksForStillNeedsAllowDestroy() throws Exception {
    Files.writeString(
        work.resolve("gluster-shares.yaml"),
        FILE.replace("snapshots: [ { name: before-migration } ]", "snapshots: []"));
    Main.Captured reserved =
        cli.run(
            "validate",
            "-f",
            write(
                "reserved.yaml", FILE.replace("name: before-migration", "name: daily-2026-11-30")));
    assertThat(reserved.exitCode()).isEqualTo(3);
    assertThat(reserved.err())
        .contains(
            "reserved.yaml:12:26: shares[0].snapshots[0].name: snapshot name 'daily-2026-11-30'");
    Main.Captured apply =
        cli.run("apply", "--auto-approve", "--prune", "--now", "2026-12-05T02:00:00Z");
    assertThat(apply.exitCode()).isEqualTo(4);
    assertThat(apply.err()).contains("delete_snapshot:web/before-migration").contains("1 action");
  }

  @Test
  void onlyScheduledRunsTheTimeDrivenActionsAlone() throws Exception {
    Files.writeString(work.resolve("gluster-shares.yaml"), FILE + NEW_SHARE);
    Main.Captured plan =
        cli.run("plan", "--only-scheduled", "--now", "2026-12-03T02:00:00Z", "--out", "p.json");
    assertThat(plan.out())
        .contains("create_snapshot web/daily-2026-12-03", "delete_snapshot web/daily-2026-12-01")
        .doesNotContain("create_share");
    Main.Captured apply = cli.run("apply", "p.json", "--auto-approve");
    assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
    Main.Captured rest = cli.run("plan", "--now", "2026-12-03T02:00:00Z");
    assertThat(rest.out()).contains("+ create_share other").doesNotContain("create_snapshot");
  }

  @Test
  void aScheduledRunKilledAfterAnyCallIsFinishedByTheNext() throws Exception {
    List<String> run =
        List.of("apply", "--only-scheduled", "--auto-approve", "--now", "2026-12-05T02:00:00Z");
    Path reference = copy("reference");
    int before = calls(reference);
    Main.Captured full = new CliRunner(reference).run(run.toArray(String[]::new));
    assertThat(full.exitCode()).as(full.out() + full.err()).isZero();
    int calls = calls(reference) - before;
    assertThat(calls).isGreaterThanOrEqualTo(5);
    List<String> expected = snapshots(reference);
    for (int k = 1; k <= calls; k++) {
      Path dir = copy("kill-" + k);
      assertThat(killedAfter(dir, k, run)).as("killed after call " + k).isEqualTo(137);
      CliRunner again = new CliRunner(dir);
      Main.Captured finish = again.run(run.toArray(String[]::new));
      assertThat(finish.exitCode()).as("after kill " + k + ": " + finish.out()).isZero();
      Main.Captured plan =
          again.run("plan", "--detailed-exitcode", "--now", "2026-12-05T02:00:00Z");
      assertThat(plan.exitCode()).as("converged after kill " + k + ": " + plan.out()).isZero();
      assertThat(snapshots(dir))
          .as("after kill " + k)
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  private Path copy(String name) throws Exception {
    Path dir = work.resolve("runs").resolve(name);
    Files.createDirectories(dir);
    for (String f : List.of("gluster-shares.yaml", "pool.yaml")) {
      Files.copy(work.resolve(f), dir.resolve(f));
    }
    io.glustershares.TestFiles.copyTree(
        work.resolve(".gluster-shares"), dir.resolve(".gluster-shares"));
    return dir;
  }

  private static int calls(Path dir) throws Exception {
    return Files.readAllLines(dir.resolve(".gluster-shares/east.calls")).size();
  }

  /** The CLI in a JVM of its own, killed by the simulator right after its call {@code k}. */
  private static int killedAfter(Path dir, int k, List<String> args) throws Exception {
    Path locks = Files.createTempDirectory("gluster-shares-locks");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().put("GLUSTER_SHARES_SIM_FAULTS", "east:die=" + k);
    pb.environment().put(ApplyCommand.LOCK_DIR_VARIABLE, locks.toString());
    pb.redirectErrorStream(true).redirectOutput(new File(dir.resolve("killed.log").toString()));
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return p.exitValue();
  }
}

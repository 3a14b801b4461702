package io.glustershares.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.TestFiles;
import io.glustershares.cli.CliRunner;
import io.glustershares.cli.Main;
import io.glustershares.render.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * An apply killed after any gluster call is finished by the next one. The scenario touches every
 * action type (create, adopt, snapshot, clone, repair, allow, deny, delete snapshot, delete share
 * with its wipe, prune of an orphan clone); the packaged jar is killed, like kill -9, right after
 * call 1, 2, 3, ... of the run, and each time a second apply must converge: nothing left to plan,
 * no volume bound twice, no unfinished clone, the kept share's data intact, the deleted share's
 * data gone.
 */
class CrashSafetyIT {

  private static final Path SCENARIO = Path.of("src/test/resources/crash");
  private static final List<String> APPLY =
      List.of("apply", "--auto-approve", "--allow-destroy", "--prune");

  @TempDir Path root;

  private static Result run(Path dir, Map<String, String> env, List<String> args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "java",
                "-jar",
                System.getProperty("gluster-shares.jar", "target/gluster-shares.jar")));
    command.addAll(args);
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().remove("GLUSTER_SHARES_SIM_FAULTS");
    pb.environment().put("GLUSTER_SHARES_LOCK_DIR", dir.resolve("locks").toString());
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out);
  }

  private record Result(int exit, String out) {}

  private static Result inProcess(Path dir, List<String> args) {
    Main.Captured r =
        new CliRunner(dir)
            .env("GLUSTER_SHARES_LOCK_DIR", dir.resolve("locks").toString())
            .run(args.toArray(String[]::new));
    return new Result(r.exitCode(), r.out() + r.err());
  }

  private static Path fresh(Path root, String name) throws IOException {
    Path dir = root.resolve(name);
    TestFiles.copyTree(SCENARIO, dir);
    return dir;
  }

  @Test
  void anApplyKilledAfterAnyCallIsFinishedByTheNext() throws Exception {
    Path reference = fresh(root, "reference");
    Result full = run(reference, Map.of(), APPLY);
    assertThat(full.exit()).as(full.out()).isZero();
    for (String type :
        List.of(
            "create_share",
            "adopt_share",
            "create_snapshot",
            "create_share_from_snapshot",
            "repair_share",
            "allow_access",
            "deny_access",
            "delete_snapshot",
            "delete_share")) {
      assertThat(full.out()).as("the scenario covers " + type).contains(" " + type + " ");
    }
    int calls = Files.readAllLines(reference.resolve(".gluster-shares/east.calls")).size();
    assertThat(calls).isGreaterThan(30);

    for (int k = 1; k <= calls; k++) {
      Path dir = fresh(root, "kill-" + k);
      Result killed = run(dir, Map.of("GLUSTER_SHARES_SIM_FAULTS", "east:die=" + k), APPLY);
      assertThat(killed.exit())
          .as("run killed after call " + k + ":\n" + killed.out())
          .isEqualTo(137);

      // The recovery runs in-process, as a fresh command: only the killed run needs a process.
      Result again = inProcess(dir, APPLY);
      assertThat(again.exit()).as("apply after a kill at call " + k + ":\n" + again.out()).isZero();
      Result plan = inProcess(dir, List.of("plan", "--prune", "--detailed-exitcode"));
      assertThat(plan.exit())
          .as("converged after a kill at call " + k + ":\n" + plan.out())
          .isZero();
      assertConsistent(dir, k);
    }
  }

  private static void assertConsistent(Path dir, int k) throws Exception {
    Result show = inProcess(dir, List.of("show", "--json"));
    JsonNode cluster = Json.parse(show.out()).get("clusters").get(0);
    Set<String> shares = new HashSet<>();
    Set<String> volumes = new HashSet<>();
    for (JsonNode share : cluster.get("shares")) {
      assertThat(shares.add(share.get("share").asString()))
          .as("share bound twice after kill " + k)
          .isTrue();
      assertThat(volumes.add(share.get("volume").asString())).isTrue();
      assertThat(share.get("security").get("secured").asBoolean()).as(share.toString()).isTrue();
    }
    assertThat(shares)
        .containsExactlyInAnyOrder(
            "kept", "widened", "insecure", "stopped", "legacy", "fresh", "fresh-copy");
    assertThat(cluster.get("pendingClones")).as("unfinished clones after kill " + k).isEmpty();

    JsonNode state = Json.parse(Files.readString(dir.resolve(".gluster-shares/east.json")));
    for (JsonNode volume : state.get("volumes")) {
      String name = volume.get("name").asString();
      if (name.equals("pool-3G-1")) {
        assertThat(volume.get("files").toString())
            .as("kept data after kill " + k)
            .isEqualTo("[\"keep-me.txt\",\"project/\",\"project/notes.md\"]");
      }
      if (name.equals("pool-5G-1")) {
        assertThat(volume.get("files").toString()).as("wiped after kill " + k).isEqualTo("[]");
      }
    }
    assertThat(state.get("mounts").size()).as("nothing left mounted after kill " + k).isZero();
  }
}

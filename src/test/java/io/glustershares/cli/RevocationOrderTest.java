package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.model.Identity;
import io.glustershares.sim.SimFaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 11, item 6, on the simulator: a failure elsewhere in an apply never keeps a revoked CN's
 * access. Each test makes exactly one gluster call fail, found from the plan's own order, so that
 * the same fault hits the same step whatever the actions around it.
 */
class RevocationOrderTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path work;
  @TempDir Path locks;

  private CliRunner cli() {
    return new CliRunner(work).env(ApplyCommand.LOCK_DIR_VARIABLE, locks.toString());
  }

  @BeforeEach
  void files() throws Exception {
    Files.writeString(
        work.resolve("pool.yaml"),
        """
        host: gluster-east-1
        volumes:
          - name: pool-3G-1
            options:
              user.manila-share: "%s"
              user.gluster-shares.owner: prod
              user.gluster-shares.name: drifted
              auth.ssl-allow: "glusterfs-server-1,manila-host,tenant-old"
              client.ssl: "off"
              server.ssl: "on"
              nfs.export-volumes: "off"
              server.dynamic-auth: "on"
          - name: pool-3G-2
            files: [ secret.txt ]
            options:
              user.manila-share: "%s"
              user.gluster-shares.owner: prod
              user.gluster-shares.name: gone
              auth.ssl-allow: "glusterfs-server-1,manila-host,tenant-gone"
              client.ssl: "on"
              server.ssl: "on"
              nfs.export-volumes: "off"
              server.dynamic-auth: "on"
        snapshots:
          - { name: "%s", volume: pool-3G-2, description: "prod/gone/nightly", activated: false }
        """
            .formatted(
                Identity.shareUuid("prod", "drifted"),
                Identity.shareUuid("prod", "gone"),
                Identity.snapshotName("prod", "gone", "nightly")));
    Files.writeString(
        work.resolve("gluster-shares.yaml"),
        """
        apiVersion: gluster-shares/v1
        stack: prod
        volumePattern: 'pool-#{size}G-\\d+$'
        clusters:
          east: { server: sim:pool.yaml, infrastructureCns: [glusterfs-server-1, manila-host] }
        shares:
          - { name: drifted, size: 3, access: [ { cn: tenant-new } ] }
          - { name: gone, state: absent }
        """);
  }

  /**
   * The number of the gluster call that runs the first step of this action: reads are 1-5, and each
   * action first reads the peers (pool list), then runs its steps.
   */
  private int callOf(String actionId) throws Exception {
    Main.Captured plan = cli().run("plan", "--json");
    assertThat(plan.exitCode()).as(plan.err()).isZero();
    int call = 5;
    for (JsonNode a : JSON.readTree(plan.out()).path("actions")) {
      if (a.path("id").asString().equals(actionId)) {
        return call + 2;
      }
      call += 1 + a.path("steps").size();
    }
    throw new AssertionError("no action " + actionId + " in " + plan.out());
  }

  private List<String> allowList(String volume) throws Exception {
    JsonNode state = JSON.readTree(work.resolve(".gluster-shares/east.json").toFile());
    for (JsonNode v : state.path("volumes")) {
      if (v.path("name").asString().equals(volume)) {
        return List.of(v.path("options").path("auth.ssl-allow").asString().split(","));
      }
    }
    throw new AssertionError("no volume " + volume);
  }

  @Test
  void aFailedRepairOfTheSameShareDoesNotKeepARevokedCn() throws Exception {
    int repair = callOf("repair_share:drifted");

    Main.Captured apply =
        cli()
            .env(SimFaults.VARIABLE, "east:fail=" + repair)
            .run("apply", "--auto-approve", "--allow-destroy");

    assertThat(apply.exitCode()).as(apply.out()).isEqualTo(1);
    assertThat(apply.out()).contains("repair_share drifted: FAILED");
    assertThat(allowList("pool-3G-1")).doesNotContain("tenant-old").contains("tenant-new");
  }

  @Test
  void aFailedSnapshotDeleteDoesNotKeepTheTenantsOfADeletedShare() throws Exception {
    int snapshot = callOf("delete_snapshot:gone/nightly");

    Main.Captured apply =
        cli()
            .env(SimFaults.VARIABLE, "east:fail=" + snapshot)
            .run("apply", "--auto-approve", "--allow-destroy");

    assertThat(apply.exitCode()).as(apply.out()).isEqualTo(1);
    assertThat(apply.out()).contains("delete_snapshot gone/nightly: FAILED");
    assertThat(allowList("pool-3G-2")).doesNotContain("tenant-gone");
    // The next apply finishes the deletion.
    Main.Captured again = cli().run("apply", "--auto-approve", "--allow-destroy");
    assertThat(again.exitCode()).as(again.out()).isZero();
    assertThat(cli().run("plan", "--detailed-exitcode").exitCode()).isZero();
  }

  @Test
  void withoutAllowDestroyTheWholePlanIsRefusedAndTheSummarySaysTheDeniesDidNotRun() {
    Main.Captured apply = cli().run("apply", "--auto-approve");

    assertThat(apply.exitCode()).isEqualTo(4);
    assertThat(apply.err())
        .contains("nothing was changed")
        .contains("did not run either")
        .contains("deny_access:gone")
        .contains("deny_access:drifted");
  }
}

package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.sim.SimFaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server of a three-server cluster whose glusterd is down, on the simulator (the same refusals
 * are proven on the real estate by PeerDownIT): before an apply, the plan refuses what touches its
 * bricks; during one, the applier's check refuses the next action that does; once it is back, the
 * next apply converges. show, audit and doctor say which server is away.
 */
class PeerDownTest {

  @TempDir Path work;

  private static final String POOL =
      """
      host: east-1
      peers:
        - { hostname: east-2 }
        - { hostname: east-3, connected: EAST3 }
      volumes:
        - { name: pool-1G-1, replica: 3, options: { auth.ssl-allow: "glusterfs-server-1,manila-host" } }
        - { name: pool-2G-1, replica: 2, options: { auth.ssl-allow: "glusterfs-server-1,manila-host" } }
      """;

  /** alpha's volume has no brick on east-3; beta's has. */
  private static final String FILE =
      """
      apiVersion: gluster-shares/v1
      stack: demo
      volumePattern: 'pool-#{size}G-\\d+$'
      clusters:
        east:
          server: sim:east.yaml
          INFRA
      shares:
        - { name: alpha, size: 2, access: [ { cn: tenant-a } ] }
        - { name: beta, size: 1, access: [ { cn: tenant-b } ] }
      """;

  private void write(boolean east3Connected, boolean declareInfrastructure) throws Exception {
    Files.writeString(work.resolve("east.yaml"), POOL.replace("EAST3", "" + east3Connected));
    Files.writeString(
        work.resolve("gluster-shares.yaml"),
        FILE.replace(
            "INFRA",
            declareInfrastructure ? "infrastructureCns: [glusterfs-server-1, manila-host]" : ""));
  }

  @BeforeEach
  void estate() throws Exception {
    write(true, true);
  }

  private CliRunner cli() {
    return new CliRunner(work);
  }

  private List<String> changes() throws Exception {
    return Files.readAllLines(work.resolve(".gluster-shares/east.calls")).stream()
        .filter(l -> l.contains(" set ") || l.contains(" stop ") || l.contains(" start "))
        .toList();
  }

  @Test
  void aServerDownBeforeAnApplyRefusesWhatTouchesItsBricksUntilItIsBack() throws Exception {
    write(false, true);

    Main.Captured plan = cli().run("plan");
    assertThat(plan.exitCode()).isEqualTo(1);
    assertThat(plan.out())
        .contains("+ create_share alpha  cluster east  volume pool-2G-1")
        .contains(
            "share 'beta': cluster 'east': volume pool-1G-1 has a brick on east-3, which is"
                + " disconnected (glusterd not answering)")
        .contains("not planned until east-3 is back");

    Main.Captured apply = cli().run("apply", "--auto-approve");
    assertThat(apply.exitCode()).isEqualTo(1);
    assertThat(apply.err()).contains("the plan has errors; nothing was applied");
    assertThat(changes()).isEmpty();

    Main.Captured show = cli().run("show");
    assertThat(show.out())
        .contains("  servers: east-2, east-3 DISCONNECTED, east-1")
        .contains(
            "  east-3 is disconnected (glusterd not answering): volumes with a brick there are not"
                + " changed until it is back");

    Main.Captured audit = cli().run("audit");
    assertThat(audit.exitCode()).isEqualTo(2);
    assertThat(audit.out())
        .contains(
            "  - peer_disconnected: server east-3 is disconnected: no volume with a brick there"
                + " can be changed");

    Main.Captured doctor = cli().run("doctor");
    assertThat(doctor.exitCode()).isEqualTo(1);
    assertThat(doctor.out()).contains("FAIL  east: server east-3 is disconnected");

    // east-3 is back (the simulated peer reconnects right after the first call): all converges.
    Main.Captured back =
        cli().env(SimFaults.VARIABLE, "east:peer-up=1").run("apply", "--auto-approve");
    assertThat(back.exitCode()).as(back.out() + back.err()).isZero();
    assertThat(back.out()).contains("+ create_share alpha: done", "+ create_share beta: done");
    assertThat(cli().run("plan", "--detailed-exitcode").exitCode()).isZero();
  }

  @Test
  void aServerGoingAwayDuringAnApplyFailsTheNextActionOnItsBricks() throws Exception {
    // Calls: 5 reads; alpha: pool list, stop, set, start (6-9); then the first peer (east-2)
    // goes away.
    Main.Captured apply =
        cli().env(SimFaults.VARIABLE, "east:peer-down=9").run("apply", "--auto-approve");

    assertThat(apply.exitCode()).isEqualTo(1);
    assertThat(apply.out())
        .contains("[east] + create_share alpha: done")
        .contains("[east] + create_share beta: FAILED after ")
        .contains(
            "s: cluster 'east': volume 'pool-1G-1': not started: a brick of it is on east-2, which"
                + " is disconnected now");
    assertThat(changes()).noneMatch(l -> l.contains("pool-1G-1"));

    // While it is away, the plan refuses it too; once back, the next apply converges.
    assertThat(cli().run("plan").out()).contains("share 'beta': cluster 'east'");
    Main.Captured back =
        cli().env(SimFaults.VARIABLE, "east:peer-up=1").run("apply", "--auto-approve");
    assertThat(back.exitCode()).as(back.out() + back.err()).isZero();
    assertThat(back.out()).contains("+ create_share beta: done").doesNotContain("alpha");
    assertThat(cli().run("plan", "--detailed-exitcode").exitCode()).isZero();
  }

  @Test
  void severalServersWithoutDeclaredInfrastructureCnsIsAPlanError() throws Exception {
    write(true, false);

    Main.Captured plan = cli().run("plan");

    assertThat(plan.exitCode()).isEqualTo(1);
    assertThat(plan.out())
        .contains(
            "cluster 'east' has 3 servers; declare clusters.east.infrastructureCns with every"
                + " server's certificate CN");
    assertThat(plan.out()).doesNotContain("+ create_share");
  }
}

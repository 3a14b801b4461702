package io.glustershares.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.cli.Main;
import io.glustershares.it.estate.Cluster;
import io.glustershares.it.estate.Estate;
import io.glustershares.it.estate.EstateExtension;
import io.glustershares.it.estate.Mount;
import io.glustershares.it.estate.Node;
import io.glustershares.model.Volume;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12, a peer down, on the real estate over SSH: with east-3's glusterd stopped, gluster would
 * accept a change of a volume with a brick there and report success while that brick went on
 * serving with its old volfile, without the new TLS settings. So gluster-shares refuses such
 * changes itself — in the plan when east-3 is down before the apply, in the applier's check right
 * before the action when it goes down during one — names the cluster, the volume and east-3, shows
 * it in show, audit and doctor, and converges with the next apply once east-3 is back.
 *
 * <p>alpha (cluster west) has nothing on east-3; beta's volume (east, replica 3) has a brick there.
 */
@ExtendWith(EstateExtension.class)
class PeerDownIT {

  private Estate estate;
  private Cluster east;
  private Node east3;
  private Path work;
  private String p;
  private String betaVol;
  private String alphaVol;
  private boolean stopped;
  private final List<Mount> mounts = new ArrayList<>();

  @BeforeEach
  void pools(Estate estate) {
    this.estate = estate;
    east = estate.cluster("east");
    east3 = east.node("east-3");
    work = estate.workDir("peer-down");
    p = Estate.uniquePrefix();
    betaVol = east.createPool(p, 1, 1).get(0);
    alphaVol = estate.cluster("west").createPool(p, 2, 1).get(0);
    estate
        .desired()
        .pattern(p + "-#{size}G-\\d+$")
        .overSsh(east)
        .overSsh(estate.cluster("west"))
        .write(
            work.resolve("gluster-shares.yaml"),
            """
            - { name: alpha, size: 2, cluster: west, access: [ { cn: tenant-a } ] }
            - { name: beta, size: 1, cluster: east, access: [ { cn: tenant-b } ] }
            """);
  }

  @AfterEach
  void cleanUp() {
    mounts.forEach(Mount::unmount);
    if (stopped) {
      startEast3();
    }
    if (estate != null) {
      estate.deleteVolumes(p);
    }
  }

  private void stopEast3() {
    east3.stopGlusterd();
    stopped = true;
    east.awaitPeer(east3, false);
  }

  private void startEast3() {
    east3.startGlusterd();
    stopped = false;
    east.awaitPeer(east3, true);
  }

  private Main.Captured cli(String... args) {
    return cli(line -> {}, args);
  }

  private Main.Captured cli(Consumer<String> onLine, String... args) {
    return estate
        .managing()
        .tool(
            work,
            Map.of("GLUSTER_SHARES_LOCK_DIR", work.resolve("locks").toString()),
            onLine,
            args);
  }

  private Main.Captured apply(Consumer<String> onLine) {
    return cli(
        onLine, Stream.of("apply", "--auto-approve", "--parallelism", "1").toArray(String[]::new));
  }

  /** beta's volume is what it was: neither tagged nor secured nor restarted. */
  private void assertBetaUntouched(Map<String, String> before) {
    Volume v = east.volume(betaVol);
    assertThat(v.options()).isEqualTo(before);
    assertThat(v.status()).isEqualTo(Volume.Status.STARTED);
  }

  /** Once east-3 is back, one apply converges and beta's replica bricks, east-3's too, serve it. */
  private void assertConvergesOnceBack() throws Exception {
    startEast3();
    Main.Captured again = apply(line -> {});
    assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
    assertThat(again.out()).contains("+ create_share beta: done");
    Main.Captured plan = cli("plan", "--detailed-exitcode");
    assertThat(plan.exitCode()).as(plan.out() + plan.err()).isZero();
    Mount b = estate.tenant("tenant-b").mountOrFail("east-1:/" + betaVol);
    mounts.add(b);
    b.write("after.txt", "served by every replica");
    assertThat(east.brickFiles(betaVol).values())
        .hasSize(3)
        .allSatisfy(files -> assertThat(files).contains("after.txt"));
    assertThat(estate.tenant("tenant-a").refused("east-1:/" + betaVol)).isTrue();
  }

  @Test
  void downBeforeAnApplyThePlanRefusesWhatTouchesItsBricks() throws Exception {
    Map<String, String> before = east.volume(betaVol).options();
    stopEast3();

    Main.Captured plan = cli("plan");
    assertThat(plan.exitCode()).as(plan.out() + plan.err()).isEqualTo(1);
    assertThat(plan.out())
        .contains("+ create_share alpha  cluster west  volume " + alphaVol)
        .contains(
            "share 'beta': cluster 'east': volume "
                + betaVol
                + " has a brick on east-3, which is disconnected (glusterd not answering)")
        .contains("not planned until east-3 is back");

    Main.Captured show = cli("show");
    assertThat(show.out())
        .contains("east-3 DISCONNECTED")
        .contains("  east-3 is disconnected (glusterd not answering)");
    Main.Captured audit = cli("audit");
    assertThat(audit.exitCode()).isEqualTo(2);
    assertThat(audit.out()).contains("peer_disconnected: server east-3 is disconnected");
    Main.Captured doctor = cli("doctor");
    assertThat(doctor.exitCode()).isEqualTo(1);
    assertThat(doctor.out())
        .contains("FAIL  east: server east-3 is disconnected")
        .contains("fix: start glusterd on east-3");

    Main.Captured apply = apply(line -> {});
    assertThat(apply.exitCode()).isEqualTo(1);
    assertThat(apply.err()).contains("the plan has errors; nothing was applied");
    assertBetaUntouched(before);

    assertConvergesOnceBack();
  }

  @Test
  void downDuringAnApplyTheNextActionOnItsBricksFailsNamingIt() throws Exception {
    Map<String, String> before = east.volume(betaVol).options();
    AtomicBoolean triggered = new AtomicBoolean();

    // --parallelism 1: alpha (west) runs first and takes more than a second (stop, set, start);
    // east-3 is stopped as it starts, so beta's check finds it gone.
    Main.Captured apply =
        apply(
            line -> {
              if (line.startsWith("[west] + create_share alpha: started")
                  && triggered.compareAndSet(false, true)) {
                stopEast3();
              }
            });

    assertThat(triggered).isTrue();
    assertThat(apply.exitCode()).as(apply.out() + apply.err()).isEqualTo(1);
    assertThat(apply.out())
        .contains("[west] + create_share alpha: done")
        .contains("[east] + create_share beta: FAILED after ")
        .contains(
            "cluster 'east': volume '"
                + betaVol
                + "': not started: a brick of it is on east-3, which is disconnected now")
        .contains("1 done, 1 failed");
    assertBetaUntouched(before);

    assertConvergesOnceBack();
    assertThat(cli("show").out()).doesNotContain("DISCONNECTED");
  }
}

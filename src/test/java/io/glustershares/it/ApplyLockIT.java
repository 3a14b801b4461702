package io.glustershares.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.cli.Main;
import io.glustershares.it.estate.Cluster;
import io.glustershares.it.estate.Estate;
import io.glustershares.it.estate.EstateExtension;
import io.glustershares.it.estate.Exec;
import io.glustershares.it.estate.GlusterTrigger;
import io.glustershares.it.estate.ManagingHost;
import io.glustershares.it.estate.Node;
import io.glustershares.it.estate.Poll;
import io.glustershares.model.Identity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One apply per cluster, whichever host runs it (issue 12): the lock is held on the cluster's
 * servers for the life of the apply's SSH sessions. Two managing hosts applying to {@code east}
 * through two different servers: one waits, then refuses with exit 4 naming the holder; applies to
 * {@code east} and {@code west} run together; a killed apply's lock is free at once. The first
 * apply is held right after a gluster call by the test-only {@link GlusterTrigger}, so that the
 * second meets it there, with no timing guessed.
 */
@ExtendWith(EstateExtension.class)
class ApplyLockIT {

  private static final String LOCK_FILE = "/run/gluster-shares/apply.lock";

  /** The first apply's second gluster call, its first after taking the lock: gluster --version. */
  private static final int AFTER_THE_LOCK = 2;

  private Estate estate;
  private Cluster east;
  private Cluster west;
  private String p;
  private ManagingHost manila;
  private ManagingHost runner2;
  private Path one;
  private Path two;
  private GlusterTrigger trigger;

  @BeforeEach
  void pools(Estate estate) {
    this.estate = estate;
    east = estate.cluster("east");
    west = estate.cluster("west");
    p = Estate.uniquePrefix();
    east.createPool(p, 1, 2);
    west.createPool(p, 1, 1);
    manila = estate.managing();
    runner2 = estate.managing("runner-2", Estate.MANAGING_CN);
    one = estate.workDir("lock-one");
    two = estate.workDir("lock-two");
    // Stack one reaches east through east-1, stack two through east-2, from another host.
    estate
        .desired()
        .stack("one")
        .pattern(p + "-#{size}G-\\d+$")
        .overSsh(east)
        .write(
            one.resolve("gluster-shares.yaml"), "- { name: a, size: 1, access: [ { cn: t-a } ] }");
    estate
        .desired()
        .stack("two")
        .pattern(p + "-#{size}G-\\d+$")
        .overSsh(east, east.node("east-2"))
        .write(
            two.resolve("gluster-shares.yaml"), "- { name: b, size: 1, access: [ { cn: t-b } ] }");
    trigger = GlusterTrigger.install(east.first(), estate.workDir("trigger"));
  }

  @AfterEach
  void cleanUp() {
    if (trigger != null) {
      trigger.close();
    }
    if (estate != null) {
      estate.deleteVolumes(p);
    }
  }

  /** Starts stack one's apply and holds it right after it took the lock. */
  private Exec.Running holdingTheLock() {
    trigger.arm(AFTER_THE_LOCK, manila, GlusterTrigger.Mode.RUN);
    Exec.Running first = manila.start(one, Map.of(), "apply", "--auto-approve");
    assertThat(trigger.awaitHit(Duration.ofSeconds(60), () -> !first.alive()))
        .as("the first apply reached its call " + AFTER_THE_LOCK)
        .isTrue();
    return first;
  }

  private static boolean lockFree(Node node) {
    return node.exec("sh", "-c", "[ ! -e \"$0\" ] || flock -n \"$0\" true", LOCK_FILE).ok();
  }

  private String owner(String volume) {
    return east.volume(volume).option(Identity.OWNER).orElse("");
  }

  @Test
  void aSecondManagingHostThroughAnotherServerWaitsThenIsRefusedNamingTheHolder() {
    Exec.Running first = holdingTheLock();

    long t0 = System.nanoTime();
    Main.Captured second = runner2.tool(two, "apply", "--auto-approve", "--lock-timeout", "3");
    double waited = (System.nanoTime() - t0) / 1e9;

    assertThat(second.exitCode()).as(second.out() + second.err()).isEqualTo(4);
    assertThat(second.err())
        .containsPattern(
            "gluster-shares: cluster 'east' is being applied by another gluster-shares \\(PID \\d+"
                + " on manila since \\S+, stack 'one' through ssh root@east-1:22\\), which holds"
                + " its lock on east-\\d; waiting up to 3 s \\(--lock-timeout\\)")
        .containsPattern(
            "gluster-shares: cluster 'east' is being applied by another gluster-shares \\(PID \\d+"
                + " on manila since \\S+, stack 'one' through ssh root@east-1:22\\); waited 3 s"
                + " \\(--lock-timeout\\); its lock is /run/gluster-shares/apply.lock on east-\\d");
    assertThat(second.out()).doesNotContain("create_share");
    System.out.printf("[lock] the second apply waited, then was refused, in %.1f s%n", waited);
    assertThat(waited).isGreaterThanOrEqualTo(3.0);

    trigger.release();
    Exec.Result done = first.await(Duration.ofMinutes(2));
    assertThat(done.exitCode()).as(done.toString()).isZero();
    assertThat(owner(p + "-1G-1")).isEqualTo("one");

    // Once the first is done, the second goes ahead, and binds the other volume.
    Main.Captured again = runner2.tool(two, "apply", "--auto-approve", "--lock-timeout", "0");
    assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
    assertThat(again.err()).doesNotContain("waiting");
    assertThat(owner(p + "-1G-2")).isEqualTo("two");
    assertThat(owner(p + "-1G-1")).isEqualTo("one");
  }

  @Test
  void appliesToEastAndWestRunTogether() {
    Path westOnly = estate.workDir("lock-west");
    estate
        .desired()
        .stack("three")
        .pattern(p + "-#{size}G-\\d+$")
        .overSsh(west)
        .write(
            westOnly.resolve("gluster-shares.yaml"),
            "- { name: c, size: 1, access: [ { cn: t-c } ] }");
    Exec.Running first = holdingTheLock();

    Main.Captured onWest = manila.tool(westOnly, "apply", "--auto-approve", "--lock-timeout", "0");

    assertThat(onWest.exitCode()).as(onWest.out() + onWest.err()).isZero();
    assertThat(first.alive()).as("the apply on east is still held").isTrue();
    assertThat(west.volume(p + "-1G-1").option(Identity.OWNER)).contains("three");
    trigger.release();
    assertThat(first.await(Duration.ofMinutes(2)).exitCode()).isZero();
  }

  @Test
  void aKilledApplysLockIsFreeAtOnce() {
    Exec.Running first = holdingTheLock();
    for (Node n : east.nodes()) {
      assertThat(lockFree(n)).as("held on " + n).isFalse();
    }

    first.kill();
    long t0 = System.nanoTime();
    assertThat(first.await(Duration.ofSeconds(30)).exitCode()).isEqualTo(137);
    Poll.until(
        Duration.ofSeconds(10),
        "the killed apply's lock to be let go on every server",
        () -> east.nodes().stream().allMatch(ApplyLockIT::lockFree));
    System.out.printf(
        "[lock] a killed apply's lock was free on all servers %.0f ms after it died%n",
        (System.nanoTime() - t0) / 1e6);
    trigger.release();

    Main.Captured next = runner2.tool(two, "apply", "--auto-approve", "--lock-timeout", "0");
    assertThat(next.exitCode()).as(next.out() + next.err()).isZero();
    assertThat(next.err()).doesNotContain("waiting");
  }
}

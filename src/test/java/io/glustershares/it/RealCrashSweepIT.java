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
import io.glustershares.model.Volume;
import io.glustershares.plan.Security;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The packaged tool killed (SIGKILL, on the managing host) right after a gluster call of a real
 * apply that creates, allows, denies, repairs, adopts and deletes on west, and the next apply takes
 * over: after every kill no volume is bound twice and every volume the stack holds is bound and
 * fully secured, or as it was; the lock is free on every server. The kill points are the first call
 * and every call that changes something (volume set, stop, start): a kill after a read leaves the
 * cluster as the kill after the change before it does, so these are all the states a kill can leave
 * here. To keep it cheap on real gluster (an apply of this scenario takes half a minute), the
 * applies run one after the other, each taking over what the one before left and killed right after
 * the first change it makes that no apply made before; so every change is a kill point once, each
 * state a kill leaves is the start of the next apply, and the apply that finds nothing new to do
 * must end with exit 0 and a plan with nothing left. The kill comes from the test-only {@link
 * GlusterTrigger} on west-1, which holds the call's answer until the tool is dead; the simulator's
 * {@code CrashSafetyIT} sweeps every call from a fresh start, snapshots and clones included.
 */
@ExtendWith(EstateExtension.class)
class RealCrashSweepIT {

  private static final String STACK = "crash";

  /** More kills than the scenario has changes: the applies would not be getting on. */
  private static final int MAX_KILLS = 30;

  private Estate estate;
  private Cluster west;
  private String p;
  private ManagingHost manila;
  private Path work;
  private GlusterTrigger trigger;
  private final Map<String, Map<String, String>> initial = new LinkedHashMap<>();

  @BeforeEach
  void scenario(Estate estate) {
    this.estate = estate;
    west = estate.cluster("west");
    p = Estate.uniquePrefix();
    manila = estate.managing();
    work = estate.workDir("crash-sweep");
    String ready = west.readyAllow();
    // create: a free pool volume, TLS off, so that the create stops, sets and starts it.
    initial.put(
        p + "-1G-1",
        options(
            ready,
            Map.of(
                Identity.MANILA_SHARE,
                Identity.NONE,
                Identity.OWNER,
                Identity.NONE,
                Identity.NAME,
                Identity.NONE,
                Security.CLIENT_SSL,
                "off",
                Security.SERVER_SSL,
                "off",
                Security.DYNAMIC_AUTH,
                "off")));
    initial.put(p + "-2G-1", bound("wide", ready + ",tenant-a", Map.of()));
    initial.put(p + "-2G-2", bound("narrow", ready + ",tenant-a,tenant-x", Map.of()));
    initial.put(
        p + "-2G-3", bound("drifted", ready + ",tenant-a", Map.of(Security.DYNAMIC_AUTH, "off")));
    initial.put(p + "-4G-1", bound("gone", ready + ",tenant-z", Map.of()));
    // adopt: as Manila's driver leaves a share.
    Map<String, String> manilaShare = new LinkedHashMap<>(Security.SECURED);
    manilaShare.put(Security.SSL_ALLOW, ready + ",tenant-m");
    manilaShare.put(Identity.MANILA_SHARE, "7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f");
    manilaShare.put(Identity.OWNER, Identity.NONE);
    manilaShare.put(Identity.NAME, Identity.NONE);
    initial.put(p + "-3G-1", manilaShare);
    initial.forEach(west::createVolume);
    estate
        .desired()
        .stack(STACK)
        .pattern(p + "-#{size}G-\\d+$")
        .overSsh(west)
        .write(
            work.resolve("gluster-shares.yaml"),
            String.join(
                "\n",
                "- { name: fresh, size: 1, access: [ { cn: tenant-f } ] }",
                "- { name: wide, size: 2, access: [ { cn: tenant-a }, { cn: tenant-b } ] }",
                "- { name: narrow, size: 2, access: [ { cn: tenant-a } ] }",
                "- { name: drifted, size: 2, access: [ { cn: tenant-a } ] }",
                "- { name: legacy, volume: " + p + "-3G-1, access: [ { cn: tenant-m } ] }",
                "- { name: gone, state: absent }",
                ""));
    trigger = GlusterTrigger.install(west.first(), estate.workDir("crash-trigger"));
  }

  private static Map<String, String> options(String allow, Map<String, String> more) {
    Map<String, String> o = new LinkedHashMap<>();
    o.put(Security.SSL_ALLOW, allow);
    o.putAll(more);
    return o;
  }

  /** A share of the stack, bound and secured, with {@code drift} over it. */
  private static Map<String, String> bound(String share, String allow, Map<String, String> drift) {
    Map<String, String> o = new LinkedHashMap<>(Security.SECURED);
    o.put(Identity.MANILA_SHARE, Identity.shareUuid(STACK, share).toString());
    o.put(Identity.OWNER, STACK);
    o.put(Identity.NAME, share);
    o.put(Security.SSL_ALLOW, allow);
    o.putAll(drift);
    return o;
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

  /** The scenario's volumes as they are now, read in one call. */
  private Map<String, Volume> volumes() {
    Map<String, Volume> now = new LinkedHashMap<>();
    try {
      for (Volume v : west.client().volumes()) {
        if (initial.containsKey(v.name())) {
          now.put(v.name(), v);
        }
      }
    } catch (io.glustershares.gluster.GlusterException e) {
      throw new AssertionError(e.getMessage(), e);
    }
    assertThat(now.keySet()).containsExactlyInAnyOrderElementsOf(initial.keySet());
    return now;
  }

  private Exec.Running startApply() {
    return manila.start(work, Map.of(), "apply", "--auto-approve", "--allow-destroy");
  }

  /**
   * Kills the apply at the call the trigger holds back, once it is reached, and checks what it
   * leaves: nothing half-secured, no share bound twice, the lock free on every server.
   *
   * @return the argv of the call it was killed after, or empty if it ended first (with its result)
   */
  private Optional<String> killAtTheHeldCall(Exec.Running run, List<Exec.Result> ended) {
    if (!trigger.awaitHit(Duration.ofSeconds(120), () -> !run.alive())) {
      ended.add(run.await(Duration.ofSeconds(30)));
      return Optional.empty();
    }
    String call = trigger.held();
    run.kill();
    assertThat(run.await(Duration.ofSeconds(30)).exitCode()).isEqualTo(137);
    trigger.disarm();
    assertSafe("after a kill at '" + call + "'");
    Poll.until(
        Duration.ofSeconds(10),
        "the killed apply's lock to be let go",
        () -> west.nodes().stream().allMatch(RealCrashSweepIT::lockFree));
    return Optional.of(call);
  }

  @Test
  void anApplyKilledAfterAnyChangeOnRealGlusterIsFinishedByTheNext() {
    long t0 = System.nanoTime();
    List<Exec.Result> ended = new ArrayList<>();
    // Killed at its first call (the lock taken, nothing read yet): nothing changed.
    trigger.arm(1, manila, GlusterTrigger.Mode.RUN);
    assertThat(killAtTheHeldCall(startApply(), ended)).as("killed at the first call").isPresent();
    volumes()
        .forEach(
            (name, v) ->
                assertThat(v.options().entrySet())
                    .as(name + " after a kill at the first call")
                    .containsAll(initial.get(name).entrySet()));
    System.out.printf(
        "[crash-sweep] kill point 1: the first call, %.1f s%n", (System.nanoTime() - t0) / 1e9);

    // Then a run of applies, each taking over what the one before left and killed right after
    // the first change it makes that no apply made before: every change of the scenario is a kill
    // point once, and the apply that finds nothing new to do must finish it.
    List<String> killedAfter = new ArrayList<>();
    while (ended.isEmpty()) {
      assertThat(killedAfter).as("the applies get on").hasSizeLessThan(MAX_KILLS);
      long t1 = System.nanoTime();
      trigger.armAtNewChange(manila);
      Optional<String> call = killAtTheHeldCall(startApply(), ended);
      call.ifPresent(killedAfter::add);
      System.out.printf(
          "[crash-sweep] kill point %d: %s, %.1f s%n",
          killedAfter.size() + 1,
          call.orElse("none, the apply ended"),
          (System.nanoTime() - t1) / 1e9);
    }
    Exec.Result last = ended.get(0);
    assertThat(last.exitCode()).as(last.out() + last.err()).isZero();
    // Every action of the scenario was cut short at least once, at every change it makes.
    String v1 = p + "-1G-1";
    assertThat(killedAfter)
        .as("the create's stop, set and start")
        .anyMatch(c -> c.endsWith(" volume stop " + v1))
        .anyMatch(c -> c.contains(" volume set " + v1 + " "))
        .anyMatch(c -> c.endsWith(" volume start " + v1));
    for (String volume : initial.keySet()) {
      assertThat(killedAfter)
          .as("a change of " + volume)
          .anyMatch(c -> c.contains(" volume set " + volume + " "));
    }
    Main.Captured plan = manila.tool(work, "plan", "--detailed-exitcode");
    assertThat(plan.exitCode()).as("converged:\n" + plan.out()).isZero();
    assertConverged();
    System.out.printf(
        "[crash-sweep] %d kill points in %.1f s%n",
        killedAfter.size() + 1, (System.nanoTime() - t0) / 1e9);
  }

  private static boolean lockFree(Node node) {
    return node.exec(
            "sh", "-c", "[ ! -e \"$0\" ] || flock -n \"$0\" true", "/run/gluster-shares/apply.lock")
        .ok();
  }

  private static boolean secured(Volume v) {
    return Security.optionDrift(v).isEmpty() && !Security.cns(v).isEmpty();
  }

  /** No volume bound twice; every volume of the stack bound and fully secured, or as it was. */
  private void assertSafe(String when) {
    Map<String, List<String>> byShare = new HashMap<>();
    for (Volume v : volumes().values()) {
      String name = v.name();
      boolean ours = v.option(Identity.OWNER).filter(STACK::equals).isPresent();
      if (!ours) {
        continue;
      }
      String share = v.option(Identity.NAME).orElse("?");
      byShare.computeIfAbsent(share, s -> new ArrayList<>()).add(name);
      Map<String, String> was = initial.get(name);
      boolean asItWas =
          share.equals(was.get(Identity.NAME))
              && v.options().entrySet().containsAll(was.entrySet());
      assertThat(secured(v) || asItWas)
          .as(when + ": " + name + " (share " + share + ") is half-secured: " + v.options())
          .isTrue();
    }
    byShare.forEach(
        (share, volumes) ->
            assertThat(volumes).as(when + ": share " + share + " bound twice").hasSize(1));
  }

  private void assertConverged() {
    TreeSet<String> shares = new TreeSet<>();
    Map<String, Volume> now = volumes();
    for (Volume v : now.values()) {
      String name = v.name();
      if (v.option(Identity.OWNER).filter(STACK::equals).isPresent()) {
        assertThat(shares.add(v.option(Identity.NAME).orElse("?"))).as("bound twice").isTrue();
        assertThat(secured(v)).as(name + " secured").isTrue();
        assertThat(v.status()).isEqualTo(Volume.Status.STARTED);
      }
    }
    assertThat(shares).containsExactly("drifted", "fresh", "legacy", "narrow", "wide");
    assertThat(Security.cns(now.get(p + "-2G-2"))).doesNotContain("tenant-x");
    assertThat(Security.cns(now.get(p + "-4G-1"))).doesNotContain("tenant-z");
  }
}

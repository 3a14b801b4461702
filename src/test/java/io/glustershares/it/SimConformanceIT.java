package io.glustershares.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.gluster.GlusterClient;
import io.glustershares.gluster.GlusterException;
import io.glustershares.gluster.Refresher;
import io.glustershares.it.estate.Cluster;
import io.glustershares.it.estate.Estate;
import io.glustershares.it.estate.EstateExtension;
import io.glustershares.it.estate.Node;
import io.glustershares.it.estate.Poll;
import io.glustershares.model.BrickState;
import io.glustershares.model.GlusterArgv;
import io.glustershares.model.ObservedCluster;
import io.glustershares.model.Peer;
import io.glustershares.model.Volume;
import io.glustershares.sim.SimFaults;
import io.glustershares.sim.SimRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The simulator's fidelity: one command sequence run against the estate's real glusterd (each
 * cluster through its first node) and against a simulator seeded with the same servers (their peer
 * UUIDs) and the same replica volumes gives the same parsed results, step by step: volumes with
 * their bricks and the peers holding them, {@code pool list}, and the bricks {@code volume status
 * all} reports — also with one server's glusterd down.
 */
@ExtendWith(EstateExtension.class)
class SimConformanceIT {

  private Estate estate;
  private String p;
  private final List<Node> stopped = new ArrayList<>();

  @BeforeEach
  void prefix(Estate estate) {
    this.estate = estate;
    p = Estate.uniquePrefix();
  }

  @AfterEach
  void cleanUp() {
    for (Node n : stopped) {
      n.startGlusterd();
      estate.cluster(n.cluster()).awaitPeer(n, true);
    }
    if (estate != null) {
      estate.deleteVolumes(p);
    }
  }

  /**
   * Two replica volumes on {@code real} (one on every node) and a simulator seeded with the same,
   * and with the cluster's servers as the real {@code pool list} shows them; {@code down} are
   * seeded disconnected.
   */
  private GlusterClient seed(Cluster real, List<String> down) throws Exception {
    real.createVolume(p + "-1G-1", Map.of("auth.ssl-allow", "glusterfs-server-1,manila-host"));
    real.createVolume(p + "-3G-1", Map.of());
    Path work = estate.workDir("conformance-" + real.name());
    StringBuilder pool = new StringBuilder();
    pool.append("host: ").append(real.first().name()).append('\n');
    List<Peer> peers = Refresher.refresh(real.client()).peers();
    for (Peer peer : peers) {
      if (peer.local()) {
        pool.append("uuid: ").append(peer.uuid()).append('\n');
      }
    }
    pool.append("brickRoot: /srv/bricks\nthinBricks: false\npeers:\n");
    // The other servers in the order the bricks are made: the nodes' order.
    for (Node n : real.nodes().subList(1, real.nodes().size())) {
      Peer peer = peers.stream().filter(x -> x.hostname().equals(n.name())).findFirst().get();
      pool.append("  - { hostname: ")
          .append(n.name())
          .append(", uuid: ")
          .append(peer.uuid())
          .append(", connected: ")
          .append(!down.contains(n.name()))
          .append(" }\n");
    }
    pool.append(
        """
        volumes:
          - { name: P-1G-1, replica: R, options: { auth.ssl-allow: "glusterfs-server-1,manila-host" } }
          - { name: P-3G-1, replica: R }
        """
            .replace("P", p)
            .replace("R", String.valueOf(real.replica())));
    Files.writeString(work.resolve("pool.yaml"), pool.toString());
    return new GlusterClient(
        "sim",
        new SimRunner(
            "sim",
            work.resolve("pool.yaml"),
            work.resolve(".gluster-shares"),
            SimFaults.NONE,
            ZonedDateTime::now,
            OptionalInt.empty()),
        Duration.ofSeconds(30),
        d -> {});
  }

  /** What a step gave: the error's kind, errno and first line, or "ok". */
  private static String outcome(GlusterClient client, List<String> argv) {
    try {
      client.xml(argv, Optional.empty());
      return "ok";
    } catch (GlusterException e) {
      return e.kind() + " " + e.opErrno() + " " + e.glusterMessage().lines().findFirst().orElse("");
    }
  }

  /** The parsed volumes of our prefix, without ids (they differ by nature). */
  private Map<String, String> volumes(GlusterClient client) throws Exception {
    Map<String, String> out = new TreeMap<>();
    for (Volume v : client.volumes()) {
      if (v.name().startsWith(p)) {
        out.put(
            v.name(),
            v.status() + " " + v.bricks() + " " + v.snapshotCount() + " snaps " + v.options());
      }
    }
    return out;
  }

  /** The servers and what is reported of our volumes' bricks. */
  private String health(GlusterClient client) throws Exception {
    ObservedCluster cluster = Refresher.refresh(client);
    List<BrickState> ours =
        cluster.brickStates().stream().filter(b -> b.volume().startsWith(p)).toList();
    List<Peer> peers =
        cluster.peers().stream().sorted(java.util.Comparator.comparing(Peer::hostname)).toList();
    return peers + " " + ours;
  }

  /** Real bricks take a moment to come online after a start: wait until both agree, or fail. */
  private void assertSameHealth(GlusterClient sim, Cluster real) throws Exception {
    String expected = health(sim);
    Poll.within(
        Duration.ofSeconds(30),
        () -> {
          try {
            return health(real.client()).equals(expected);
          } catch (Exception e) {
            return false;
          }
        });
    assertThat(health(real.client())).isEqualTo(expected);
  }

  private static List<List<String>> sequence(String v1, String v3, String p) {
    Map<String, String> secure = new LinkedHashMap<>();
    secure.put("user.manila-share", "3f1c2a7e-0d5b-4c55-9d8e-6b2f1a9c0e11");
    secure.put("user.gluster-shares.owner", "it");
    secure.put("user.gluster-shares.name", "analytics");
    secure.put("auth.ssl-allow", "glusterfs-server-1,manila-host,tenant-a");
    secure.put("client.ssl", "on");
    secure.put("server.ssl", "on");
    secure.put("nfs.disable", "on");
    secure.put("server.dynamic-auth", "on");
    return List.of(
        GlusterArgv.volumeSet(v1, secure),
        List.of("gluster", "--xml", "volume", "set", v1, "user.atomic", "1", "bogus.option", "2"),
        List.of("gluster", "--xml", "volume", "set", v1, "server.dynamic-auth", "maybe"),
        List.of("gluster", "--xml", "volume", "set", v1, "client.ssl", "maybe"),
        GlusterArgv.volumeSet(v1, Map.of("client.ssl", "on")),
        GlusterArgv.volumeGet(v1, "user.never-set"),
        GlusterArgv.volumeReset(v1, "user.gluster-shares.name"),
        GlusterArgv.volumeStop(v3),
        GlusterArgv.volumeStop(v3),
        GlusterArgv.volumeStart(v3),
        GlusterArgv.volumeStart(v3),
        GlusterArgv.volumeDelete(v3),
        GlusterArgv.volumeSet(p + "-none", Map.of("user.x", "1")),
        GlusterArgv.volumeStop(p + "-none"),
        GlusterArgv.snapshotCreate("manila-" + p, v1, "it/analytics/nightly"),
        GlusterArgv.snapshotDelete("manila-" + p),
        GlusterArgv.snapshotActivate("manila-" + p),
        GlusterArgv.snapshotClone("manila-clone-" + p, "manila-" + p),
        GlusterArgv.snapshotInfo());
  }

  private void sameSequenceOn(String clusterName) throws Exception {
    Cluster real = estate.cluster(clusterName);
    GlusterClient sim = seed(real, List.of());
    String v1 = p + "-1G-1";
    String v3 = p + "-3G-1";

    assertThat(volumes(sim)).isEqualTo(volumes(real.client()));
    assertSameHealth(sim, real);
    List<String> realOutcomes = new ArrayList<>();
    List<String> simOutcomes = new ArrayList<>();
    for (List<String> step : sequence(v1, v3, p)) {
      realOutcomes.add(String.join(" ", step) + " => " + outcome(real.client(), step));
      simOutcomes.add(String.join(" ", step) + " => " + outcome(sim, step));
      assertThat(volumes(sim)).as("after " + step).isEqualTo(volumes(real.client()));
    }
    assertThat(simOutcomes).isEqualTo(realOutcomes);
    assertSameHealth(sim, real);
    assertThat(Refresher.refresh(sim).snapshots())
        .isEqualTo(Refresher.refresh(real.client()).snapshots());
  }

  @Test
  void theSameSequenceGivesTheSameResultsOnReplicaThree() throws Exception {
    sameSequenceOn("east");
  }

  @Test
  void theSameSequenceGivesTheSameResultsOnReplicaTwo() throws Exception {
    sameSequenceOn("west");
  }

  @Test
  void withOneServersGlusterdDownBothSayTheSame() throws Exception {
    Cluster real = estate.cluster("east");
    Node east3 = real.node("east-3");
    GlusterClient sim = seed(real, List.of(east3.name()));
    String v1 = p + "-1G-1";
    east3.stopGlusterd();
    stopped.add(east3);
    real.awaitPeer(east3, false);

    assertThat(volumes(sim)).isEqualTo(volumes(real.client()));
    assertSameHealth(sim, real);
    // gluster accepts changes with a server away, and says they succeeded.
    List<String> realOutcomes = new ArrayList<>();
    List<String> simOutcomes = new ArrayList<>();
    for (List<String> step :
        List.of(
            GlusterArgv.volumeSet(v1, Map.of("client.ssl", "on")),
            GlusterArgv.volumeStop(v1),
            GlusterArgv.volumeStart(v1))) {
      realOutcomes.add(String.join(" ", step) + " => " + outcome(real.client(), step));
      simOutcomes.add(String.join(" ", step) + " => " + outcome(sim, step));
      assertThat(volumes(sim)).as("after " + step).isEqualTo(volumes(real.client()));
    }
    assertThat(simOutcomes).isEqualTo(realOutcomes).allMatch(o -> o.endsWith(" => ok"));
    assertSameHealth(sim, real);
  }
}

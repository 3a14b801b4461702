package io.glustershares.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.gluster.GlusterClient;
import io.glustershares.gluster.GlusterException;
import io.glustershares.gluster.Refresher;
import io.glustershares.it.estate.Cluster;
import io.glustershares.it.estate.Estate;
import io.glustershares.it.estate.EstateExtension;
import io.glustershares.model.GlusterArgv;
import io.glustershares.model.ObservedCluster;
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
 * The simulator's fidelity: one command sequence run against the estate's real glusterd (cluster
 * east, through its first node) and against a simulator seeded with the same volumes gives the same
 * parsed results, step by step. The volumes have one brick each, the shape the simulator models
 * today (replica volumes and several peers in the simulator are later work of issue 12).
 */
@ExtendWith(EstateExtension.class)
class SimConformanceIT {

  private Path work;
  private Estate estate;
  private Cluster real;
  private GlusterClient sim;
  private String p;

  @BeforeEach
  void seedBoth(Estate estate) throws Exception {
    this.estate = estate;
    real = estate.cluster("east");
    work = estate.workDir("conformance");
    p = Estate.uniquePrefix();
    real.createVolume(
        p + "-1G-1",
        Cluster.Layout.SINGLE_BRICK,
        Map.of("auth.ssl-allow", "glusterfs-server-1,manila-host"));
    real.createVolume(p + "-3G-1", Cluster.Layout.SINGLE_BRICK, Map.of());
    Files.writeString(
        work.resolve("pool.yaml"),
        """
        host: HOST
        thinBricks: false
        volumes:
          - name: P-1G-1
            options: { auth.ssl-allow: "glusterfs-server-1,manila-host" }
          - name: P-3G-1
        """
            .replace("HOST", real.first().name())
            .replace("P", p));
    sim =
        new GlusterClient(
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

  @AfterEach
  void cleanUp() {
    if (estate != null) {
      estate.deleteVolumes(p);
    }
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

  /** The parsed volumes of our prefix, without ids and brick paths (they differ by nature). */
  private Map<String, String> volumes(GlusterClient client) throws Exception {
    ObservedCluster cluster = Refresher.refresh(client);
    Map<String, String> out = new TreeMap<>();
    for (Volume v : cluster.volumes()) {
      if (v.name().startsWith(p)) {
        out.put(
            v.name(),
            v.status()
                + " "
                + v.bricks().size()
                + " brick "
                + v.snapshotCount()
                + " snaps "
                + v.options());
      }
    }
    return out;
  }

  @Test
  void theSameSequenceGivesTheSameResults() throws Exception {
    String v1 = p + "-1G-1";
    String v3 = p + "-3G-1";
    Map<String, String> secure = new LinkedHashMap<>();
    secure.put("user.manila-share", "3f1c2a7e-0d5b-4c55-9d8e-6b2f1a9c0e11");
    secure.put("user.gluster-shares.owner", "it");
    secure.put("user.gluster-shares.name", "analytics");
    secure.put("auth.ssl-allow", "glusterfs-server-1,manila-host,tenant-a");
    secure.put("client.ssl", "on");
    secure.put("server.ssl", "on");
    secure.put("nfs.export-volumes", "off");
    secure.put("server.dynamic-auth", "on");

    List<List<String>> steps =
        List.of(
            GlusterArgv.volumeSet(v1, secure),
            List.of(
                "gluster", "--xml", "volume", "set", v1, "user.atomic", "1", "bogus.option", "2"),
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

    assertThat(volumes(sim)).isEqualTo(volumes(real.client()));
    List<String> realOutcomes = new ArrayList<>();
    List<String> simOutcomes = new ArrayList<>();
    for (List<String> step : steps) {
      realOutcomes.add(String.join(" ", step) + " => " + outcome(real.client(), step));
      simOutcomes.add(String.join(" ", step) + " => " + outcome(sim, step));
      assertThat(volumes(sim)).as("after " + step).isEqualTo(volumes(real.client()));
    }
    assertThat(simOutcomes).isEqualTo(realOutcomes);
    assertThat(Refresher.refresh(sim).snapshots())
        .isEqualTo(Refresher.refresh(real.client()).snapshots());
  }
}

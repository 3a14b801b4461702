package io.glustershares.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.cli.Main;
import io.glustershares.it.estate.Cluster;
import io.glustershares.it.estate.Estate;
import io.glustershares.it.estate.EstateExtension;
import io.glustershares.it.estate.Mount;
import io.glustershares.model.Identity;
import io.glustershares.render.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Issue 12's first proof: the full life of shares on both clusters at once, from the managing host
 * over SSH with {@code --parallelism 2}: pool selection across clusters, create, adopt of a volume
 * as Manila's driver leaves it, TLS proven by tenants mounting replica volumes from their own
 * machines, allow and deny (a connected client cut off at once), repair of drift made by hand on
 * another node than the one the tool talks to, audit, delete with the wipe (data gone on every
 * replica brick), import round trip and show; a foreign volume and one outside the pattern are
 * never changed.
 */
@ExtendWith(EstateExtension.class)
class TwoClusterLifecycleIT {

  private static final String MANILA_UUID = "7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f";
  private static final String FOREIGN_UUID = "0e0b6a2e-9a55-4f4b-9a0c-5b1f3f3b7c11";

  private Estate estate;
  private Cluster east;
  private Cluster west;
  private Path work;
  private String p;
  private final List<Mount> mounts = new ArrayList<>();

  @BeforeEach
  void pools(Estate estate) {
    this.estate = estate;
    east = estate.cluster("east");
    west = estate.cluster("west");
    work = estate.workDir("lifecycle");
    p = Estate.uniquePrefix();
    // east: two free 1 GB and one 3 GB; west: one 1 GB, one 2 GB, a Manila share, another
    // stack's share and a volume outside the pattern.
    east.createPool(p, 1, 2);
    east.createVolume(p + "-3G-1", Map.of("auth.ssl-allow", east.readyAllow()));
    west.createVolume(p + "-1G-3", Map.of("auth.ssl-allow", west.readyAllow()));
    west.createVolume(p + "-2G-1", Map.of("auth.ssl-allow", west.readyAllow()));
    west.createManilaVolume(p + "-5G-1", MANILA_UUID, List.of("tenant-m"));
    // Another stack's share: foreign, never touched, left out by import.
    west.createVolume(
        p + "-4G-1",
        Map.of(
            "auth.ssl-allow",
            west.readyAllow() + ",legacy",
            Identity.MANILA_SHARE,
            FOREIGN_UUID,
            Identity.OWNER,
            "other-stack",
            Identity.NAME,
            "theirs"));
    west.createVolume(p + "-outside", Map.of("user.note", "not ours"));
  }

  @AfterEach
  void cleanUp() {
    mounts.forEach(Mount::unmount);
    if (estate != null) {
      estate.deleteVolumes(p);
    }
  }

  private void desired(String file, String shares) {
    estate
        .desired()
        .pattern(p + "-#{size}G-\\d+$")
        .overSsh(east)
        .overSsh(west)
        .write(work.resolve(file), shares);
  }

  private void desired(String shares) {
    desired("gluster-shares.yaml", shares);
  }

  private Main.Captured cli(String... args) {
    return estate
        .managing()
        .tool(work, Map.of("GLUSTER_SHARES_LOCK_DIR", work.resolve("locks").toString()), args);
  }

  private Main.Captured apply(String... more) {
    return cli(
        Stream.concat(Stream.of("apply", "--auto-approve", "--parallelism", "2"), Stream.of(more))
            .toArray(String[]::new));
  }

  private Mount mount(String cn, String export) {
    Mount m = estate.tenant(cn).mountOrFail(export);
    mounts.add(m);
    return m;
  }

  private static String shares(String alpha, String beta) {
    return "- { name: alpha, size: 1, access: [ "
        + alpha
        + " ] }\n- { name: beta, size: 2, access: [ "
        + beta
        + " ] }\n- { name: gamma, size: 1, cluster: west, access: [ { cn: tenant-a } ] }\n"
        + "- name: legacy\n  cluster: west\n  volume: P-5G-1\n  access: [ { cn: tenant-m } ]\n";
  }

  @Test
  void theFullLifeOnBothClustersAtOnceOverSsh() throws Exception {
    String alphaVol = p + "-1G-1";
    String betaVol = p + "-2G-1";
    String gammaVol = p + "-1G-3";
    String deltaVol = p + "-3G-1";
    String legacyVol = p + "-5G-1";
    // Every option, nfs.export-volumes included: glusterd keeps that one cluster-wide, and no
    // share action sets it any more.
    Map<String, String> foreignBefore = west.volume(p + "-4G-1").options();
    Map<String, String> outsideBefore = west.volume(p + "-outside").options();
    String file =
        shares("{ cn: tenant-a }", "{ cn: tenant-b }").replace("P-5G-1", legacyVol)
            + "- { name: delta, size: 3, access: [ { cn: tenant-a } ] }\n";

    // Pool selection across clusters: 1 GB goes where most 1 GB volumes are free (east), 2 GB
    // only west has, gamma is pinned to west, the Manila volume is adopted where it is.
    desired(file);
    Main.Captured plan = cli("plan");
    assertThat(plan.out())
        .contains("+ create_share alpha  cluster east  volume " + alphaVol)
        .contains("+ create_share beta  cluster west  volume " + betaVol)
        .contains("+ create_share gamma  cluster west  volume " + gammaVol)
        .contains("+ create_share delta  cluster east  volume " + deltaVol)
        .contains("~ adopt_share legacy  cluster west  volume " + legacyVol)
        // Manila's spellings (ON, OFF) are read as gluster reads them: adoption needs no repair.
        .doesNotContain("repair_share legacy");
    Main.Captured created = apply();
    assertThat(created.exitCode()).as(created.out() + created.err()).isZero();
    assertThat(exports(created.out()))
        .containsEntry("alpha", "east-1:/" + alphaVol)
        .containsEntry("beta", "west-1:/" + betaVol)
        .containsEntry("gamma", "west-1:/" + gammaVol)
        .containsEntry("delta", "east-1:/" + deltaVol)
        .containsEntry("legacy", "west-1:/" + legacyVol);
    assertThat(created.out()).contains("~ adopt_share legacy: done");
    assertInterleaved(created.out());
    assertThat(cli("plan", "--detailed-exitcode").exitCode()).isZero();

    // TLS on replica volumes: allowed CNs write and read back, on every replica; others refused.
    Mount a = mount("tenant-a", "east-1:/" + alphaVol);
    a.write("report.csv", "tenant-a's numbers");
    assertThat(a.read("report.csv")).isEqualTo("tenant-a's numbers");
    assertThat(east.brickFiles(alphaVol).values())
        .hasSize(3)
        .allSatisfy(files -> assertThat(files).containsExactly("report.csv"));
    Mount b = mount("tenant-b", "west-1:/" + betaVol);
    b.write("b/notes.txt", "tenant-b's notes");
    assertThat(west.brickFiles(betaVol).values())
        .hasSize(2)
        .allSatisfy(files -> assertThat(files).contains("b/notes.txt"));
    b.unmount();
    assertThat(estate.tenant("tenant-b").refused("east-1:/" + alphaVol)).isTrue();
    assertThat(estate.tenant("tenant-a").refused("west-1:/" + betaVol)).isTrue();
    Mount m = mount("tenant-m", "west-1:/" + legacyVol);
    m.write("still-mine.txt", "the Manila tenant keeps its share");
    m.unmount();
    Mount d = mount("tenant-a", "east-1:/" + deltaVol);
    d.write("to-be-wiped/data.bin", "secret of delta");
    d.unmount();

    // Allow and deny on both clusters in one apply; tenant-a, still connected to alpha, is cut off.
    desired(
        shares("{ cn: tenant-b }", "{ cn: tenant-b }, { cn: tenant-a }")
                .replace("P-5G-1", legacyVol)
            + "- { name: delta, size: 3, access: [ { cn: tenant-a } ] }\n");
    Main.Captured access = apply();
    assertThat(access.exitCode()).as(access.out() + access.err()).isZero();
    assertThat(access.out())
        // One deny writes alpha's final list: tenant-a out and tenant-b in, in one volume set.
        .contains("~ deny_access alpha: done")
        .doesNotContain("allow_access alpha")
        .contains("~ allow_access beta: done");
    boolean writeFailed;
    try {
      a.write("after-deny.txt", "must not land");
      writeFailed = false;
    } catch (java.io.IOException e) {
      writeFailed = true;
    }
    assertThat(writeFailed).as("a write right after the deny fails").isTrue();
    assertThat(a.awaitGone(Duration.ofSeconds(20))).as("the revoked client is cut off").isTrue();
    assertThat(estate.tenant("tenant-a").refused("east-1:/" + alphaVol)).isTrue();
    assertThat(mount("tenant-b", "east-1:/" + alphaVol).read("report.csv"))
        .isEqualTo("tenant-a's numbers");
    assertThat(mount("tenant-a", "west-1:/" + betaVol).read("b/notes.txt"))
        .isEqualTo("tenant-b's notes");
    mounts.forEach(Mount::unmount);

    // Drift made by hand on other nodes than the ones the tool talks to.
    east.node("east-2").gluster("volume", "set", alphaVol, "client.ssl", "off").orThrow();
    west.node("west-2").gluster("volume", "set", betaVol, "server.dynamic-auth", "off").orThrow();
    Main.Captured drift = cli("audit");
    assertThat(drift.exitCode()).as(drift.out()).isEqualTo(2);
    assertThat(drift.out()).contains("alpha", "client.ssl", "beta", "server.dynamic-auth");
    Main.Captured repaired = apply();
    assertThat(repaired.exitCode()).as(repaired.out() + repaired.err()).isZero();
    assertThat(repaired.out()).contains("~ repair_share alpha: done", "~ repair_share beta: done");
    assertThat(east.volume(alphaVol).options()).containsEntry("client.ssl", "on");
    assertThat(west.volume(betaVol).options()).containsEntry("server.dynamic-auth", "on");
    // Every share OK again; audit still exits 2 because each pool size is used up (its findings
    // are pool_exhausted warnings only).
    Main.Captured clean = cli("audit");
    assertThat(clean.out()).as(clean.out()).contains("0 of 5 shares drifted");
    assertThat(clean.out().lines().filter(l -> l.startsWith("share ")))
        .hasSize(5)
        .allSatisfy(l -> assertThat(l).endsWith(": OK"));
    assertThat(clean.out().lines().filter(l -> l.startsWith("  - ")))
        .allSatisfy(l -> assertThat(l).startsWith("  - pool_exhausted:"));

    // Delete with the wipe: data gone on every replica brick, the volume back in the pool.
    desired(
        shares("{ cn: tenant-b }", "{ cn: tenant-b }, { cn: tenant-a }")
                .replace("P-5G-1", legacyVol)
            + "- { name: delta, state: absent }\n");
    Main.Captured deleted = apply("--allow-destroy");
    assertThat(deleted.exitCode()).as(deleted.out() + deleted.err()).isZero();
    assertThat(deleted.out()).contains("- delete_share delta: done");
    assertThat(east.brickFiles(deltaVol))
        .as("nothing of delta's tenant on any replica brick")
        .hasSize(3)
        .allSatisfy((node, files) -> assertThat(files).isEmpty());
    assertThat(east.volume(deltaVol).options())
        .containsEntry(Identity.OWNER, "NONE")
        .containsEntry("auth.ssl-allow", east.readyAllow());
    assertThat(estate.tenant("tenant-a").refused("east-1:/" + deltaVol)).isTrue();

    // Import round trip: both clusters read back into a file that plans no changes.
    desired("estate.yaml", "");
    Main.Captured importEast =
        cli("import", "-f", "estate.yaml", "--cluster", "east", "--out", "east.yaml");
    assertThat(importEast.exitCode()).as(importEast.err()).isZero();
    Main.Captured importWest =
        cli("import", "-f", "east.yaml", "--cluster", "west", "--out", "both.yaml");
    assertThat(importWest.exitCode()).as(importWest.err()).isZero();
    String both = Files.readString(work.resolve("both.yaml"));
    assertThat(both).contains("name: alpha", "name: beta", "name: gamma", "name: legacy");
    assertThat(both).doesNotContain("name: delta").doesNotContain("theirs");
    Main.Captured replanned = cli("plan", "-f", "both.yaml", "--detailed-exitcode");
    assertThat(replanned.exitCode()).as(replanned.out() + replanned.err()).isZero();

    // show: both clusters as they are.
    JsonNode show = Json.parse(cli("show", "--json").out());
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    show.get("clusters").forEach(c -> byName.put(c.get("name").asString(), c));
    assertThat(byName).containsOnlyKeys("east", "west");
    assertThat(shareNames(byName.get("east"))).containsExactly("alpha");
    assertThat(shareNames(byName.get("west"))).containsExactlyInAnyOrder("beta", "gamma", "legacy");
    assertThat(byName.get("east").get("free").toString()).contains(p + "-1G-2", deltaVol);
    assertThat(byName.get("west").get("foreign").toString()).contains(p + "-4G-1");

    // Never touched: the foreign volume and the one outside the pattern.
    assertThat(west.volume(p + "-4G-1").options()).isEqualTo(foreignBefore);
    assertThat(west.volume(p + "-outside").options()).isEqualTo(outsideBefore);
  }

  /** The export locations an apply's summary lists, by share. */
  private static Map<String, String> exports(String out) {
    Map<String, String> exports = new LinkedHashMap<>();
    String tail = out.substring(Math.max(0, out.indexOf("Export locations")));
    for (String line : tail.lines().skip(1).toList()) {
      String[] cols = line.trim().split("\\s+");
      if (cols.length == 2 && cols[1].contains(":/")) {
        exports.put(cols[0], cols[1]);
      }
    }
    return exports;
  }

  /**
   * With {@code --parallelism 2} the clusters are worked on at once: each cluster's progress starts
   * before the other's ends.
   */
  private static void assertInterleaved(String out) {
    List<String> lines = out.lines().toList();
    int firstEast = indexOf(lines, "[east]", false);
    int lastEast = indexOf(lines, "[east]", true);
    int firstWest = indexOf(lines, "[west]", false);
    int lastWest = indexOf(lines, "[west]", true);
    assertThat(firstEast).as(out).isLessThan(lastWest);
    assertThat(firstWest).as(out).isLessThan(lastEast);
  }

  private static int indexOf(List<String> lines, String prefix, boolean last) {
    int found = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        found = i;
        if (!last) {
          return i;
        }
      }
    }
    return found;
  }

  private static List<String> shareNames(JsonNode cluster) {
    return StreamSupport.stream(cluster.get("shares").spliterator(), false)
        .map(s -> s.get("share").asString())
        .toList();
  }
}

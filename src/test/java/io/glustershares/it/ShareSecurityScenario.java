package io.glustershares.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.cli.Main;
import io.glustershares.it.estate.Cluster;
import io.glustershares.it.estate.Estate;
import io.glustershares.it.estate.EstateExtension;
import io.glustershares.it.estate.Mount;
import io.glustershares.it.estate.Poll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The point of a share, proven on the estate's replica 3 cluster {@code east}: only the CNs in its
 * access list can mount it. Tenants mount from machines of their own with their own certificates.
 * Run with the tool on a cluster node and the local gluster CLI, and with the tool on the managing
 * host over SSH (subclasses); what gluster really does when a connected client is cut off is
 * recorded in target/security-observations.md.
 */
@ExtendWith(EstateExtension.class)
abstract class ShareSecurityScenario {

  static final String UNUSUAL_CN = "svc.backup_1@corp-x";

  Estate estate;
  Cluster east;
  Path work;
  String p;
  String volume;
  String ready;
  final List<Mount> mounts = new ArrayList<>();
  final List<String> observations = new ArrayList<>();

  /** The cluster's entry in the file: its name, then server and, for SSH, its settings. */
  abstract String clusterEntry() throws Exception;

  /** Runs the tool where this variant runs it. */
  abstract Main.Captured tool(Map<String, String> env, String... args);

  /** Environment for the runs (an SSH password variable). */
  Map<String, String> environment() {
    return Map.of();
  }

  abstract String label();

  @BeforeEach
  void pool(Estate estate) throws Exception {
    this.estate = estate;
    east = estate.cluster("east");
    work = estate.workDir(label().replace(' ', '-'));
    p = Estate.uniquePrefix();
    volume = p + "-1G-1";
    ready = east.readyAllow();
    east.createVolume(volume, Map.of("auth.ssl-allow", ready, "features.trash", "on"));
  }

  @AfterEach
  void cleanUp() {
    mounts.forEach(Mount::unmount);
    if (estate != null) {
      estate.deleteVolumes(p);
    }
  }

  Main.Captured cli(String... args) {
    Map<String, String> env = new HashMap<>(environment());
    env.put("GLUSTER_SHARES_LOCK_DIR", work.resolve("locks").toString());
    return tool(env, args);
  }

  void desired(String shareBody) throws Exception {
    Files.writeString(
        work.resolve("gluster-shares.yaml"),
        "apiVersion: gluster-shares/v1\nstack: sec\nvolumePattern: '"
            + p
            + "-#{size}G-\\d+$'\n"
            + "mountBase: /run/gluster-shares/mnt\nclusters:\n"
            + clusterEntry().indent(2)
            + "shares:\n"
            + shareBody.indent(2));
  }

  Main.Captured apply(String... more) {
    List<String> args = new ArrayList<>(List.of("apply", "--auto-approve"));
    args.addAll(List.of(more));
    return cli(args.toArray(String[]::new));
  }

  String export() {
    return "east-1:/" + volume;
  }

  /** Mounts the share as {@code cn} from that tenant's own machine; null when refused. */
  Mount mount(String cn) {
    Mount m = estate.tenant(cn).mount(export()).orElse(null);
    if (m != null) {
      mounts.add(m);
    }
    return m;
  }

  /** What every replica brick holds besides gluster's trash directory. */
  Map<String, List<String>> dataOnBricks() {
    Map<String, List<String>> data = new HashMap<>();
    east.brickFiles(volume)
        .forEach(
            (node, files) ->
                data.put(node, files.stream().filter(f -> !f.startsWith(".trashcan")).toList()));
    return data;
  }

  @Test
  void onlyListedCnsCanMountThroughTheWholeLife() throws Exception {
    String share = "- name: share-7x\n  size: 1\n  access: [ ACCESS ]\n";
    desired(share.replace("ACCESS", "{ cn: tenant-a }, { cn: " + UNUSUAL_CN + " }"));
    Main.Captured created = apply();
    assertThat(created.exitCode()).as(created.out() + created.err()).isZero();
    assertThat(east.volume(volume).options())
        .containsEntry("auth.ssl-allow", ready + ",svc.backup_1@corp-x,tenant-a");

    // tenant-a mounts, writes and reads back; the file is on every replica; tenant-b, signed by
    // the same CA, is refused.
    Mount a = mount("tenant-a");
    assertThat(a).as("tenant-a mounts\n" + estate.tenant("tenant-a").clientLog()).isNotNull();
    a.write("hello.txt", "written by tenant-a");
    assertThat(a.read("hello.txt")).isEqualTo("written by tenant-a");
    assertThat(dataOnBricks())
        .as("the file is on every replica brick")
        .containsOnlyKeys(east.nodes().stream().map(n -> n.name()).toArray(String[]::new))
        .allSatisfy((node, files) -> assertThat(files).containsExactly("hello.txt"));
    assertThat(estate.tenant("tenant-b").refused(export())).as("tenant-b is refused").isTrue();

    // tenant-b allowed: it mounts.
    desired(
        share.replace("ACCESS", "{ cn: tenant-a }, { cn: tenant-b }, { cn: " + UNUSUAL_CN + " }"));
    assertThat(apply().out()).contains("~ allow_access share-7x: done");
    Mount b = mount("tenant-b");
    assertThat(b).as("tenant-b mounts once allowed").isNotNull();
    assertThat(b.read("hello.txt")).isEqualTo("written by tenant-a");
    b.unmount();

    // tenant-a denied while connected: with server.dynamic-auth on, gluster cuts it off.
    desired(share.replace("ACCESS", "{ cn: tenant-b }, { cn: " + UNUSUAL_CN + " }"));
    Main.Captured denied = apply();
    assertThat(denied.out()).contains("~ deny_access share-7x: done");
    long deniedAt = System.nanoTime();
    String firstWrite;
    try {
      Files.writeString(a.file("after-deny.txt"), "should not land", StandardOpenOption.CREATE);
      firstWrite = "succeeded";
    } catch (IOException e) {
      firstWrite = "failed: " + e.getClass().getSimpleName() + " " + e.getMessage();
    }
    boolean gone = a.awaitGone(Duration.ofSeconds(20));
    long goneMs = (System.nanoTime() - deniedAt) / 1_000_000;
    observations.add(
        "- "
            + label()
            + ": right after `deny_access` returned, a write on tenant-a's mount "
            + firstWrite.replace(a.path().toString(), "MOUNT"));
    observations.add(
        "- "
            + label()
            + ": tenant-a's client unmounted itself "
            + (gone ? goneMs + " ms after the deny" : "NOT within 20 s"));
    assertThat(gone).as("the connected tenant-a client loses its mount").isTrue();
    assertThat(firstWrite).as("a write right after the deny").startsWith("failed");
    assertThat(dataOnBricks().values())
        .as("nothing of the cut-off client reached a brick")
        .allSatisfy(files -> assertThat(files).doesNotContain("after-deny.txt"));
    assertThat(estate.tenant("tenant-a").refused(export()))
        .as("a new tenant-a mount is refused")
        .isTrue();

    // A snapshot with an unusual (valid) name reaches gluster, which refuses plain bricks.
    desired(
        share.replace("ACCESS", "{ cn: tenant-b }, { cn: " + UNUSUAL_CN + " }")
            + "  snapshots: [ { name: v1.2_final } ]\n");
    Main.Captured snapshot = apply();
    assertThat(snapshot.exitCode()).isEqualTo(1);
    assertThat(snapshot.out())
        .contains("snapshot create failed: Snapshot is supported only for thin provisioned LV");

    // Deleted: nobody mounts, the volume is back in the pool with only .trashcan, on every brick.
    desired("- { name: share-7x, state: absent }\n");
    Main.Captured deleted = apply("--allow-destroy");
    assertThat(deleted.exitCode()).as(deleted.out() + deleted.err()).isZero();
    for (String tenant : List.of("tenant-a", "tenant-b")) {
      assertThat(estate.tenant(tenant).refused(export())).as(tenant + " after the delete").isTrue();
    }
    Mount host = estate.managing().mount(export()).orElseThrow();
    mounts.add(host);
    assertThat(host.list()).containsExactly(".trashcan");
    host.unmount();
    assertThat(east.brickFiles(volume).values())
        .as("the tenant's data is gone from every replica brick, its trash included")
        .allSatisfy(files -> assertThat(files).isSubsetOf(".trashcan", ".trashcan/internal_op"));
    assertThat(cli("show", "--json").out()).contains("\"volume\" : \"" + volume + "\"");

    // A new share bound to the same volume starts empty: nothing of the previous tenant.
    desired("- { name: share-7y, size: 1, access: [ { cn: tenant-b } ] }\n");
    Main.Captured rebound = apply();
    assertThat(rebound.exitCode()).as(rebound.out() + rebound.err()).isZero();
    assertThat(rebound.out()).contains("share-7y  " + export());
    Mount fresh = mount("tenant-b");
    assertThat(fresh).as("the new share's tenant mounts").isNotNull();
    assertThat(Poll.within(Duration.ofSeconds(5), () -> fresh.list().equals(List.of(".trashcan"))))
        .as("the new share holds only .trashcan: " + fresh.list())
        .isTrue();
    fresh.unmount();

    record();
  }

  void record() {
    observations.forEach(SecurityObservations::record);
  }
}

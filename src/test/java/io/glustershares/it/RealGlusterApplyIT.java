package io.glustershares.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.cli.Main;
import io.glustershares.it.estate.Cluster;
import io.glustershares.it.estate.Estate;
import io.glustershares.it.estate.EstateExtension;
import io.glustershares.it.estate.Mount;
import io.glustershares.model.Identity;
import io.glustershares.model.Volume;
import io.glustershares.render.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * apply against the estate's replica 3 cluster east, from the managing host over SSH, as a user
 * runs it: create, allow, deny, drift repair, a foreign volume left untouched, delete with a FUSE
 * wipe (data gone on every replica brick), and snapshots refused by plain (non thin-LV) bricks with
 * gluster's own message.
 */
@ExtendWith(EstateExtension.class)
class RealGlusterApplyIT {

  private Estate estate;
  private Cluster east;
  private Path work;
  private String p;
  private String ready;
  private final List<Mount> mounts = new ArrayList<>();

  @BeforeEach
  void pool(Estate estate) {
    this.estate = estate;
    east = estate.cluster("east");
    work = estate.workDir("apply");
    p = Estate.uniquePrefix();
    ready = east.readyAllow();
    east.createVolume(p + "-1G-1", Map.of("auth.ssl-allow", ready, "features.trash", "on"));
    east.createVolume(
        p + "-5G-1",
        Map.of(
            "auth.ssl-allow",
            ready + ",legacy",
            Identity.MANILA_SHARE,
            "0e0b6a2e-9a55-4f4b-9a0c-5b1f3f3b7c11"));
    Map<String, String> drifted = new LinkedHashMap<>();
    drifted.put(Identity.MANILA_SHARE, Identity.shareUuid("it", "drifted").toString());
    drifted.put(Identity.OWNER, "it");
    drifted.put(Identity.NAME, "drifted");
    drifted.put("auth.ssl-allow", ready + ",tenant-a");
    drifted.put("client.ssl", "off");
    drifted.put("server.dynamic-auth", "off");
    east.createVolume(p + "-3G-1", drifted);
  }

  @AfterEach
  void cleanUp() {
    mounts.forEach(Mount::unmount);
    if (estate != null) {
      estate.deleteVolumes(p);
    }
  }

  private void desired(String alpha) {
    estate
        .desired()
        .pattern(p + "-#{size}G-\\d+$")
        .overSsh(east)
        .write(
            work.resolve("gluster-shares.yaml"),
            alpha + "\n- name: drifted\n  size: 3\n  access: [ { cn: tenant-a } ]\n");
  }

  private Main.Captured cli(String... args) {
    return estate
        .managing()
        .tool(work, Map.of("GLUSTER_SHARES_LOCK_DIR", work.resolve("locks").toString()), args);
  }

  private Main.Captured apply(String... more) {
    return cli(
        Stream.concat(Stream.of("apply", "--auto-approve"), Stream.of(more))
            .toArray(String[]::new));
  }

  private Mount mountAs(String tenant, String volume) {
    Mount m = estate.tenant(tenant).mountOrFail("east-1:/" + volume);
    mounts.add(m);
    return m;
  }

  /** Per node, what its brick keeps inside .trashcan beyond the two directories gluster keeps. */
  private static Map<String, List<String>> trashRemnants(Map<String, List<String>> bricks) {
    Map<String, List<String>> remnants = new LinkedHashMap<>();
    bricks.forEach(
        (node, files) ->
            remnants.put(
                node,
                files.stream()
                    .filter(f -> f.startsWith(".trashcan/") && !f.equals(".trashcan/internal_op"))
                    .toList()));
    return remnants;
  }

  @Test
  void theLifeOfAShareOnTheEstate() throws Exception {
    // glusterd keeps nfs.export-volumes cluster-wide and copies it into every volume when any
    // volume sets it (earlier tests' shares do): compare the rest.
    Map<String, String> foreignBefore = new LinkedHashMap<>(east.volume(p + "-5G-1").options());
    foreignBefore.remove("nfs.export-volumes");
    String alpha = p + "-1G-1";

    // Create and repair.
    desired("- { name: alpha, size: 1, access: [ { cn: tenant-a } ] }");
    Main.Captured created = apply();
    assertThat(created.exitCode()).as(created.out() + created.err()).isZero();
    assertThat(created.out())
        .contains(
            "+ create_share alpha: done",
            "~ repair_share drifted: done",
            "alpha  east-1:/" + alpha);
    Volume bound = east.volume(alpha);
    assertThat(bound.status()).isEqualTo(Volume.Status.STARTED);
    assertThat(bound.bricks()).hasSize(3);
    assertThat(bound.options())
        .containsEntry(Identity.OWNER, "it")
        .containsEntry(Identity.NAME, "alpha")
        .containsEntry(Identity.MANILA_SHARE, Identity.shareUuid("it", "alpha").toString())
        .containsEntry("auth.ssl-allow", ready + ",tenant-a")
        .containsEntry("client.ssl", "on")
        .containsEntry("server.ssl", "on")
        .containsEntry("server.dynamic-auth", "on");
    assertThat(east.volume(p + "-3G-1").options())
        .containsEntry("client.ssl", "on")
        .containsEntry("server.dynamic-auth", "on");
    assertThat(cli("plan", "--detailed-exitcode").exitCode()).isZero();

    // Allow, then deny.
    desired("- { name: alpha, size: 1, access: [ { cn: tenant-a }, { cn: tenant-b } ] }");
    assertThat(apply().out()).contains("~ allow_access alpha: done");
    assertThat(east.volume(alpha).options())
        .containsEntry("auth.ssl-allow", ready + ",tenant-a,tenant-b");
    desired("- { name: alpha, size: 1, access: [ { cn: tenant-b } ] }");
    assertThat(apply().out()).contains("~ deny_access alpha: done");
    assertThat(east.volume(alpha).options()).containsEntry("auth.ssl-allow", ready + ",tenant-b");

    // A snapshot on plain bricks: gluster's own words, exit 1, nothing half done.
    desired(
        "- { name: alpha, size: 1, access: [ { cn: tenant-b } ], snapshots: [ { name: nightly } ] }");
    Main.Captured snapshot = apply();
    assertThat(snapshot.exitCode()).isEqualTo(1);
    assertThat(snapshot.out())
        .contains("+ create_snapshot alpha/nightly: FAILED")
        .contains(
            "volume '"
                + alpha
                + "': snapshot create failed: Snapshot is supported only for thin provisioned LV. Ensure that all bricks of "
                + alpha
                + " are thinly provisioned LV. (opErrno 30815); gluster snapshots need every brick on a thinly provisioned LVM volume")
        .contains("0 done, 1 failed");
    Main.Captured pending = cli("plan", "--json");
    assertThat(Json.parse(pending.out()).get("actions"))
        .extracting(a -> a.get("id").asString())
        .containsExactly("create_snapshot:alpha/nightly");

    // Data written by a tenant, then the share deleted: wiped through a mount, back in the pool.
    desired("- { name: alpha, size: 1, access: [ { cn: tenant-b } ] }");
    Mount tenant = mountAs("tenant-b", alpha);
    tenant.write("secret.txt", "tenant data");
    tenant.write("dir/sub/more.txt", "more");
    tenant.unmount();
    assertThat(east.brickFiles(alpha).values())
        .allSatisfy(files -> assertThat(files).contains("secret.txt", "dir/sub/more.txt"));

    desired("- { name: alpha, state: absent }");
    Main.Captured refused = apply();
    assertThat(refused.exitCode()).isEqualTo(4);
    Main.Captured deleted = apply("--allow-destroy");
    assertThat(deleted.exitCode()).as(deleted.out() + deleted.err()).isZero();
    assertThat(deleted.out()).contains("- delete_share alpha: done");
    Volume released = east.volume(alpha);
    assertThat(released.options())
        .containsEntry(Identity.MANILA_SHARE, "NONE")
        .containsEntry(Identity.OWNER, "NONE")
        .containsEntry(Identity.NAME, "NONE")
        .containsEntry("auth.ssl-allow", ready)
        .containsEntry("nfs.disable", "on");
    Mount host = estate.managing().mount("east-1:/" + alpha).orElseThrow();
    mounts.add(host);
    assertThat(host.list()).containsExactly(".trashcan");
    try (Stream<Path> trash = Files.walk(host.file(".trashcan"))) {
      assertThat(
              trash
                  .map(f -> host.path().relativize(f).toString())
                  .filter(f -> !f.equals(".trashcan") && !f.equals(".trashcan/internal_op")))
          .isEmpty();
    }
    host.unmount();
    // On every replica brick nothing of the tenant is left outside gluster's trash directory.
    Map<String, List<String>> bricks = east.brickFiles(alpha);
    assertThat(bricks)
        .as("the wipe reached every replica brick")
        .allSatisfy(
            (node, files) ->
                assertThat(files).allSatisfy(f -> assertThat(f).startsWith(".trashcan")));
    // Nor inside it: with features.trash on, the replicas a mount does not read from kept the
    // deleted files under .trashcan/<gfid:...>/ until the wipe ran with trash off and read every
    // replica (issue 12; ReplicaWipeIT).
    assertThat(trashRemnants(bricks))
        .as("nothing of the tenant in .trashcan on any replica brick")
        .allSatisfy((node, remnants) -> assertThat(remnants).isEmpty());
    assertThat(released.options()).containsEntry("features.trash", "on");
    assertThat(estate.tenant("tenant-b").refused("east-1:/" + alpha))
        .as("the revoked tenant cannot mount")
        .isTrue();

    JsonNode cluster = Json.parse(cli("show", "--json").out()).get("clusters").get(0);
    assertThat(cluster.get("free").toString()).contains(alpha);
    // Apart from the cluster-wide nfs.export-volumes, the foreign volume is as it was, and no
    // action ever named it.
    Map<String, String> foreignAfter = new LinkedHashMap<>(east.volume(p + "-5G-1").options());
    foreignAfter.remove("nfs.export-volumes");
    assertThat(foreignAfter).as("the foreign volume is untouched").isEqualTo(foreignBefore);
    for (Main.Captured run : List.of(created, snapshot, deleted)) {
      assertThat(run.out()).doesNotContain(p + "-5G-1");
    }

    // The volume is reused: a new share bound to it starts empty.
    desired("- { name: beta, size: 1, access: [ { cn: tenant-a } ] }");
    assertThat(apply().exitCode()).isZero();
    Mount again = mountAs("tenant-a", alpha);
    assertThat(again.list()).containsExactly(".trashcan");
    again.unmount();
  }
}

package io.glustershares.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.cli.CliRunner;
import io.glustershares.cli.Main;
import io.glustershares.model.Identity;
import io.glustershares.model.Volume;
import io.glustershares.render.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * apply against real glusterd, through the CLI as a user runs it: create, allow, deny, drift
 * repair, a foreign volume left untouched, delete with a FUSE wipe, and snapshots refused by plain
 * (non thin-LV) bricks with gluster's own message.
 */
class RealGlusterApplyIT {

  private static final String READY = "glusterfs-server-1,manila-host";

  @TempDir Path work;
  private RealGluster gluster;
  private String p;
  private CliRunner cli;

  @BeforeEach
  void pool() throws Exception {
    gluster = RealGluster.require();
    TlsSetup.ensure();
    p = RealGluster.uniquePrefix();
    gluster.createVolume(p + "-1G-1", Map.of("auth.ssl-allow", READY, "features.trash", "on"));
    gluster.createVolume(
        p + "-5G-1",
        Map.of(
            "auth.ssl-allow",
            READY + ",legacy",
            Identity.MANILA_SHARE,
            "0e0b6a2e-9a55-4f4b-9a0c-5b1f3f3b7c11"));
    Map<String, String> drifted = new LinkedHashMap<>();
    drifted.put(Identity.MANILA_SHARE, Identity.shareUuid("it", "drifted").toString());
    drifted.put(Identity.OWNER, "it");
    drifted.put(Identity.NAME, "drifted");
    drifted.put("auth.ssl-allow", READY + ",tenant-a");
    drifted.put("client.ssl", "off");
    drifted.put("server.dynamic-auth", "off");
    gluster.createVolume(p + "-3G-1", drifted);
    cli = new CliRunner(work).env("GLUSTER_SHARES_LOCK_DIR", work.resolve("locks").toString());
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (String m : new String[] {"tenant", "host"}) {
      Path mnt = work.resolve("mnt-" + m);
      if (TlsSetup.mounted(mnt)) {
        TlsSetup.unmount(mnt);
      }
    }
    if (gluster != null) {
      gluster.cleanUp();
    }
  }

  private void desired(String alpha) throws Exception {
    Files.writeString(
        work.resolve("gluster-shares.yaml"),
        """
        apiVersion: gluster-shares/v1
        stack: it
        volumePattern: 'PREFIX-#{size}G-\\d+$'
        mountBase: WORK/wipe
        clusters:
          local:
            server: HOST
        shares:
        ALPHA
          - name: drifted
            size: 3
            access: [ { cn: tenant-a } ]
        """
            .replace("PREFIX", p)
            .replace("HOST", gluster.host())
            .replace("WORK", work.toString())
            .replace("ALPHA", alpha.indent(2).stripTrailing()));
  }

  private Main.Captured apply(String... more) {
    String[] args =
        Stream.concat(Stream.of("apply", "--auto-approve"), Stream.of(more)).toArray(String[]::new);
    return cli.run(args);
  }

  @Test
  void theLifeOfAShareOnRealGluster() throws Exception {
    Map<String, String> foreignBefore = gluster.volume(p + "-5G-1").options();
    String alpha = p + "-1G-1";

    // Create and repair.
    desired("- { name: alpha, size: 1, access: [ { cn: tenant-a } ] }");
    Main.Captured created = apply();
    assertThat(created.exitCode()).as(created.out() + created.err()).isZero();
    assertThat(created.out())
        .contains(
            "+ create_share alpha: done",
            "~ repair_share drifted: done",
            "alpha  " + gluster.host() + ":/" + alpha);
    Volume bound = gluster.volume(alpha);
    assertThat(bound.status()).isEqualTo(Volume.Status.STARTED);
    assertThat(bound.options())
        .containsEntry(Identity.OWNER, "it")
        .containsEntry(Identity.NAME, "alpha")
        .containsEntry(Identity.MANILA_SHARE, Identity.shareUuid("it", "alpha").toString())
        .containsEntry("auth.ssl-allow", READY + ",tenant-a")
        .containsEntry("client.ssl", "on")
        .containsEntry("server.ssl", "on")
        .containsEntry("server.dynamic-auth", "on");
    assertThat(gluster.volume(p + "-3G-1").options())
        .containsEntry("client.ssl", "on")
        .containsEntry("server.dynamic-auth", "on");
    assertThat(cli.run("plan", "--detailed-exitcode").exitCode()).isZero();

    // Allow, then deny.
    desired("- { name: alpha, size: 1, access: [ { cn: tenant-a }, { cn: tenant-b } ] }");
    assertThat(apply().out()).contains("~ allow_access alpha: done");
    assertThat(gluster.volume(alpha).options())
        .containsEntry("auth.ssl-allow", READY + ",tenant-a,tenant-b");
    desired("- { name: alpha, size: 1, access: [ { cn: tenant-b } ] }");
    assertThat(apply().out()).contains("~ deny_access alpha: done");
    assertThat(gluster.volume(alpha).options())
        .containsEntry("auth.ssl-allow", READY + ",tenant-b");

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
    Main.Captured pending = cli.run("plan", "--json");
    assertThat(Json.parse(pending.out()).get("actions"))
        .extracting(a -> a.get("id").asString())
        .containsExactly("create_snapshot:alpha/nightly");

    // Data written by a tenant, then the share deleted: wiped through a mount, back in the pool.
    desired("- { name: alpha, size: 1, access: [ { cn: tenant-b } ] }");
    Path tenant = work.resolve("mnt-tenant");
    assertThat(TlsSetup.mountAs("tenant-b", gluster.host(), alpha, tenant)).isTrue();
    Files.writeString(tenant.resolve("secret.txt"), "tenant data");
    Files.createDirectories(tenant.resolve("dir/sub"));
    Files.writeString(tenant.resolve("dir/sub/more.txt"), "more");
    TlsSetup.unmount(tenant);

    desired("- { name: alpha, state: absent }");
    Main.Captured refused = apply();
    assertThat(refused.exitCode()).isEqualTo(4);
    Main.Captured deleted = apply("--allow-destroy");
    assertThat(deleted.exitCode()).as(deleted.out() + deleted.err()).isZero();
    assertThat(deleted.out()).contains("- delete_share alpha: done");
    Volume released = gluster.volume(alpha);
    assertThat(released.options())
        .containsEntry(Identity.MANILA_SHARE, "NONE")
        .containsEntry(Identity.OWNER, "NONE")
        .containsEntry(Identity.NAME, "NONE")
        .containsEntry("auth.ssl-allow", READY)
        .containsEntry("nfs.disable", "on");
    Path host = work.resolve("mnt-host");
    assertThat(TlsSetup.mountAs("manila-host", gluster.host(), alpha, host)).isTrue();
    try (Stream<Path> left = Files.list(host)) {
      assertThat(left.map(f -> f.getFileName().toString())).containsExactly(".trashcan");
    }
    try (Stream<Path> trash = Files.walk(host.resolve(".trashcan"))) {
      assertThat(
              trash
                  .map(f -> host.relativize(f).toString())
                  .filter(f -> !f.equals(".trashcan") && !f.equals(".trashcan/internal_op")))
          .isEmpty();
    }
    TlsSetup.unmount(host);
    assertThat(TlsSetup.mountAs("tenant-b", gluster.host(), alpha, tenant))
        .as("the revoked tenant cannot mount")
        .isFalse();

    JsonNode cluster = Json.parse(cli.run("show", "--json").out()).get("clusters").get(0);
    assertThat(cluster.get("free").toString()).contains(alpha);
    // glusterd itself copies the global option nfs.export-volumes into every volume when a share
    // sets it; apart from that the foreign volume is as it was, and no action ever named it.
    Map<String, String> foreignAfter = new LinkedHashMap<>(gluster.volume(p + "-5G-1").options());
    foreignAfter.remove("nfs.export-volumes");
    assertThat(foreignAfter).as("the foreign volume is untouched").isEqualTo(foreignBefore);
    for (Main.Captured run : java.util.List.of(created, snapshot, deleted)) {
      assertThat(run.out()).doesNotContain(p + "-5G-1");
    }

    // The volume is reused: a new share bound to it starts empty.
    desired("- { name: beta, size: 1, access: [ { cn: tenant-a } ] }");
    assertThat(apply().exitCode()).isZero();
    assertThat(TlsSetup.mountAs("tenant-a", gluster.host(), alpha, tenant)).isTrue();
    try (Stream<Path> left = Files.list(tenant)) {
      assertThat(left.map(f -> f.getFileName().toString())).containsExactly(".trashcan");
    }
    TlsSetup.unmount(tenant);
  }
}

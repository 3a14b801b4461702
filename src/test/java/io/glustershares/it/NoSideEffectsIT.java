package io.glustershares.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.cli.Main;
import io.glustershares.it.estate.Cluster;
import io.glustershares.it.estate.Estate;
import io.glustershares.it.estate.EstateExtension;
import io.glustershares.model.Identity;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A share action changes only its own volume (issue 12): glusterd keeps some options cluster-wide
 * ({@code nfs.export-volumes}: set on one volume, it is set on every volume, and {@code volume
 * reset} does not undo it), so after each step of a full cycle on the replica 3 cluster — create,
 * allow, deny, repair, delete with the wipe — every option of a volume bound by Manila, of another
 * stack's share and of a volume outside the pattern is what it was.
 */
@ExtendWith(EstateExtension.class)
class NoSideEffectsIT {

  private Estate estate;
  private Cluster east;
  private Path work;
  private String p;

  @BeforeEach
  void volumes(Estate estate) {
    this.estate = estate;
    east = estate.cluster("east");
    work = estate.workDir("side-effects");
    p = Estate.uniquePrefix();
    east.createPool(p, 1, 1);
    east.createVolume(
        p + "-5G-1",
        Map.of(
            "auth.ssl-allow",
            east.readyAllow() + ",tenant-m",
            Identity.MANILA_SHARE,
            "0e0b6a2e-9a55-4f4b-9a0c-5b1f3f3b7c11",
            "client.ssl",
            "ON",
            "server.ssl",
            "ON"));
    east.createVolume(
        p + "-4G-1",
        Map.of(
            "auth.ssl-allow",
            east.readyAllow() + ",theirs",
            Identity.OWNER,
            "other-stack",
            Identity.NAME,
            "theirs"));
    east.createVolume(
        p + "-outside", Map.of("user.note", "not ours", "performance.cache-size", "64MB"));
  }

  @AfterEach
  void cleanUp() {
    if (estate != null) {
      estate.deleteVolumes(p);
    }
  }

  /** Every option of the volumes no share action may touch. */
  private Map<String, Map<String, String>> untouchable() {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (String v : new String[] {p + "-5G-1", p + "-4G-1", p + "-outside"}) {
      out.put(v, east.volume(v).options());
    }
    return out;
  }

  private Main.Captured apply(String access, String... more) {
    estate
        .desired()
        .pattern(p + "-#{size}G-\\d+$")
        .overSsh(east)
        .write(work.resolve("gluster-shares.yaml"), access);
    return estate
        .managing()
        .tool(
            work,
            Map.of("GLUSTER_SHARES_LOCK_DIR", work.resolve("locks").toString()),
            Stream.concat(Stream.of("apply", "--auto-approve"), Stream.of(more))
                .toArray(String[]::new));
  }

  @Test
  void aFullCycleChangesNoOtherVolume() {
    Map<String, Map<String, String>> before = untouchable();
    String share = p + "-1G-1";

    Main.Captured create = apply("- { name: s, size: 1, access: [ { cn: tenant-a } ] }");
    assertThat(create.exitCode()).as(create.out() + create.err()).isZero();
    assertThat(create.out()).contains("+ create_share s: done");
    assertThat(east.volume(share).options())
        .containsEntry("nfs.disable", "on")
        .doesNotContainKey("nfs.export-volumes");
    assertThat(untouchable()).as("after create").isEqualTo(before);

    Main.Captured allow =
        apply("- { name: s, size: 1, access: [ { cn: tenant-a }, { cn: tenant-b } ] }");
    assertThat(allow.out()).as(allow.out() + allow.err()).contains("~ allow_access s: done");
    assertThat(untouchable()).as("after allow").isEqualTo(before);

    Main.Captured deny = apply("- { name: s, size: 1, access: [ { cn: tenant-b } ] }");
    assertThat(deny.out()).as(deny.out() + deny.err()).contains("~ deny_access s: done");
    assertThat(untouchable()).as("after deny").isEqualTo(before);

    // Drift by hand on another node: the repair sets the volume's own nfs.disable back. Script
    // mode answers the CLI's "Gluster NFS is being deprecated" question that nfs.disable off asks.
    east.node("east-2")
        .gluster(
            "--mode=script",
            "volume",
            "set",
            share,
            "nfs.disable",
            "off",
            "server.dynamic-auth",
            "off")
        .orThrow();
    Main.Captured repair = apply("- { name: s, size: 1, access: [ { cn: tenant-b } ] }");
    assertThat(repair.out()).as(repair.out() + repair.err()).contains("~ repair_share s: done");
    assertThat(east.volume(share).options())
        .containsEntry("nfs.disable", "on")
        .containsEntry("server.dynamic-auth", "on");
    assertThat(untouchable()).as("after repair").isEqualTo(before);

    Main.Captured delete = apply("- { name: s, state: absent }", "--allow-destroy");
    assertThat(delete.exitCode()).as(delete.out() + delete.err()).isZero();
    assertThat(delete.out()).contains("- delete_share s: done");
    assertThat(untouchable()).as("after delete").isEqualTo(before);
    for (Main.Captured run : new Main.Captured[] {create, allow, deny, repair, delete}) {
      assertThat(run.out()).doesNotContain(p + "-5G-1", p + "-4G-1", p + "-outside");
    }
  }
}

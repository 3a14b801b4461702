package io.glustershares.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.cli.Main;
import io.glustershares.it.estate.Cluster;
import io.glustershares.it.estate.Estate;
import io.glustershares.it.estate.EstateExtension;
import io.glustershares.it.estate.Mount;
import io.glustershares.model.Identity;
import io.glustershares.model.Volume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * import on the estate's replica 3 cluster east over SSH: a share this tool made and a volume set
 * up exactly as OpenStack Manila's GlusterFS Native driver leaves a share come back as entries;
 * after one apply (which only tags the Manila volume: no brick restarted, nothing else changed) the
 * plan has no changes. Then {@code state: released} hands both back (issue 15): only our owner and
 * name tags change, the volume stays bound, secured and readable by its tenant, and with the entry
 * gone from the file no plan, not even with {@code --prune}, touches it.
 */
@ExtendWith(EstateExtension.class)
class ImportIT {

  private static final String MANILA_UUID = "5b0c3a2e-1d4f-4e6a-8b9c-0d1e2f3a4b5c";

  private Estate estate;
  private Cluster east;
  private Path work;
  private String p;
  private final List<Mount> mounts = new ArrayList<>();

  @BeforeEach
  void pool(Estate estate) {
    this.estate = estate;
    east = estate.cluster("east");
    work = estate.workDir("import");
    p = Estate.uniquePrefix();
    east.createVolume(p + "-1G-1", Map.of("auth.ssl-allow", east.readyAllow()));
    east.createManilaVolume(p + "-3G-1", MANILA_UUID, List.of("tenant-m"));
  }

  @AfterEach
  void cleanUp() {
    mounts.forEach(Mount::unmount);
    if (estate != null) {
      estate.deleteVolumes(p);
    }
  }

  private Main.Captured cli(String... args) {
    return estate
        .managing()
        .tool(work, Map.of("GLUSTER_SHARES_LOCK_DIR", work.resolve("locks").toString()), args);
  }

  private void write(String name, String shares) {
    estate.desired().pattern(p + "-#{size}G-\\d+$").overSsh(east).write(work.resolve(name), shares);
  }

  @Test
  void importRoundTripsAndAdoptsAManilaShareWithoutTouchingIt() throws Exception {
    write("gluster-shares.yaml", "- { name: alpha, size: 1, access: [ { cn: tenant-a } ] }\n");
    Main.Captured created = cli("apply", "--auto-approve");
    assertThat(created.exitCode()).as(created.out() + created.err()).isZero();
    write("estate.yaml", "");

    Main.Captured imported =
        cli("import", "-f", "estate.yaml", "--cluster", "east", "--out", "imported.yaml");

    assertThat(imported.exitCode()).as(imported.err()).isZero();
    String file = Files.readString(work.resolve("imported.yaml"));
    assertThat(file)
        .contains(
            """
            shares:
              - name: alpha
                cluster: east
                size: 1
                access:
                  - cn: tenant-a
            """)
        .contains(
            "  - name: manila-"
                + MANILA_UUID
                + "\n    cluster: east\n    volume: "
                + p
                + "-3G-1\n    access:\n      - cn: tenant-m\n");

    String manila = p + "-3G-1";
    Map<String, String> before = east.volume(manila).options();
    Map<String, Long> bricks = east.brickPids(manila);
    assertThat(bricks).hasSize(3);
    Main.Captured plan = cli("plan", "-f", "imported.yaml");
    assertThat(plan.out())
        .contains("~ adopt_share manila-" + MANILA_UUID + "  cluster east  volume " + manila)
        .contains("Plan: 0 to create, 1 to change, 0 to destroy.");

    Main.Captured adopted = cli("apply", "-f", "imported.yaml", "--auto-approve");
    assertThat(adopted.exitCode()).as(adopted.out() + adopted.err()).isZero();

    Volume after = east.volume(manila);
    assertThat(east.brickPids(manila)).as("no brick restarted").isEqualTo(bricks);
    assertThat(after.status()).isEqualTo(Volume.Status.STARTED);
    assertThat(after.options())
        .containsEntry(Identity.OWNER, "it")
        .containsEntry(Identity.NAME, "manila-" + MANILA_UUID)
        .containsEntry(Identity.MANILA_SHARE, MANILA_UUID);
    Map<String, String> untouched = new HashMap<>(after.options());
    untouched.remove(Identity.OWNER);
    untouched.remove(Identity.NAME);
    assertThat(untouched).isEqualTo(before);

    Main.Captured again = cli("plan", "-f", "imported.yaml", "--detailed-exitcode");
    assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
    assertThat(again.out()).contains("No changes: the clusters match the file.");

    // Handed back to Manila: exactly as it was before the adoption, our tags aside (NONE).
    Files.writeString(
        work.resolve("imported.yaml"),
        Files.readString(work.resolve("imported.yaml"))
            .replace(
                "  - name: manila-" + MANILA_UUID + "\n",
                "  - name: manila-" + MANILA_UUID + "\n    state: released\n"));
    Main.Captured released = cli("apply", "-f", "imported.yaml", "--auto-approve");
    assertThat(released.exitCode()).as(released.out() + released.err()).isZero();
    assertThat(released.out()).contains("~ release_share manila-" + MANILA_UUID);
    Map<String, String> handedBack = new HashMap<>(before);
    handedBack.put(Identity.OWNER, Identity.NONE);
    handedBack.put(Identity.NAME, Identity.NONE);
    assertThat(east.volume(manila).options()).isEqualTo(handedBack);
    assertThat(east.brickPids(manila)).as("no brick restarted").isEqualTo(bricks);
  }

  @Test
  void aReleasedShareKeepsItsBindingAccessAndDataAndIsThenLeftAlone() throws Exception {
    write("gluster-shares.yaml", "- { name: beta, size: 1, access: [ { cn: tenant-a } ] }\n");
    Main.Captured created = cli("apply", "--auto-approve");
    assertThat(created.exitCode()).as(created.out() + created.err()).isZero();
    String volume = p + "-1G-1";
    Mount tenant = estate.tenant("tenant-a").mountOrFail("east-1:/" + volume);
    mounts.add(tenant);
    tenant.write("kept.txt", "still here");
    tenant.unmount();
    Map<String, String> before = east.volume(volume).options();
    Map<String, Long> bricks = east.brickPids(volume);

    write(
        "gluster-shares.yaml",
        "- { name: beta, size: 1, state: released, access: [ { cn: tenant-a } ] }\n");
    Main.Captured plan = cli("plan", "--detailed-exitcode");
    assertThat(plan.exitCode()).as(plan.out() + plan.err()).isEqualTo(2);
    assertThat(plan.out())
        .contains("~ release_share beta  cluster east  volume " + volume)
        .contains("Plan: 0 to create, 1 to change, 0 to destroy.");
    Main.Captured apply = cli("apply", "--json", "--auto-approve");
    assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
    assertThat(apply.out()).contains("\"outcome\":\"applied\"");

    Map<String, String> expected = new HashMap<>(before);
    expected.put(Identity.OWNER, Identity.NONE);
    expected.put(Identity.NAME, Identity.NONE);
    assertThat(east.volume(volume).options()).isEqualTo(expected);
    assertThat(expected)
        .containsEntry(Identity.MANILA_SHARE, Identity.shareUuid("it", "beta").toString());
    assertThat(east.brickPids(volume)).as("no brick restarted").isEqualTo(bricks);
    Mount again = estate.tenant("tenant-a").mountOrFail("east-1:/" + volume);
    mounts.add(again);
    assertThat(again.read("kept.txt")).isEqualTo("still here");
    assertThat(estate.tenant("tenant-b").refused("east-1:/" + volume))
        .as("its access list still guards it")
        .isTrue();

    // The entry gone: not unmanaged, not deleted, even with --prune.
    write("gluster-shares.yaml", "");
    Main.Captured pruned = cli("apply", "--auto-approve", "--prune", "--allow-destroy");
    assertThat(pruned.exitCode()).as(pruned.out() + pruned.err()).isZero();
    assertThat(pruned.out()).contains("Nothing to apply.").doesNotContain("unmanaged");
    assertThat(east.volume(volume).options()).isEqualTo(expected);
    assertThat(again.read("kept.txt")).isEqualTo("still here");
  }
}

package io.glustershares.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.cli.Main;
import io.glustershares.it.estate.Cluster;
import io.glustershares.it.estate.Estate;
import io.glustershares.it.estate.EstateExtension;
import io.glustershares.model.Identity;
import io.glustershares.model.Volume;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * plan has no changes.
 */
@ExtendWith(EstateExtension.class)
class ImportIT {

  private static final String MANILA_UUID = "5b0c3a2e-1d4f-4e6a-8b9c-0d1e2f3a4b5c";

  private Estate estate;
  private Cluster east;
  private Path work;
  private String p;

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
  }
}

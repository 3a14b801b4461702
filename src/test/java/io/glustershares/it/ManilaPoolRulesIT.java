package io.glustershares.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.cli.Main;
import io.glustershares.it.estate.Cluster;
import io.glustershares.it.estate.Estate;
import io.glustershares.it.estate.EstateExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Manila's pool rules ({@code layout_volume.py}) against real glusterd on the estate's cluster
 * east: what the tool reads from gluster's own XML, it classifies and binds as Manila would.
 */
@ExtendWith(EstateExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManilaPoolRulesIT {

  private Estate estate;
  private Cluster east;
  private String p;

  @BeforeAll
  void pool(Estate estate) {
    this.estate = estate;
    east = estate.cluster("east");
    p = Estate.uniquePrefix();
  }

  @AfterAll
  void cleanUp() {
    if (estate != null) {
      estate.deleteVolumes(p);
    }
  }

  @Test
  void popGlusterVolTakesAVolumeOfUnknownSizeOnlyWhenNoSizedOneFits() {
    String ready = east.readyAllow();
    east.createVolume(p + "-1-1G", Map.of("auth.ssl-allow", ready));
    east.createVolume(p + "-2", Map.of("auth.ssl-allow", ready));
    Path work = estate.workDir("unknown-size");
    estate
        .desired()
        .pattern(p + "-\\d+(-#{size}G)?$")
        .overSsh(east)
        .write(
            work.resolve("gluster-shares.yaml"),
            "- { name: large, size: 3, access: [ { cn: tenant-b } ] }\n");

    Main.Captured plan = estate.managing().tool(work, "plan");
    assertThat(plan.exitCode()).as(plan.out() + plan.err()).isZero();
    assertThat(plan.out())
        .contains("bind " + p + "-2 (size unknown) from the pool")
        .doesNotContain("not ready");

    Main.Captured apply = estate.managing().tool(work, "apply", "--auto-approve");
    assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
    Main.Captured again = estate.managing().tool(work, "plan", "--detailed-exitcode");
    assertThat(again.out()).contains("No changes: the clusters match the file.");
    assertThat(east.volume(p + "-2").option("user.gluster-shares.name")).contains("large");
  }

  @Test
  void fetchGlusterVolumesCountsAVolumeAsUsedOnlyWhenUserManilaShareIsAUuid() {
    String q = p + "u";
    String ready = east.readyAllow();
    east.createVolume(q + "-1-1G", Map.of("auth.ssl-allow", ready, "user.manila-share", "retired"));
    east.createVolume(
        q + "-2-1G",
        Map.of(
            "auth.ssl-allow", ready, "user.manila-share", "0E0B6A2E-9A55-4F4B-9A0C-5B1F3F3B7C11"));
    Path work = estate.workDir("odd-tag");
    estate
        .desired()
        .pattern(q + "-\\d+(-#{size}G)?$")
        .overSsh(east)
        .write(work.resolve("gluster-shares.yaml"), "- { name: odd, size: 1 }\n");

    Main.Captured show = estate.managing().tool(work, "show");
    assertThat(show.exitCode()).as(show.out() + show.err()).isZero();
    assertThat(show.out())
        .contains(q + "-1-1G (1 GB): user.manila-share is 'retired', not a UUID")
        .contains(q + "-2-1G: bound by Manila share 0E0B6A2E-9A55-4F4B-9A0C-5B1F3F3B7C11");
    Main.Captured plan = estate.managing().tool(work, "plan");
    assertThat(plan.exitCode()).as(plan.out() + plan.err()).isZero();
    assertThat(plan.out())
        .contains("+ create_share odd  cluster east  volume " + q + "-1-1G")
        .contains("whose user.manila-share is 'retired': not a UUID");
  }

  @Test
  void customTemplateReadsHashSizeAsTheSizeGroupOnRealVolumeNames() {
    String q = p + "t";
    east.createVolume(q + "-1-2", Map.of("auth.ssl-allow", east.readyAllow()));
    Path work = estate.workDir("template");
    estate
        .desired()
        .pattern(q + "-\\d+(-#size)?(##)?$")
        .overSsh(east)
        .write(work.resolve("gluster-shares.yaml"), "- { name: sized, size: 2 }\n");

    Main.Captured plan = estate.managing().tool(work, "plan");
    assertThat(plan.exitCode()).as(plan.out() + plan.err()).isZero();
    assertThat(plan.out()).contains("bind " + q + "-1-2 (2 GB) from the pool");
  }
}

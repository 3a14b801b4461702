package io.glustershares.plan;

import static io.glustershares.plan.Observed.READY;
import static io.glustershares.plan.Observed.share;
import static io.glustershares.plan.Observed.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.load.DesiredStateLoader;
import io.glustershares.load.WorkingTree;
import io.glustershares.model.DesiredState;
import io.glustershares.model.GlusterArgv;
import io.glustershares.model.GlusterBoolean;
import io.glustershares.model.Identity;
import io.glustershares.model.ObservedState;
import io.glustershares.model.Volume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The secured state changes only the share's own volume (nfs.export-volumes is cluster-wide in
 * glusterd, so it is no part of it; nfs.disable is per volume), and its booleans are read as
 * gluster reads them, Manila's ON/OFF included.
 */
class SecuredStateTest {

  @TempDir Path dir;

  private DesiredState desired(String shares) throws Exception {
    Files.writeString(
        dir.resolve("f.yaml"),
        """
        apiVersion: gluster-shares/v1
        stack: prod
        volumePattern: 'pool-#{size}G-\\d+$'
        clusters:
          east: { server: east-1 }
        shares:
        """
            + shares.indent(2));
    DesiredStateLoader.Result r =
        new DesiredStateLoader(new WorkingTree(dir)).load(Path.of("f.yaml"));
    assertThat(r.errors()).isEmpty();
    return r.state().orElseThrow();
  }

  private static Volume volume(Map<String, String> options) {
    return new Volume("v", "id", Volume.Status.STARTED, List.of(), options, 0);
  }

  @Test
  void theSecuredStateIsOfTheVolumeAlone() {
    assertThat(Security.SECURED)
        .containsExactly(
            Map.entry("client.ssl", "on"),
            Map.entry("server.ssl", "on"),
            Map.entry("nfs.disable", "on"),
            Map.entry("server.dynamic-auth", "on"))
        .doesNotContainKey("nfs.export-volumes");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"ON", "On", "on", "YES", "true", "TRUE", "Enable", "1"})
  void everySpellingOfOnGlusterReadsIsOn(String on) {
    assertThat(
            Security.optionDrift(
                volume(
                    Map.of(
                        "client.ssl", on,
                        "server.ssl", on,
                        "nfs.disable", on,
                        "server.dynamic-auth", on))))
        .isEmpty();
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource({"OFF", "off", "No", "FALSE", "disable", "0", "maybe", "''"})
  void anythingElseIsDrift(String value) {
    assertThat(Security.optionDrift(volume(Map.of("client.ssl", value))))
        .extracting(Security.Drift::option)
        .contains("client.ssl");
  }

  @Test
  void booleansAsGlusterReadsThem() {
    assertThat(GlusterBoolean.parse(" Disable ")).contains(false);
    assertThat(GlusterBoolean.parse("ENABLE")).contains(true);
    assertThat(GlusterBoolean.parse("maybe")).isEmpty();
    assertThat(GlusterBoolean.same("off", "OFF")).isTrue();
    assertThat(GlusterBoolean.same("off", "0")).isTrue();
    assertThat(GlusterBoolean.same("on", "OFF")).isFalse();
    assertThat(GlusterBoolean.same("on", "maybe")).isFalse();
  }

  /** Failed before: Manila's "nfs.export-volumes OFF" was read as drift and "repaired". */
  @Test
  void aVolumeAsManilaLeavesItNeedsNoRepair() throws Exception {
    Map<String, String> manila =
        Map.of(
            Identity.MANILA_SHARE,
            Identity.shareUuid("prod", "legacy").toString(),
            Identity.OWNER,
            "prod",
            Identity.NAME,
            "legacy",
            "auth.ssl-allow",
            READY + ",tenant-m",
            "nfs.export-volumes",
            "OFF",
            "client.ssl",
            "ON",
            "server.ssl",
            "ON",
            "server.dynamic-auth",
            "ON");
    ObservedState observed =
        Observed.state().cluster("east").volume("pool-1G-1", manila).and().build();

    Plan plan =
        Planner.plan(
            desired("- { name: legacy, size: 1, access: [ { cn: tenant-m } ] }"),
            observed,
            PlanOptions.DEFAULT);

    assertThat(plan.actions()).isEmpty();
  }

  /**
   * Failed before: nfs.export-volumes set on (cluster-wide, by anyone) made every share "drift",
   * and the repair set it off for every volume of the cluster, foreign ones included.
   */
  @Test
  void theClusterWideNfsOptionIsNeverRepairedNfsDisableIs() throws Exception {
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .volume("pool-1G-1", with(share("prod", "a", "t"), "nfs.export-volumes", "on"))
            .volume("pool-1G-2", with(share("prod", "b", "t"), "nfs.disable", "off"))
            .and()
            .build();

    Plan plan =
        Planner.plan(
            desired(
                "- { name: a, size: 1, access: [ { cn: t } ] }\n"
                    + "- { name: b, size: 1, access: [ { cn: t } ] }"),
            observed,
            PlanOptions.DEFAULT);

    assertThat(plan.actions()).extracting(Action::id).containsExactly("repair_share:b");
    assertThat(plan.actions().get(0).steps())
        .extracting(s -> ((Step.Gluster) s).argv())
        .containsExactly(GlusterArgv.volumeSet("pool-1G-2", Map.of("nfs.disable", "on")));
  }

  /** Failed before: the create's one volume set also set the cluster-wide nfs.export-volumes. */
  @Test
  void noActionOfAFullCycleSetsAClusterWideOption() throws Exception {
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .free("pool-1G-1")
            .volume("pool-1G-2", with(share("prod", "b", "old"), "client.ssl", "off"))
            .volume("pool-1G-3", share("prod", "c", "t"))
            .and()
            .build();

    Plan plan =
        Planner.plan(
            desired(
                """
                - { name: a, size: 1, access: [ { cn: t } ] }
                - { name: b, size: 1, access: [ { cn: new } ] }
                - { name: c, state: absent }
                """),
            observed,
            PlanOptions.DEFAULT);

    assertThat(plan.actions())
        .extracting(Action::type)
        .contains(
            ActionType.CREATE_SHARE,
            ActionType.DENY_ACCESS,
            ActionType.REPAIR_SHARE,
            ActionType.DELETE_SHARE);
    assertThat(plan.actions())
        .flatMap(Action::steps)
        .flatMap(Step::argvs)
        .allSatisfy(argv -> assertThat(argv).doesNotContain("nfs.export-volumes"));
    assertThat(Optional.of(plan.errors())).contains(List.of());
  }
}

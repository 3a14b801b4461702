package io.glustershares.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.load.DesiredStateLoader;
import io.glustershares.load.WorkingTree;
import io.glustershares.model.DesiredState;
import io.glustershares.model.GlusterArgv;
import io.glustershares.model.Identity;
import io.glustershares.model.ObservedState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots named by the start of their gluster name, as Manila's glusterfs_native driver finds its
 * own ({@code _find_actual_backend_snapshot_name}: {@code snapshot list VOL}, then the one name
 * that holds the snapshot's id): exactly one must match, never created, never renamed.
 */
class ManilaSnapshotsTest {

  private static final String SNAP = "manila-5a8f2c1d-3b4e-4f60-9a7b-8c9d0e1f2a3b";
  private static final String GMT = "_GMT-2026.11.01-02.00.00";

  @TempDir Path dir;

  private DesiredState desired(String shares) throws Exception {
    Files.writeString(
        dir.resolve("f.yaml"),
        """
        apiVersion: gluster-shares/v1
        stack: prod
        volumePattern: 'pool-#{size}G-\\d+$'
        clusters:
          east: { server: east-1, infrastructureCns: [glusterfs-server-1, manila-host] }
        shares:
        """
            + shares.indent(2));
    DesiredStateLoader.Result r =
        new DesiredStateLoader(new WorkingTree(dir)).load(Path.of("f.yaml"));
    assertThat(r.errors()).isEmpty();
    return r.state().orElseThrow();
  }

  private static ObservedState observed(String... snapshots) {
    var cluster =
        Observed.state()
            .cluster("east")
            .volume("pool-3G-1", Observed.with(Observed.share("prod", "web", "t")))
            .free("pool-1G-1");
    for (String s : snapshots) {
      cluster = cluster.snapshot(s, "pool-3G-1", "", false);
    }
    return cluster.and().build();
  }

  private static Plan plan(DesiredState desired, ObservedState observed) {
    return Planner.plan(desired, observed, PlanOptions.DEFAULT);
  }

  private static List<String> errors(Plan plan) {
    return plan.errors().stream().map(PlanMessage::message).toList();
  }

  @Test
  void theOneSnapshotThePrefixStartsIsTheShareSnapshotAndNothingIsPlanned() throws Exception {
    Plan plan =
        plan(
            desired(
                "- { name: web, size: 3, access: [ { cn: t } ],"
                    + " snapshots: [ { name: nightly, gluster: "
                    + SNAP
                    + " } ] }"),
            observed(SNAP + GMT));

    assertThat(plan.errors()).isEmpty();
    assertThat(plan.actions()).isEmpty();
    assertThat(plan.warnings()).isEmpty();
  }

  @Test
  void aPrefixNoSnapshotStartsIsAPlanErrorListingTheVolumesSnapshots() throws Exception {
    Plan plan =
        plan(
            desired(
                "- { name: web, size: 3, access: [ { cn: t } ],"
                    + " snapshots: [ { name: nightly, gluster: manila-0000 } ] }"),
            observed(SNAP + GMT));

    assertThat(errors(plan))
        .singleElement()
        .asString()
        .contains("share 'web': snapshot 'nightly' (gluster: manila-0000)")
        .contains("no snapshot of volume pool-3G-1 starts with it (it has " + SNAP + GMT + ")");
    // Never made under our own name instead.
    assertThat(plan.actions()).noneMatch(a -> a.type() == ActionType.CREATE_SNAPSHOT);
  }

  @Test
  void aPrefixSeveralSnapshotsStartIsAPlanErrorAndPruneDeletesNeither() throws Exception {
    Plan plan =
        Planner.plan(
            desired(
                "- { name: web, size: 3, access: [ { cn: t } ],"
                    + " snapshots: [ { name: nightly, gluster: manila- } ] }"),
            observed(SNAP + GMT, "manila-6b9e" + GMT),
            new PlanOptions(java.util.Set.of(), true, java.time.Instant.EPOCH));

    assertThat(errors(plan))
        .singleElement()
        .asString()
        .contains("2 snapshots of volume pool-3G-1 start with it")
        .contains("valid: a prefix only one of them starts with");
    assertThat(plan.actions()).noneMatch(a -> a.type() == ActionType.DELETE_SNAPSHOT);
  }

  @Test
  void aPrefixOneOfOurOwnSnapshotsWouldStartIsRefusedBeforeItIsMade() throws Exception {
    String ours = Identity.snapshotName("prod", "web", "mine");
    Plan plan =
        plan(
            desired(
                "- { name: web, size: 3, access: [ { cn: t } ], snapshots: [ { name: mine },"
                    + " { name: nightly, gluster: manila- } ] }"),
            observed(SNAP + GMT));

    assertThat(errors(plan)).singleElement().asString().contains(ours + " (to be made for 'mine')");
  }

  @Test
  void aShareWithoutAVolumeYetCannotNameAnExistingSnapshot() throws Exception {
    Plan plan =
        plan(
            desired(
                "- { name: fresh, size: 1, access: [ { cn: t } ],"
                    + " snapshots: [ { name: nightly, gluster: "
                    + SNAP
                    + " } ] }"),
            observed(SNAP + GMT));

    assertThat(errors(plan))
        .singleElement()
        .asString()
        .contains("share 'fresh': snapshot 'nightly'")
        .contains("the share has no volume yet");
  }

  @Test
  void aCloneOfANamedSnapshotClonesItsGlusterNameAfterActivatingIt() throws Exception {
    Plan plan =
        plan(
            desired(
                "- { name: web, size: 3, access: [ { cn: t } ],"
                    + " snapshots: [ { name: nightly, gluster: "
                    + SNAP
                    + " } ] }\n"
                    + "- { name: restore, fromSnapshot: { share: web, snapshot: nightly },"
                    + " access: [ { cn: t } ] }"),
            observed(SNAP + GMT));

    assertThat(plan.errors()).isEmpty();
    Action clone = plan.actions().get(0);
    assertThat(clone.type()).isEqualTo(ActionType.CREATE_SHARE_FROM_SNAPSHOT);
    assertThat(clone.steps())
        .extracting(s -> ((Step.Gluster) s).argv())
        .contains(
            GlusterArgv.snapshotActivate(SNAP + GMT),
            GlusterArgv.snapshotClone(Identity.cloneVolumeName("prod", "restore"), SNAP + GMT));
  }

  @Test
  void aScheduleNeverRetiresASnapshotWhoseDescriptionAloneSaysItIsTheSchedules() throws Exception {
    // Its description says it is the schedule's, but its name is not the one we would give it.
    String forged = "manila-forged-daily";
    var cluster =
        Observed.state()
            .cluster("east")
            .volume("pool-3G-1", Observed.with(Observed.share("prod", "web", "t")))
            .snapshot(forged, "pool-3G-1", "prod/web/daily-2026-01-01", false)
            .snapshot(
                Identity.snapshotName("prod", "web", "daily-2026-01-02"),
                "pool-3G-1",
                "prod/web/daily-2026-01-02",
                false);
    Plan plan =
        Planner.plan(
            desired(
                "- { name: web, size: 3, access: [ { cn: t } ],"
                    + " snapshotSchedule: { every: daily, keep: 1 } }"),
            cluster.and().build(),
            PlanOptions.at(java.time.Instant.parse("2026-01-02T12:00:00Z")));

    assertThat(plan.actions()).noneMatch(a -> a.type() == ActionType.DELETE_SNAPSHOT);
  }
}

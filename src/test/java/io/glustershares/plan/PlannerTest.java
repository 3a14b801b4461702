package io.glustershares.plan;

import static io.glustershares.plan.Observed.READY;
import static io.glustershares.plan.Observed.share;
import static io.glustershares.plan.Observed.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glustershares.load.DesiredStateLoader;
import io.glustershares.load.WorkingTree;
import io.glustershares.model.DesiredState;
import io.glustershares.model.GlusterArgv;
import io.glustershares.model.Identity;
import io.glustershares.model.ObservedState;
import io.glustershares.model.Volume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlannerTest {

  @TempDir Path dir;

  private DesiredState desired(String shares) throws Exception {
    Files.writeString(
        dir.resolve("f.yaml"),
        """
        apiVersion: gluster-shares/v1
        stack: prod
        volumePattern: 'pool-#{size}G-\\d+$'
        tls: { keepCnPrefixes: [backup-] }
        clusters:
          east: { server: east-1 }
          west: { server: west-1 }
        shares:
        """
            + shares.indent(2));
    DesiredStateLoader.Result r =
        new DesiredStateLoader(new WorkingTree(dir)).load(Path.of("f.yaml"));
    assertThat(r.errors()).isEmpty();
    return r.state().orElseThrow();
  }

  private static Plan plan(DesiredState desired, ObservedState observed) {
    return Planner.plan(desired, observed, PlanOptions.DEFAULT);
  }

  private static List<String> ids(Plan plan) {
    return plan.actions().stream().map(Action::id).toList();
  }

  private static Action action(Plan plan, String id) {
    return plan.actions().stream()
        .filter(a -> a.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + id + " in " + ids(plan)));
  }

  // ---- pool selection -------------------------------------------------------------------------

  @Test
  void theSmallestFittingVolumeIsBound() throws Exception {
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .free("pool-1G-1", "pool-5G-1", "pool-3G-2", "pool-3G-1")
            .and()
            .cluster("west")
            .and()
            .build();

    Plan plan = plan(desired("- { name: a, size: 2, access: [ { cn: t } ] }"), observed);

    assertThat(action(plan, "create_share:a").volume()).contains("pool-3G-1");
    assertThat(plan.errors()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "more free volumes of the size win|east: pool-3G-1; west: pool-3G-7 pool-3G-8|west|pool-3G-7",
        "equal counts: the first name wins|east: pool-3G-9; west: pool-3G-4|west|pool-3G-4",
        "a smaller size wins over a count|east: pool-2G-1; west: pool-3G-1 pool-3G-2|east|pool-2G-1",
      })
  void acrossClusters(String why, String pools, String cluster, String volume) throws Exception {
    Observed o = Observed.state();
    for (String part : pools.split(";")) {
      String[] kv = part.strip().split(":");
      o.cluster(kv[0].strip()).free(kv[1].strip().split(" "));
    }
    o.cluster("east");
    o.cluster("west");

    Action create = action(plan(desired("- { name: a, size: 2 }"), o.build()), "create_share:a");

    assertThat(create.cluster()).as(why).isEqualTo(cluster);
    assertThat(create.volume()).as(why).contains(volume);
  }

  @Test
  void aPinnedShareOnlyLooksAtItsCluster() throws Exception {
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .free("pool-1G-1")
            .and()
            .cluster("west")
            .free("pool-9G-1")
            .and()
            .build();

    Action create =
        action(plan(desired("- { name: a, size: 1, cluster: west }"), observed), "create_share:a");

    assertThat(create.cluster()).isEqualTo("west");
    assertThat(create.volume()).contains("pool-9G-1");
  }

  @Test
  void twoNewSharesNeverGetTheSameVolume() throws Exception {
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .free("pool-1G-1", "pool-1G-2")
            .and()
            .cluster("west")
            .and()
            .build();

    Plan plan =
        plan(
            desired("- { name: a, size: 1 }\n- { name: b, size: 1 }\n- { name: c, size: 1 }"),
            observed);

    assertThat(action(plan, "create_share:a").volume()).contains("pool-1G-1");
    assertThat(action(plan, "create_share:b").volume()).contains("pool-1G-2");
    assertThat(plan.errors())
        .extracting(PlanMessage::message)
        .containsExactly(
            "share 'c': no free volume of at least 1 GB on any cluster (free: east: none; west: none)");
  }

  @Test
  void exhaustionListsWhatIsFreePerClusterAndSize() throws Exception {
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .free("pool-1G-1", "pool-1G-2", "pool-2G-1")
            .and()
            .cluster("west")
            .free("pool-1G-3")
            .and()
            .build();

    Plan plan =
        plan(
            desired("- { name: big, size: 5 }\n- { name: pinned, size: 3, cluster: east }"),
            observed);

    assertThat(plan.errors())
        .extracting(PlanMessage::message)
        .containsExactly(
            "share 'big': no free volume of at least 5 GB on any cluster (free: east: 1G ×2, 2G ×1; west: 1G ×1)",
            "share 'pinned': no free volume of at least 3 GB on cluster 'east' (free: 1G ×2, 2G ×1)");
    assertThat(plan.actions()).isEmpty();
  }

  @Test
  void foreignNotReadyAndOtherStacksVolumesAreNeverChosen() throws Exception {
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .volume(
                "pool-1G-1",
                Map.of(
                    "auth.ssl-allow",
                    READY,
                    Identity.MANILA_SHARE,
                    "0e0b6a2e-9a55-4f4b-9a0c-5b1f3f3b7c11"))
            .volume("pool-1G-2", Map.of())
            .volume("pool-1G-3", share("other", "x"))
            .free("pool-1G-4")
            .and()
            .cluster("west")
            .and()
            .build();

    Plan plan = plan(desired("- { name: a, size: 1 }"), observed);

    assertThat(action(plan, "create_share:a").volume()).contains("pool-1G-4");
    assertThat(plan.warnings())
        .extracting(PlanMessage::message)
        .containsExactly(
            "1 pool volume is not ready (no auth.ssl-allow) and cannot be bound: pool-1G-2");
  }

  @Test
  void createTagsAndSecuresInOneSetInsideARestart() throws Exception {
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .volume("pool-1G-1", Map.of("auth.ssl-allow", READY + ",stale-tenant,backup-1"))
            .and()
            .cluster("west")
            .and()
            .build();

    Action create =
        action(
            plan(desired("- { name: a, size: 1, access: [ { cn: t2 }, { cn: t1 } ] }"), observed),
            "create_share:a");

    assertThat(create.steps()).hasSize(4);
    // The last guard first: the volume's tags are read again, right before anything changes.
    assertThat(create.steps().get(0)).isEqualTo(new Step.CheckFree("pool-1G-1"));
    assertThat(create.steps().get(0).argvs()).containsExactly(GlusterArgv.volumeInfo("pool-1G-1"));
    assertThat(create.steps().get(1).argvs()).containsExactly(GlusterArgv.volumeStop("pool-1G-1"));
    assertThat(((Step.Gluster) create.steps().get(2)).argv())
        .containsExactly(
            "gluster",
            "--xml",
            "volume",
            "set",
            "pool-1G-1",
            Identity.MANILA_SHARE,
            Identity.shareUuid("prod", "a").toString(),
            Identity.OWNER,
            "prod",
            Identity.NAME,
            "a",
            "auth.ssl-allow",
            "backup-1,glusterfs-server-1,manila-host,t1,t2",
            "client.ssl",
            "on",
            "server.ssl",
            "on",
            "nfs.disable",
            "on",
            "server.dynamic-auth",
            "on");
    assertThat(create.steps().get(3).argvs()).containsExactly(GlusterArgv.volumeStart("pool-1G-1"));
    assertThat(create.disruptive()).isTrue();
    assertThat(create.destructive()).isFalse();
    assertThat(create.exportLocation()).contains("east-1:/pool-1G-1");
    assertThat(create.changes())
        .anySatisfy(c -> assertThat(c.field()).isEqualTo("leftover CNs of the pool volume"));
  }

  @Test
  void aVolumeWithTlsAlreadyOnIsNotRestarted() throws Exception {
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .volume(
                "pool-1G-1",
                Map.of("auth.ssl-allow", READY, "client.ssl", "on", "server.ssl", "on"))
            .and()
            .cluster("west")
            .and()
            .build();

    Action create = action(plan(desired("- { name: a, size: 1 }"), observed), "create_share:a");

    assertThat(create.steps()).hasSize(2);
    assertThat(create.steps().get(0)).isInstanceOf(Step.CheckFree.class);
    assertThat(create.disruptive()).isFalse();
  }

  // ---- bound shares ---------------------------------------------------------------------------

  @Test
  void aConvergedShareHasNothingToDo() throws Exception {
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .volume("pool-3G-1", share("prod", "a", "t1", "backup-9"))
            .and()
            .cluster("west")
            .and()
            .build();

    Plan plan = plan(desired("- { name: a, size: 3, access: [ { cn: t1 } ] }"), observed);

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.errors()).isEmpty();
  }

  @Test
  void revocationsComeFirstAloneAndWriteTheFinalListInOneSet() throws Exception {
    Map<String, String> drifted =
        with(
            share("prod", "a", "old-1", "t1", "backup-9"),
            "auth.ssl-allow",
            "glusterfs-server-1,old-1,t1,backup-9",
            "server.dynamic-auth",
            "off");
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .volume("pool-3G-1", drifted)
            .free("pool-1G-7")
            .and()
            .cluster("west")
            .and()
            .build();

    Plan plan =
        plan(desired("- { name: a, size: 3, access: [ { cn: t1 }, { cn: t2 } ] }"), observed);

    // One deny that waits on nothing writes the final list: old-1 goes, t2 and the missing
    // infrastructure CN come, the kept backup-9 stays. The repair no longer touches the list.
    assertThat(ids(plan)).containsExactly("deny_access:a", "repair_share:a");
    Action deny = action(plan, "deny_access:a");
    assertThat(deny.dependsOn()).isEmpty();
    assertThat(deny.summary())
        .isEqualTo("deny old-1; allow t2; add infrastructure CNs manila-host");
    assertThat(deny.changes().get(0).after().text())
        .contains("backup-9,glusterfs-server-1,manila-host,t1,t2");
    // Without dynamic-auth the bricks must restart to cut the revoked CN's connections.
    assertThat(deny.steps()).hasSize(3);
    assertThat(deny.warnings().get(0)).contains("restarts pool-3G-1").contains("old-1");
    Action repair = action(plan, "repair_share:a");
    assertThat(repair.changes())
        .extracting(
            c ->
                c.field()
                    + ": "
                    + c.before().text().orElse("")
                    + " -> "
                    + c.after().text().orElse(""))
        .containsExactly("server.dynamic-auth: off -> on");
    assertThat(repair.dependsOn()).isEmpty();
    assertThat(repair.steps()).hasSize(1);
  }

  @Test
  void aGrantWritesTheFinalListAndWaitsOnTheRepair() throws Exception {
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .volume(
                "pool-3G-1",
                with(
                    share("prod", "a", "t1"),
                    "auth.ssl-allow",
                    "glusterfs-server-1,t1",
                    "client.ssl",
                    "off"))
            .and()
            .cluster("west")
            .and()
            .build();

    Plan plan =
        plan(desired("- { name: a, size: 3, access: [ { cn: t1 }, { cn: t2 } ] }"), observed);

    assertThat(ids(plan)).containsExactly("repair_share:a", "allow_access:a");
    Action allow = action(plan, "allow_access:a");
    assertThat(allow.dependsOn()).containsExactly("repair_share:a");
    assertThat(allow.changes().get(0).after().text())
        .contains("glusterfs-server-1,manila-host,t1,t2");
    assertThat(action(plan, "repair_share:a").changes())
        .extracting(c -> c.field())
        .containsExactly("client.ssl");
  }

  @Test
  void sslDriftIsRepairedWithARestartAndAStoppedVolumeIsStarted() throws Exception {
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .volume("pool-3G-1", with(share("prod", "a"), "client.ssl", "off"))
            .volume("pool-3G-2", Volume.Status.STOPPED, share("prod", "b"))
            .and()
            .cluster("west")
            .and()
            .build();

    Plan plan = plan(desired("- { name: a, size: 3 }\n- { name: b, size: 3 }"), observed);

    assertThat(action(plan, "repair_share:a").steps())
        .extracting(s -> s.argvs().get(0).get(s.argvs().get(0).indexOf("volume") + 1))
        .containsExactly("stop", "set", "start");
    assertThat(action(plan, "repair_share:a").disruptive()).isTrue();
    assertThat(action(plan, "repair_share:b").steps())
        .extracting(Step::argvs)
        .containsExactly(List.of(GlusterArgv.volumeStart("pool-3G-2")));
  }

  @Test
  void growingMovingAndRebindingAreRefused() throws Exception {
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .volume("pool-3G-1", share("prod", "a"))
            .volume("pool-3G-2", share("prod", "b"))
            .free("pool-9G-9")
            .and()
            .cluster("west")
            .and()
            .build();

    Plan plan =
        plan(
            desired(
                "- { name: a, size: 5 }\n- { name: b, size: 1, cluster: west, volume: pool-9G-9 }"),
            observed);

    assertThat(plan.errors())
        .extracting(PlanMessage::message)
        .containsExactly(
            "share 'a' asks for 5 GB but its volume pool-3G-1 on cluster 'east' holds 3 GB; a bound share cannot grow (there is no resize, and rebinding would lose its data)",
            "share 'b' is bound to volume pool-3G-2 on cluster 'east'; moving it to cluster 'west' is refused: there is no migration and rebinding would lose its data",
            "share 'b' is bound to volume pool-3G-2 on cluster 'east', not to 'pool-9G-9'; rebinding is refused: it would lose the share's data");
    assertThat(plan.actions()).isEmpty();
  }

  @Test
  void askingForLessChangesNothing() throws Exception {
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .volume("pool-3G-1", share("prod", "a"))
            .and()
            .cluster("west")
            .and()
            .build();

    assertThat(plan(desired("- { name: a, size: 1 }"), observed).actions()).isEmpty();
  }

  // ---- snapshots and clones -------------------------------------------------------------------

  @Test
  void aNewShareItsSnapshotAndACloneOfItAreOrdered() throws Exception {
    ObservedState observed =
        Observed.state().cluster("east").free("pool-3G-1").and().cluster("west").and().build();

    Plan plan =
        plan(
            desired(
                """
                - name: restore
                  fromSnapshot: { share: a, snapshot: nightly }
                - name: a
                  size: 3
                  snapshots: [ { name: nightly } ]
                """),
            observed);

    assertThat(ids(plan))
        .containsExactly(
            "create_share:a", "create_snapshot:a/nightly", "create_share_from_snapshot:restore");
    String snapshot = Identity.snapshotName("prod", "a", "nightly");
    String clone = Identity.cloneVolumeName("prod", "restore");
    Action create = action(plan, "create_share_from_snapshot:restore");
    assertThat(create.steps())
        .extracting(s -> s.argvs().get(0))
        .containsExactly(
            GlusterArgv.snapshotActivate(snapshot),
            GlusterArgv.snapshotClone(clone, snapshot),
            ((Step.Gluster) create.steps().get(2)).argv(),
            GlusterArgv.volumeStart(clone));
    assertThat(((Step.Gluster) create.steps().get(2)).argv())
        .contains(
            Identity.MANILA_CLONED_FROM,
            Identity.shareUuid("prod", "a").toString(),
            "glusterfs-server-1,manila-host");
    assertThat(create.dependsOn()).containsExactly("create_snapshot:a/nightly");
    assertThat(action(plan, "create_snapshot:a/nightly").steps().get(0).argvs().get(0))
        .containsExactly(
            "gluster",
            "--xml",
            "snapshot",
            "create",
            snapshot,
            "pool-3G-1",
            "no-timestamp",
            "description",
            "prod/a/nightly");
  }

  @Test
  void anActivatedSnapshotIsClonedWithoutActivationAndKeepsOnlyInfrastructureCns()
      throws Exception {
    String snapshot = Identity.snapshotName("prod", "a", "nightly");
    ObservedState observed =
        Observed.state()
            .cluster("west")
            .volume("pool-3G-1", share("prod", "a", "tenant-x", "backup-1"))
            .snapshot(snapshot, "pool-3G-1", "prod/a/nightly", true)
            .and()
            .cluster("east")
            .and()
            .build();

    Plan plan =
        plan(
            desired(
                "- { name: a, size: 3, access: [ { cn: tenant-x } ], snapshots: [ { name: nightly } ] }\n- { name: r, fromSnapshot: { share: a, snapshot: nightly }, access: [ { cn: tenant-y } ] }"),
            observed);

    Action clone = action(plan, "create_share_from_snapshot:r");
    assertThat(clone.cluster()).isEqualTo("west");
    assertThat(clone.steps().get(0).argvs().get(0))
        .isEqualTo(GlusterArgv.snapshotClone(Identity.cloneVolumeName("prod", "r"), snapshot));
    assertThat(clone.changes())
        .anySatisfy(
            c -> assertThat(c.after().text()).contains("glusterfs-server-1,manila-host,tenant-y"));
  }

  @Test
  void anInterruptedCloneIsFinishedNotCloneAgain() throws Exception {
    String snapshot = Identity.snapshotName("prod", "a", "nightly");
    String clone = Identity.cloneVolumeName("prod", "r");
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .volume("pool-3G-1", share("prod", "a"))
            .snapshot(snapshot, "pool-3G-1", "prod/a/nightly", true)
            // A clone starts as a copy of its parent, tags included, in state Created.
            .volume(clone, Volume.Status.CREATED, share("prod", "a"))
            .and()
            .cluster("west")
            .and()
            .build();

    Plan plan =
        plan(
            desired(
                "- { name: a, size: 3, snapshots: [ { name: nightly } ] }\n- { name: r, fromSnapshot: { share: a, snapshot: nightly } }"),
            observed);

    assertThat(ids(plan)).containsExactly("create_share_from_snapshot:r");
    Action finish = action(plan, "create_share_from_snapshot:r");
    assertThat(finish.summary()).startsWith("finish the clone");
    assertThat(finish.steps())
        .extracting(s -> s.argvs().get(0).get(3))
        .containsExactly("set", "start");
  }

  @Test
  void clonesNeedGluster37AndSnapshotsNeedLvm() throws Exception {
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .version(3, 6)
            .volume("pool-3G-1", share("prod", "a"))
            .and()
            .cluster("west")
            .volume("pool-3G-2", share("prod", "b"))
            .snapshotsUnavailable("LVM commands not found, snapshot functionality is disabled")
            .and()
            .build();

    Plan plan =
        plan(
            desired(
                "- { name: a, size: 3, snapshots: [ { name: s } ] }\n- { name: r, fromSnapshot: { share: a, snapshot: s } }\n- { name: b, size: 3, snapshots: [ { name: s } ] }"),
            observed);

    assertThat(plan.errors())
        .extracting(PlanMessage::message)
        .containsExactly(
            "share 'r': creating a share from a snapshot needs gluster 3.7 or later; cluster 'east'"
                + " runs 3.6",
            "share 'b': snapshot 's' cannot be made: snapshots do not work on cluster 'west': LVM"
                + " commands not found, snapshot functionality is disabled");
    assertThat(ids(plan)).containsExactly("create_snapshot:a/s");
  }

  // ---- deletions, unmanaged, prune, adoption ---------------------------------------------------

  @Test
  void anAbsentShareLosesItsSnapshotsThenIsWipedAndReleased() throws Exception {
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .volume("pool-3G-1", share("prod", "gone", "tenant-x", "backup-1"))
            .snapshot("manila-s1", "pool-3G-1", "prod/gone/nightly", false)
            .and()
            .cluster("west")
            .and()
            .build();

    Plan plan = plan(desired("- { name: gone, state: absent }"), observed);

    // The revocation is an action of its own that waits on nothing: a snapshot delete that fails
    // cannot leave tenant-x its access.
    assertThat(ids(plan))
        .containsExactly("deny_access:gone", "delete_snapshot:gone/nightly", "delete_share:gone");
    Action deny = action(plan, "deny_access:gone");
    assertThat(deny.dependsOn()).isEmpty();
    assertThat(deny.destructive()).isFalse();
    assertThat(deny.steps()).hasSize(1);
    assertThat(((Step.Gluster) deny.steps().get(0)).argv())
        .isEqualTo(
            GlusterArgv.volumeSet(
                "pool-3G-1", Map.of("auth.ssl-allow", "backup-1,glusterfs-server-1,manila-host")));
    assertThat(deny.warnings().get(0))
        .contains("connected clients of tenant-x are cut off at once");
    Action delete = action(plan, "delete_share:gone");
    assertThat(delete.destructive()).isTrue();
    assertThat(delete.dependsOn())
        .containsExactly("deny_access:gone", "delete_snapshot:gone/nightly");
    assertThat(delete.steps()).hasSize(2);
    assertThat(delete.steps().get(0))
        .isEqualTo(new Step.Wipe("east-1", "pool-3G-1", "/var/lib/gluster-shares/mnt/pool-3G-1"));
    assertThat(((Step.Gluster) delete.steps().get(1)).argv())
        .containsExactly(
            "gluster",
            "--xml",
            "volume",
            "set",
            "pool-3G-1",
            Identity.MANILA_SHARE,
            "NONE",
            Identity.OWNER,
            "NONE",
            Identity.NAME,
            "NONE",
            "nfs.disable",
            "on");
    assertThat(delete.warnings())
        .contains("all data on pool-3G-1 is wiped (lost); the volume returns to the pool");
    assertThat(action(plan, "delete_snapshot:gone/nightly").destructive()).isTrue();
  }

  @Test
  void aCloneShareIsDeletedNotReturnedToThePool() throws Exception {
    String clone = Identity.cloneVolumeName("prod", "r");
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .volume(
                clone,
                with(
                    share("prod", "r"),
                    Identity.MANILA_CLONED_FROM,
                    Identity.shareUuid("prod", "a").toString()))
            .and()
            .cluster("west")
            .and()
            .build();

    Action delete =
        action(plan(desired("- { name: r, state: absent }"), observed), "delete_share:r");

    assertThat(delete.steps())
        .extracting(s -> s.argvs().get(0))
        .containsExactly(GlusterArgv.volumeStop(clone), GlusterArgv.volumeDelete(clone));
  }

  @Test
  void unmanagedSharesAndSnapshotsAreLeftAloneUnlessPruned() throws Exception {
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .volume("pool-3G-1", share("prod", "kept"))
            .snapshot("manila-extra", "pool-3G-1", "prod/kept/old", false)
            .volume("pool-3G-2", share("prod", "forgotten"))
            .volume("pool-3G-3", share("test", "theirs"))
            .and()
            .cluster("west")
            .and()
            .build();
    DesiredState desired = desired("- { name: kept, size: 3 }");

    Plan plain = Planner.plan(desired, observed, PlanOptions.DEFAULT);
    Plan pruned = Planner.plan(desired, observed, new PlanOptions(Set.of(), true));

    assertThat(plain.actions()).isEmpty();
    assertThat(plain.warnings())
        .extracting(PlanMessage::kind)
        .containsExactly(PlanMessage.Kind.UNMANAGED_SNAPSHOT, PlanMessage.Kind.UNMANAGED_SHARE);
    assertThat(ids(pruned)).containsExactly("delete_snapshot:kept/old", "delete_share:forgotten");
    assertThat(pruned.actions()).allMatch(Action::destructive);
    assertThat(pruned.actions()).noneMatch(a -> a.volume().orElse("").equals("pool-3G-3"));
  }

  @Test
  void aManilaVolumeNamedByAShareIsAdoptedWithItsUuidKept() throws Exception {
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .volume(
                "legacy-7",
                Map.of(
                    "auth.ssl-allow",
                    READY + ",tenant-x",
                    Identity.MANILA_SHARE,
                    "0e0b6a2e-9a55-4f4b-9a0c-5b1f3f3b7c11",
                    "client.ssl",
                    "on",
                    "server.ssl",
                    "on",
                    "nfs.export-volumes",
                    "off",
                    "server.dynamic-auth",
                    "on"))
            .and()
            .cluster("west")
            .and()
            .build();

    Plan plan =
        plan(
            desired("- { name: legacy, volume: legacy-7, access: [ { cn: tenant-x } ] }"),
            observed);

    assertThat(ids(plan)).containsExactly("adopt_share:legacy");
    assertThat(((Step.Gluster) action(plan, "adopt_share:legacy").steps().get(0)).argv())
        .containsExactly(
            "gluster",
            "--xml",
            "volume",
            "set",
            "legacy-7",
            Identity.OWNER,
            "prod",
            Identity.NAME,
            "legacy");
  }

  @Test
  void anotherStacksVolumeIsNeverAdopted() throws Exception {
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .volume("pool-1G-1", share("test", "x"))
            .and()
            .cluster("west")
            .and()
            .build();

    Plan plan = plan(desired("- { name: grab, volume: pool-1G-1 }"), observed);

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.errors().get(0).message())
        .contains("owned by stack 'test'")
        .contains("only volumes bound by Manila");
  }

  @Test
  void aShareBoundTwiceIsLeftAloneWithAnError() throws Exception {
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .volume("pool-1G-1", share("prod", "a"))
            .and()
            .cluster("west")
            .volume("pool-1G-2", share("prod", "a"))
            .and()
            .build();

    Plan plan = plan(desired("- { name: a, size: 1, access: [ { cn: new } ] }"), observed);

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.errors().get(0).message()).startsWith("share 'a' is bound to 2 volumes");
  }

  // ---- targets --------------------------------------------------------------------------------

  @Test
  void aTargetBringsWhatItDependsOnAndNothingElse() throws Exception {
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .free("pool-3G-1", "pool-3G-2")
            .and()
            .cluster("west")
            .and()
            .build();
    DesiredState desired =
        desired(
            "- { name: a, size: 3, snapshots: [ { name: s }, { name: t } ] }\n- { name: other, size: 3 }\n- { name: r, fromSnapshot: { share: a, snapshot: s } }");

    Plan plan = Planner.plan(desired, observed, new PlanOptions(Set.of("r"), false));

    assertThat(ids(plan))
        .containsExactly("create_share:a", "create_snapshot:a/s", "create_share_from_snapshot:r");
    assertThatThrownBy(
            () -> Planner.plan(desired, observed, new PlanOptions(Set.of("nope"), false)))
        .hasMessageContaining("--target 'nope': no share of that name");
  }
}

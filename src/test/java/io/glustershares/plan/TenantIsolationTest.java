package io.glustershares.plan;

import static io.glustershares.plan.Observed.READY;
import static io.glustershares.plan.Observed.share;
import static io.glustershares.plan.Observed.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.glustershares.inspect.Audit;
import io.glustershares.inspect.Importer;
import io.glustershares.load.DesiredStateLoader;
import io.glustershares.load.WorkingTree;
import io.glustershares.model.DesiredState;
import io.glustershares.model.ObservedCluster;
import io.glustershares.model.ObservedState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's attacks on the planner: a CN with an infrastructure prefix found on one volume, and
 * entries gluster reads as glob patterns, must never reach another share, a new share or the next
 * tenant of a recycled volume; revocations wait on nothing but their own share's binding.
 */
class TenantIsolationTest {

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

  private static Action action(Plan plan, String id) {
    return plan.actions().stream()
        .filter(a -> a.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + id + " in " + plan.actions()));
  }

  /** Every word of every argv the plan would run. */
  private static List<String> argvWords(Plan plan) {
    List<String> words = new ArrayList<>();
    plan.actions().forEach(a -> a.steps().forEach(s -> s.argvs().forEach(words::addAll)));
    return words;
  }

  @Test
  void aCnWithAnInfrastructurePrefixOnOneShareReachesNoOtherVolume() throws Exception {
    // "manila-hostile" starts with the manila-host prefix; an earlier file (or Manila) put it on
    // the share 'evil'. It is a tenant certificate like any other, never infrastructure.
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .volume(
                "pool-3G-1",
                with(
                    share("prod", "evil", "manila-hostile"),
                    "auth.ssl-allow",
                    READY + ",manila-hostile"))
            .volume("pool-3G-2", share("prod", "victim", "tenant-v"))
            .volume("pool-3G-3", share("prod", "gone", "manila-hostile", "tenant-g"))
            .free("pool-1G-1")
            .and()
            .build();

    Plan plan =
        plan(
            desired(
                """
                - { name: evil, size: 3, access: [ { cn: tenant-e } ] }
                - { name: victim, size: 3, access: [ { cn: tenant-v } ] }
                - { name: fresh, size: 1, access: [ { cn: tenant-f } ] }
                - { name: gone, state: absent }
                """),
            observed);

    assertThat(plan.errors()).isEmpty();
    // No gluster call ever writes the hostile CN anywhere: not into the victim, not into the new
    // share, not back onto the volume that 'gone' returns to the pool.
    assertThat(argvWords(plan)).noneMatch(w -> w.contains("manila-hostile"));
    assertThat(plan.actions()).noneMatch(a -> a.share().equals("victim"));
    assertThat(action(plan, "create_share:fresh").changes())
        .anyMatch(
            c -> c.after().text().orElse("").equals("glusterfs-server-1,manila-host,tenant-f"));
    assertThat(action(plan, "deny_access:evil").summary()).startsWith("deny manila-hostile");
    assertThat(action(plan, "deny_access:gone").changes().get(0).after().text())
        .contains("glusterfs-server-1,manila-host");
  }

  @Test
  void aCloneInheritsNoCnOfItsParentsList() throws Exception {
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .volume("pool-3G-1", share("prod", "parent", "manila-hostile", "glusterfs-server-x"))
            .snapshot(
                io.glustershares.model.Identity.snapshotName("prod", "parent", "s"),
                "pool-3G-1",
                "prod/parent/s",
                true)
            .and()
            .build();

    Plan plan =
        plan(
            desired(
                """
                - { name: parent, size: 3, snapshots: [ { name: s } ] }
                - { name: child, fromSnapshot: { share: parent, snapshot: s }, access: [ { cn: t } ] }
                """),
            observed);

    Action clone = action(plan, "create_share_from_snapshot:child");
    assertThat(clone.steps().stream().flatMap(s -> s.argvs().stream()).flatMap(List::stream))
        .noneMatch(w -> w.contains("manila-hostile") || w.contains("glusterfs-server-x"))
        .contains("glusterfs-server-1,manila-host,t");
  }

  @Test
  void globEntriesOnAPoolVolumeNeverGuardANewShare() throws Exception {
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .volume(
                "pool-1G-1",
                Map.of(
                    "auth.ssl-allow",
                    "glusterfs-server-1,manila-host,manila-host*,backup-*,tenant-[b],tenant-\\x"))
            .and()
            .build();

    Plan plan = plan(desired("- { name: a, size: 1, access: [ { cn: tenant-a } ] }"), observed);

    Action create = action(plan, "create_share:a");
    // The one volume set that binds the volume writes the final list.
    assertThat(argvWords(plan)).contains("glusterfs-server-1,manila-host,tenant-a");
    assertThat(argvWords(plan))
        .noneMatch(w -> w.contains("*") || w.contains("[") || w.contains("\\"));
    assertThat(create.warnings())
        .anyMatch(w -> w.contains("'manila-host*'") && w.contains("glob"))
        .anyMatch(w -> w.contains("'backup-*'"))
        .anyMatch(w -> w.contains("'tenant-[b]'"));
  }

  @Test
  void aGlobEntryOnAShareIsDriftRemovedWithAWarning() throws Exception {
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .volume(
                "pool-3G-1",
                with(
                    share("prod", "a", "tenant-a"), "auth.ssl-allow", READY + ",tenant-a,tenant-?"))
            .and()
            .build();
    DesiredState desired = desired("- { name: a, size: 3, access: [ { cn: tenant-a } ] }");

    Plan plan = plan(desired, observed);

    Action deny = action(plan, "deny_access:a");
    assertThat(deny.changes().get(0).after().text())
        .contains("glusterfs-server-1,manila-host,tenant-a");
    assertThat(deny.warnings()).anyMatch(w -> w.contains("'tenant-?'") && w.contains("glob"));
    Audit audit = Audit.of(desired, observed);
    assertThat(audit.shares().get(0).findings())
        .extracting(Audit.Finding::kind)
        .containsExactly("unsafe_cn");
  }

  /**
   * An access change (here one that denies and grants) carries its CN lists as lists, in the
   * volume's order before and sorted after: audit reads them as such and never parses the printed
   * {@code a,b,c}.
   */
  @Test
  void anAccessChangeHoldsItsCnListsAsValues() throws Exception {
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .volume(
                "pool-3G-1",
                with(share("prod", "a", "tenant-a"), "auth.ssl-allow", READY + ",zed,tenant-a"))
            .and()
            .build();
    DesiredState desired =
        desired("- { name: a, size: 3, access: [ { cn: tenant-a }, { cn: tenant-b } ] }");

    Change change = action(plan(desired, observed), "deny_access:a").changes().get(0);

    assertThat(change.before())
        .isEqualTo(
            new Change.Value.Cns(List.of("glusterfs-server-1", "manila-host", "zed", "tenant-a")));
    assertThat(change.after())
        .isEqualTo(
            new Change.Value.Cns(
                List.of("glusterfs-server-1", "manila-host", "tenant-a", "tenant-b")));
    assertThat(change.after().text()).contains("glusterfs-server-1,manila-host,tenant-a,tenant-b");
    assertThat(Audit.of(desired, observed).shares().get(0).findings())
        .extracting(Audit.Finding::kind, Audit.Finding::message)
        .containsExactlyInAnyOrder(
            tuple("extra_cn", "allowed but not listed: zed (pool-3G-1 on east)"),
            tuple("missing_cn", "not allowed: tenant-b (pool-3G-1 on east)"));
  }

  @Test
  void aDenyWaitsOnNothingButItsShareAndADeleteRevokesBeforeItsSnapshots() throws Exception {
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .volume(
                "pool-3G-1",
                io.glustershares.model.Volume.Status.STOPPED,
                share("prod", "a", "old", "keep"))
            .volume("pool-3G-2", share("prod", "gone", "tenant-g"))
            .snapshot("manila-x", "pool-3G-2", "prod/gone/nightly", false)
            .and()
            .build();

    Plan plan =
        plan(
            desired(
                """
                - { name: a, size: 3, access: [ { cn: keep }, { cn: new } ], snapshots: [ { name: s } ] }
                - { name: gone, state: absent }
                """),
            observed);

    assertThat(action(plan, "deny_access:a").dependsOn()).isEmpty();
    assertThat(action(plan, "deny_access:gone").dependsOn()).isEmpty();
    assertThat(action(plan, "delete_share:gone").dependsOn())
        .containsExactly("deny_access:gone", "delete_snapshot:gone/nightly");
    List<String> order = plan.actions().stream().map(Action::id).toList();
    assertThat(order.indexOf("deny_access:gone"))
        .isLessThan(order.indexOf("delete_snapshot:gone/nightly"));
  }

  @Test
  void importLeavesOutCnsThatOnlyLookLikeInfrastructure() throws Exception {
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .volume(
                "pool-3G-1",
                Map.of(
                    io.glustershares.model.Identity.MANILA_SHARE,
                    "0e0b6a2e-9a55-4f4b-9a0c-5b1f3f3b7c11",
                    "auth.ssl-allow",
                    READY + ",manila-hostile,tenant-m,tenant-*"))
            .and()
            .build();
    ObservedCluster east = observed.cluster("east").orElseThrow();

    Importer.Result r = Importer.of(desired("[]"), "east", east);

    Importer.Entry entry = r.entries().get(0);
    assertThat(entry.share().cns()).containsExactly("tenant-m");
    assertThat(entry.comments())
        .anyMatch(c -> c.contains("'manila-hostile'") && c.contains("not an infrastructure CN"))
        .anyMatch(c -> c.contains("'tenant-*'") && c.contains("glob"));
  }
}

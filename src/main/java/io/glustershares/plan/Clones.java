package io.glustershares.plan;

import io.glustershares.model.GlusterArgv;
import io.glustershares.model.GlusterVersion;
import io.glustershares.model.Identity;
import io.glustershares.model.ShareSpec;
import io.glustershares.model.Snapshot;
import io.glustershares.model.SnapshotSpec;
import io.glustershares.model.Volume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Shares made from a snapshot of another share (SPEC §4): a {@code snapshot clone} into a volume of
 * its own, tagged and secured, or the finishing of a clone an interrupted apply left.
 */
record Clones(PlanContext context, PlanBuilder plan) {

  /** The parent's snapshot entry of that name, when it names an existing gluster snapshot. */
  private Optional<SnapshotSpec> namedByGluster(String share, String snapshot) {
    return context.desired().share(share).stream()
        .flatMap(s -> s.snapshots().stream())
        .filter(s -> s.name().equals(snapshot) && s.gluster().isPresent())
        .findFirst();
  }

  /**
   * Plans a share made from a snapshot of another, on its parent's cluster: the parent must have
   * been placed (the planner plans parents first) and the snapshot exist or be planned.
   */
  void plan(ShareSpec share) {
    String name = share.name();
    var from = share.fromSnapshot().orElseThrow();
    Optional<Placement> placed = plan.placement(from.share());
    if (placed.isEmpty()
        && context.desired().share(from.share()).filter(ShareSpec::isReleased).isPresent()) {
      // A released share is no longer ours to snapshot or clone: this one cannot be made now.
      plan.error(
          name,
          "share '%s': its parent share '%s' is released (state: released): no clone of it can be made; release this share too, or keep its parent"
              .formatted(name, from.share()));
      return;
    }
    if (placed.isEmpty()) {
      plan.error(
          name,
          "share '" + name + "': its parent share '" + from.share() + "' could not be planned");
      return;
    }
    Placement parent = placed.get();
    String cluster = parent.cluster();
    PlanContext.Cluster index = context.cluster(cluster);
    if (plan.refuses(
        index.tooOld(name, GlusterVersion.CLONES, "creating a share from a snapshot"))) {
      return;
    }
    if (plan.refuses(index.noSnapshots(name, " cannot be cloned"))) {
      return;
    }
    String clone = Identity.cloneVolumeName(context.stack(), name);
    String snapshot = Identity.snapshotName(context.stack(), from.share(), from.snapshot());
    Optional<Snapshot> existingSnapshot = index.snapshot(snapshot);
    Optional<SnapshotSpec> named = namedByGluster(from.share(), from.snapshot());
    if (named.isPresent()) {
      // An existing snapshot under its own gluster name: the parent's plan said so if it is not
      // exactly one.
      ShareSpec parentSpec = context.desired().share(from.share()).orElseThrow();
      existingSnapshot =
          NamedSnapshots.found(
              context.stack(),
              parentSpec,
              named.get(),
              parent,
              parent.existing().map(v -> index.snapshotsOf(v.name())).orElse(List.of()));
      if (existingSnapshot.isEmpty()) {
        String notOne =
            "share '"
                + name
                + "': snapshot '"
                + from
                + "' is not exactly one snapshot of its volume (see its share's error)";
        plan.error(name, cluster, notOne);
        return;
      }
      snapshot = existingSnapshot.get().name();
    }
    boolean snapshotPlanned =
        plan.has(ActionType.CREATE_SNAPSHOT, new Subject.Snapshot(from.share(), from.snapshot()));
    if (existingSnapshot.isEmpty() && !snapshotPlanned) {
      plan.error(
          name,
          cluster,
          "share '" + name + "': snapshot '" + from + "' neither exists nor could be planned");
      return;
    }
    // A clone starts with the cluster's infrastructure CNs (Manila keeps only those of its
    // parent's list) and its own tenants: no CN read from the parent's list is copied over.
    AccessList access = AccessList.fresh(index.infrastructure(), context.tenants(share));
    if (plan.refuses(index.emptyList(name, clone, access.target(), "once cloned"))) {
      return;
    }
    String parentUuid =
        parent
            .existing()
            .flatMap(v -> Inventory.tag(v, Identity.MANILA_SHARE))
            .orElse(Identity.shareUuid(context.stack(), from.share()).toString());
    Map<String, String> set = new LinkedHashMap<>();
    set.put(Identity.MANILA_SHARE, Identity.shareUuid(context.stack(), name).toString());
    set.put(Identity.MANILA_CLONED_FROM, parentUuid);
    set.put(Identity.OWNER, context.stack());
    set.put(Identity.NAME, name);
    set.put(Identity.FROM_SNAPSHOT, from.snapshot());
    set.put(Security.SSL_ALLOW, access.targetText());
    set.putAll(Security.secured(index.observed().version()));

    List<Step> steps = new ArrayList<>();
    Located pending = context.pendingClone(name).orElse(null);
    String summary;
    if (pending != null) {
      summary = "finish the clone " + clone + " of " + from + " (an earlier apply was interrupted)";
      steps.add(Step.Gluster.set(clone, set, "tag and secure " + clone));
      if (pending.volume().status() != Volume.Status.STARTED) {
        steps.add(Step.Gluster.start(clone));
      }
    } else {
      summary = "clone " + from + " (" + snapshot + ") into " + clone;
      if (existingSnapshot.map(s -> !s.activated()).orElse(true)) {
        steps.add(
            new Step.Gluster(
                GlusterArgv.snapshotActivate(snapshot),
                parent.volume(),
                "activate snapshot " + snapshot));
      }
      steps.add(
          new Step.Gluster(
              GlusterArgv.snapshotClone(clone, snapshot),
              clone,
              "clone " + snapshot + " into " + clone));
      steps.add(Step.Gluster.set(clone, set, "tag and secure " + clone));
      steps.add(Step.Gluster.start(clone));
    }
    plan.add(
        Action.of(
                ActionType.CREATE_SHARE_FROM_SNAPSHOT,
                new Subject.Clone(name, from, pending != null),
                index.exported(clone))
            .summary(summary)
            .changes(
                List.of(
                    Change.added("volume", clone),
                    Change.added("cloned from", from + " (" + snapshot + ")"),
                    Change.added("access", Binding.accessText(context.tenants(share))),
                    Change.added(Security.SSL_ALLOW, access.targetText())))
            .steps(steps));
    plan.place(name, Placement.made(cluster, clone));
  }
}

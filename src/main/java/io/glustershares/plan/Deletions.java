package io.glustershares.plan;

import io.glustershares.model.Identity;
import io.glustershares.model.ShareSpec;
import io.glustershares.model.Snapshot;
import io.glustershares.model.Volume;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deletions (SPEC §4): a share marked absent, and with {@code --prune} the shares and unfinished
 * clones of ours the file does not list. A share's tenants are revoked first, its snapshots
 * deleted, then its volume deleted (a clone's) or wiped and returned to the pool ({@link
 * PoolRelease}).
 */
record Deletions(PlanContext context, PlanBuilder plan, Access access, Snapshots snapshots) {

  /** A share the file marks {@code state: absent}: its volume and an unfinished clone go. */
  void absent(ShareSpec share) {
    String name = share.name();
    List<Located> bound = context.boundTo(name);
    if (plan.refuses(context.boundToSeveral(name, false, "refusing to delete any of them"))) {
      return;
    }
    if (bound.size() == 1) {
      share(name, bound.get(0), "state: absent");
    }
    context.pendingClone(name).ifPresent(p -> unfinishedClone(new Subject.Share(name), p));
  }

  /** Shares and unfinished clones of ours the file does not list: deleted with {@code --prune}. */
  void unmanaged() {
    Set<String> inFile = new HashSet<>();
    context.desired().shares().forEach(s -> inFile.add(s.name()));
    for (Map.Entry<String, List<Located>> e : context.bindings().entrySet()) {
      if (inFile.contains(e.getKey())) {
        continue;
      }
      for (Located at : e.getValue()) {
        if (context.prune()) {
          share(e.getKey(), at, "--prune");
        } else {
          plan.note(
              PlanMessage.Kind.UNMANAGED_SHARE,
              e.getKey(),
              at.cluster(),
              "share '%s' (volume %s) is not in the file: unmanaged, left alone (--prune deletes it)"
                  .formatted(e.getKey(), at.where()));
        }
      }
    }
    for (Located orphan : context.orphanClones()) {
      if (context.prune()) {
        unfinishedClone(new Subject.OrphanClone(), orphan);
      } else {
        plan.warning(
            PlanMessage.clusterNote(
                PlanMessage.Kind.ORPHAN_CLONE,
                orphan.cluster(),
                "volume "
                    + orphan.where()
                    + " is an unfinished clone whose share is no longer in the"
                    + " file: left alone (--prune deletes it)"));
      }
    }
  }

  private void share(String name, Located at, String why) {
    Volume volume = at.volume();
    String v = volume.name();
    PlanContext.Cluster index = context.cluster(at.cluster());
    AccessList revocation = AccessList.of(Security.cns(volume), index.infrastructure(), List.of());
    if (!revocation.revokes().isEmpty()
        && plan.refuses(
            index.emptyList(name, v, revocation.target(), "after revoking its tenants"))) {
      return;
    }
    // Revoke first (improving on Manila, bug 1886010), as an action of its own that waits on
    // nothing: a snapshot delete that fails must not leave the tenants their access.
    if (!revocation.revokes().isEmpty()) {
      plan.add(access.deny(name, at, revocation, " before the share is deleted (" + why + ")"));
    }
    for (Snapshot s : index.snapshotsOf(v)) {
      plan.add(snapshots.delete(name, at.cluster(), v, s));
    }
    boolean clone =
        Inventory.tag(volume, Identity.MANILA_CLONED_FROM).filter(Inventory::isUuid).isPresent();
    List<Step> steps = new ArrayList<>();
    List<String> warn = new ArrayList<>();
    List<Change> changes = new ArrayList<>();
    String summary;
    if (clone) {
      summary = "delete " + v + ", a clone volume made for this share (" + why + ")";
      if (volume.status() == Volume.Status.STARTED) {
        steps.add(Step.Gluster.stop(v));
      }
      steps.add(Step.Gluster.delete(v));
      warn.add("volume " + v + " is deleted: all its data is lost");
      changes.add(Change.removed("volume", v));
    } else {
      summary = "wipe " + v + " and return it to the pool (" + why + ")";
      PoolRelease.Steps release = PoolRelease.of(volume, index.observed().host(), mountPoint(v));
      steps.addAll(release.steps());
      warn.addAll(release.warnings());
      changes.add(Change.of("binding", name, "(pool)"));
    }
    plan.add(
        context
            .onShare(ActionType.DELETE_SHARE, name, at)
            .summary(summary)
            .changes(changes)
            .warnings(warn)
            .steps(steps));
  }

  private void unfinishedClone(Subject share, Located at) {
    String v = at.volume().name();
    List<Step> steps = new ArrayList<>();
    if (at.volume().status() == Volume.Status.STARTED) {
      steps.add(Step.Gluster.stop(v));
    }
    steps.add(Step.Gluster.delete(v));
    plan.add(
        Action.of(ActionType.DELETE_SHARE, share, Place.of(at.cluster(), v))
            .summary("delete " + v + ", an unfinished clone (an earlier apply was interrupted)")
            .changes(List.of(Change.removed("volume", v)))
            .warnings(List.of("volume " + v + " is deleted: all its data is lost"))
            .steps(steps));
  }

  private String mountPoint(String volume) {
    String base = context.desired().mountBase();
    return (base.endsWith("/") ? base : base + "/") + volume;
  }
}

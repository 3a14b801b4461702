package io.glustershares.plan;

import io.glustershares.model.GlusterArgv;
import io.glustershares.model.Identity;
import io.glustershares.model.ShareSpec;
import io.glustershares.model.Snapshot;
import io.glustershares.model.SnapshotSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The snapshots of a share (SPEC §4): the file's snapshots that its volume lacks are created; ours
 * the file no longer lists are deleted with {@code --prune}, else reported as unmanaged.
 */
record Snapshots(PlanContext context, PlanBuilder plan, Schedules schedules) {

  Snapshots(PlanContext context, PlanBuilder plan) {
    this(context, plan, new Schedules(context, plan));
  }

  /** Plans the snapshots of a present share, where the share is or will be. */
  void plan(ShareSpec share, Placement placement) {
    String name = share.name();
    String cluster = placement.cluster();
    PlanContext.Cluster index = context.cluster(cluster);
    String v = placement.volume();
    List<Snapshot> existing =
        placement.existing().map(vol -> index.snapshotsOf(vol.name())).orElse(List.of());
    Set<String> wanted = new HashSet<>();
    for (SnapshotSpec snapshot : share.snapshots()) {
      if (snapshot.gluster().isPresent()) {
        // An existing snapshot under its own gluster name (Manila's): never made, never renamed.
        var outcome = NamedSnapshots.resolve(context.stack(), share, snapshot, placement, existing);
        if (outcome instanceof NamedSnapshots.Outcome.Found found) {
          wanted.add(found.snapshot().name());
        } else if (outcome instanceof NamedSnapshots.Outcome.Problem problem) {
          plan.error(name, cluster, problem.message());
          problem.candidates().forEach(s -> wanted.add(s.name()));
        } else {
          throw new IllegalStateException("unknown outcome " + outcome);
        }
        continue;
      }
      String glusterName = Identity.snapshotName(context.stack(), name, snapshot.name());
      wanted.add(glusterName);
      if (existing.stream().noneMatch(s -> s.name().equals(glusterName))) {
        create(name, placement, snapshot.name(), Optional.empty());
      }
    }
    for (String scheduled :
        schedules.plan(
            share,
            placement,
            existing,
            fileName -> create(name, placement, fileName, Optional.of(Action.SCHEDULE)))) {
      wanted.add(Identity.snapshotName(context.stack(), name, scheduled));
    }
    for (Snapshot s : existing) {
      if (wanted.contains(s.name())) {
        continue;
      }
      if (context.prune()) {
        plan.add(delete(name, cluster, v, s));
      } else {
        plan.note(
            PlanMessage.Kind.UNMANAGED_SNAPSHOT,
            name,
            cluster,
            "snapshot "
                + label(name, s)
                + " of share '"
                + name
                + "' is not in the file: unmanaged, left alone"
                + " (--prune deletes it)");
      }
    }
  }

  /**
   * Plans the create of the share's snapshot {@code snapshot} (a file name); false when it cannot
   * be made (the plan then says why).
   */
  private boolean create(
      String name, Placement placement, String snapshot, Optional<String> reason) {
    String cluster = placement.cluster();
    PlanContext.Cluster index = context.cluster(cluster);
    String v = placement.volume();
    String glusterName = Identity.snapshotName(context.stack(), name, snapshot);
    if (plan.refuses(index.noSnapshots(name, ": snapshot '" + snapshot + "' cannot be made"))) {
      return false;
    }
    if (index.snapshot(glusterName).isPresent()) {
      plan.error(
          name,
          cluster,
          "share '%s': snapshot %s exists but belongs to volume %s, not %s"
              .formatted(name, glusterName, index.snapshot(glusterName).get().originVolume(), v));
      return false;
    }
    String description = Identity.snapshotDescription(context.stack(), name, snapshot);
    Action.Builder create =
        Action.of(
                ActionType.CREATE_SNAPSHOT,
                new Subject.Snapshot(name, snapshot),
                Place.of(cluster, v))
            .summary("snapshot " + v + " as " + glusterName)
            .changes(List.of(Change.added("snapshot", glusterName + " (" + description + ")")))
            .steps(
                List.of(
                    new Step.Gluster(
                        GlusterArgv.snapshotCreate(glusterName, v, description),
                        v,
                        "create snapshot " + glusterName + " of " + v)));
    reason.ifPresent(create::reason);
    plan.add(create);
    return true;
  }

  /** The delete of a snapshot of a share's volume, ours or not. */
  Action.Builder delete(String share, String cluster, String volume, Snapshot s) {
    return deleteOf(share, cluster, volume, s, fileName(share, s).orElse(s.name()))
        .summary("delete snapshot " + label(share, s) + " of " + volume);
  }

  /** The delete of snapshot {@code s}, named {@code subject} in the plan; its summary is to add. */
  static Action.Builder deleteOf(
      String share, String cluster, String volume, Snapshot s, String subject) {
    return Action.of(
            ActionType.DELETE_SNAPSHOT,
            new Subject.Snapshot(share, subject),
            Place.of(cluster, volume))
        .changes(List.of(Change.removed("snapshot", s.name())))
        .warnings(List.of("the snapshot's data is lost"))
        .steps(
            List.of(
                new Step.Gluster(
                    GlusterArgv.snapshotDelete(s.name()), volume, "delete snapshot " + s.name())));
  }

  /** The file's name of a snapshot of ours, read from its description. */
  private Optional<String> fileName(String share, Snapshot s) {
    String prefix = context.stack() + "/" + share + "/";
    return s.description().startsWith(prefix)
        ? Optional.of(s.description().substring(prefix.length()))
        : Optional.empty();
  }

  /** {@code 'nightly' (manila-…)} for a snapshot of ours, else gluster's name. */
  private String label(String share, Snapshot s) {
    return fileName(share, s).map(n -> "'" + n + "' (" + s.name() + ")").orElse(s.name());
  }
}

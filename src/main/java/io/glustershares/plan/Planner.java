package io.glustershares.plan;

import io.glustershares.model.DesiredState;
import io.glustershares.model.GlusterArgv;
import io.glustershares.model.GlusterVersion;
import io.glustershares.model.Identity;
import io.glustershares.model.ObservedState;
import io.glustershares.model.ShareSpec;
import io.glustershares.model.Snapshot;
import io.glustershares.model.Volume;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The planner: a pure function of the desired state and the observed state. It never does I/O;
 * everything it knows about the clusters is in {@link ObservedState}.
 */
public final class Planner {

  private final PlanContext context;
  private final PlanBuilder plan;
  private final Pool pool;
  private final Snapshots snapshots;
  private final Access access;
  private final String stack;

  private Planner(PlanContext context, PlanBuilder plan) {
    this.context = context;
    this.plan = plan;
    this.pool = new Pool(context, plan);
    this.snapshots = new Snapshots(context, plan);
    this.access = new Access(context, plan);
    this.stack = context.stack();
  }

  public static Plan plan(DesiredState desired, ObservedState observed, PlanOptions options) {
    for (String target : options.targets()) {
      if (desired.share(target).isEmpty()) {
        throw new IllegalArgumentException(
            "--target '" + target + "': no share of that name in " + desired.source());
      }
    }
    PlanBuilder plan = new PlanBuilder();
    Planner planner = new Planner(PlanContext.of(desired, observed, options), plan);
    planner.planShares();
    planner.planUnmanaged();
    return plan.build(desired, options.targets());
  }

  // ---- shares of the file --------------------------------------------------------------------

  private void planShares() {
    // Parents before clones, whatever the file's order: a clone needs its parent's placement.
    List<ShareSpec> ordered = new ArrayList<>();
    Set<String> done = new HashSet<>();
    List<ShareSpec> remaining = new ArrayList<>(context.desired().shares());
    while (!remaining.isEmpty()) {
      boolean progress = false;
      for (var it = remaining.iterator(); it.hasNext(); ) {
        ShareSpec share = it.next();
        if (share.fromSnapshot().map(f -> done.contains(f.share())).orElse(true)) {
          ordered.add(share);
          done.add(share.name());
          it.remove();
          progress = true;
        }
      }
      if (!progress) {
        ordered.addAll(remaining);
        break;
      }
    }
    for (ShareSpec share : ordered) {
      if (share.isAbsent()) {
        planAbsent(share);
      } else {
        planPresent(share);
      }
    }
  }

  private void planPresent(ShareSpec share) {
    String name = share.name();
    List<Located> bound = context.boundTo(name);
    if (bound.size() > 1) {
      plan.error(
          name,
          "share '"
              + name
              + "' is bound to "
              + bound.size()
              + " volumes ("
              + String.join(", ", bound.stream().map(Located::where).toList())
              + "); nothing is planned for it until only one carries its tags");
      return;
    }
    if (bound.size() == 1) {
      Located at = bound.get(0);
      checkBound(share, at);
      plan.place(name, Placement.existing(at));
      access.plan(share, at);
      snapshots.plan(share, plan.placement(name).orElseThrow());
      return;
    }
    if (share.fromSnapshot().isPresent()) {
      planClone(share);
    } else if (share.volume().isPresent()) {
      planNamedVolume(share);
    } else {
      planFromPool(share);
    }
  }

  private void checkBound(ShareSpec share, Located at) {
    String name = share.name();
    if (share.cluster().isPresent() && !share.cluster().get().equals(at.cluster())) {
      plan.error(
          name,
          at.cluster(),
          "share '"
              + name
              + "' is bound to volume "
              + at.where()
              + "; moving it to cluster '"
              + share.cluster().get()
              + "' is refused: there is no migration and rebinding would lose"
              + " its data");
    }
    if (share.volume().isPresent() && !share.volume().get().equals(at.volume().name())) {
      plan.error(
          name,
          at.cluster(),
          "share '"
              + name
              + "' is bound to volume "
              + at.where()
              + ", not to '"
              + share.volume().get()
              + "'; rebinding is refused: it would lose the share's data");
    }
    OptionalInt has = context.desired().volumePattern().sizeOf(at.volume().name());
    if (share.size().isPresent() && has.isPresent() && share.size().getAsInt() > has.getAsInt()) {
      plan.error(
          name,
          at.cluster(),
          "share '"
              + name
              + "' asks for "
              + share.size().getAsInt()
              + " GB but its volume "
              + at.where()
              + " holds "
              + has.getAsInt()
              + " GB; a bound share cannot grow (there is no"
              + " resize, and rebinding would lose its data)");
    }
  }

  private void planFromPool(ShareSpec share) {
    String name = share.name();
    Optional<String> pin = share.cluster();
    int size = share.size().orElse(0);
    Optional<PlanContext.Free> chosen = pool.choose(size, pin);
    if (chosen.isEmpty()) {
      plan.error(name, pool.noFitMessage(name, size, pin));
      return;
    }
    PlanContext.Free free = chosen.get();
    pool.take(free.cluster(), free.volume().name());
    if (plan.refuses(
        context.cluster(free.cluster()).tooOld(name, GlusterVersion.MINIMUM, "binding a share"))) {
      return;
    }
    createShare(share, free.cluster(), free.volume(), free.size());
  }

  private void planNamedVolume(ShareSpec share) {
    String name = share.name();
    String volume = share.volume().orElseThrow();
    List<Located> found = new ArrayList<>();
    List<Inventory.Classified> roles = new ArrayList<>();
    for (Map.Entry<String, PlanContext.Cluster> e : context.clusters().entrySet()) {
      if (share.cluster().isPresent() && !share.cluster().get().equals(e.getKey())) {
        continue;
      }
      for (Inventory.Classified c : e.getValue().classified()) {
        if (c.volume().name().equals(volume)) {
          found.add(new Located(e.getKey(), c.volume()));
          roles.add(c);
        }
      }
    }
    if (found.isEmpty()) {
      plan.error(
          name,
          "share '"
              + name
              + "' names volume '"
              + volume
              + "', which does not exist "
              + share.cluster().map(c -> "on cluster '" + c + "'").orElse("on any cluster"));
      return;
    }
    if (found.size() > 1) {
      plan.error(
          name,
          "share '"
              + name
              + "' names volume '"
              + volume
              + "', which exists on several clusters ("
              + String.join(", ", found.stream().map(Located::cluster).toList())
              + "); pin the share"
              + " with 'cluster'");
      return;
    }
    Located at = found.get(0);
    VolumeRole role = roles.get(0).role();
    if (role instanceof VolumeRole.Foreign foreign) {
      if (foreign.owner().isPresent()) {
        plan.error(
            name,
            at.cluster(),
            "share '"
                + name
                + "' names volume "
                + at.where()
                + ", which is "
                + foreign.reason()
                + "; only volumes bound by Manila (no owner tag) can be adopted");
        return;
      }
      adoptShare(share, at, foreign);
      return;
    }
    if (role instanceof VolumeRole.Share other) {
      plan.error(
          name,
          at.cluster(),
          "share '"
              + name
              + "' names volume "
              + at.where()
              + ", which is bound to share '"
              + other.share()
              + "'");
      return;
    }
    if (role instanceof VolumeRole.PendingClone) {
      plan.error(
          name,
          at.cluster(),
          "share '" + name + "' names volume " + at.where() + ", an unfinished clone");
      return;
    }
    if (!(role instanceof VolumeRole.Free
        || role instanceof VolumeRole.NotReady
        || role instanceof VolumeRole.OutsidePattern)) {
      throw new IllegalStateException("unknown volume role " + role); // the rest can be bound
    }
    if (pool.isTaken(at.cluster(), volume)) {
      plan.error(
          name,
          at.cluster(),
          "share '" + name + "' names volume " + at.where() + ", already chosen for another share");
      return;
    }
    pool.take(at.cluster(), volume);
    if (role instanceof VolumeRole.NotReady notReady) {
      plan.warning(
          PlanMessage.shareNote(
              PlanMessage.Kind.NOTICE,
              name,
              at.cluster(),
              "share '"
                  + name
                  + "' binds "
                  + at.where()
                  + ", which is not ready: "
                  + notReady.reason()));
    }
    OptionalInt size = context.desired().volumePattern().sizeOf(volume);
    if (share.size().isPresent() && size.isPresent() && share.size().getAsInt() > size.getAsInt()) {
      plan.error(
          name,
          at.cluster(),
          "share '"
              + name
              + "' asks for "
              + share.size().getAsInt()
              + " GB but volume "
              + at.where()
              + " holds "
              + size.getAsInt()
              + " GB");
      return;
    }
    createShare(share, at.cluster(), at.volume(), size);
  }

  // ---- create --------------------------------------------------------------------------------

  private void createShare(ShareSpec share, String cluster, Volume volume, OptionalInt size) {
    String name = share.name();
    PlanContext.Cluster index = context.cluster(cluster);
    String v = volume.name();
    AccessList access = AccessList.of(Security.cns(volume), index.infrastructure(), share.cns());
    Set<String> cns = access.target();
    if (plan.refuses(index.emptyList(name, v, cns, "once bound"))) {
      return;
    }
    String after = access.targetText();
    Map<String, String> set = new LinkedHashMap<>();
    set.put(Identity.MANILA_SHARE, Identity.shareUuid(stack, name).toString());
    set.put(Identity.OWNER, stack);
    set.put(Identity.NAME, name);
    set.put(Security.SSL_ALLOW, after);
    set.putAll(Security.SECURED);

    List<Step> steps = new ArrayList<>();
    List<String> warn = new ArrayList<>();
    boolean started = volume.status() == Volume.Status.STARTED;
    boolean sslChanges = !volume.isOn(Security.CLIENT_SSL) || !volume.isOn(Security.SERVER_SSL);
    // Stop before the set, so that an apply killed in between leaves a stopped volume that the
    // next plan starts: the bricks can never keep running without the TLS they were given.
    if (started && sslChanges) {
      steps.add(Step.Gluster.stop(v));
      warn.add("restarts " + v + " (stop, start) so that its bricks serve TLS");
    }
    steps.add(
        new Step.Gluster(
            GlusterArgv.volumeSet(v, set), v, "tag and secure " + v + " in one volume set"));
    if (!started || sslChanges) {
      steps.add(Step.Gluster.start(v));
    }
    List<Change> changes = new ArrayList<>();
    changes.add(Change.added("volume", v + size(size)));
    changes.add(Change.added("access", accessText(share)));
    changes.add(
        Change.option(
            Security.SSL_ALLOW, Change.Value.option(volume.option(Security.SSL_ALLOW)), after));
    for (Map.Entry<String, String> o : Security.SECURED.entrySet()) {
      Optional<String> now = volume.option(o.getKey());
      if (!now.equals(Optional.of(o.getValue()))) {
        changes.add(Change.option(o.getKey(), Change.Value.option(now), o.getValue()));
      }
    }
    if (!access.revokes().isEmpty()) {
      changes.add(
          Change.removed("leftover CNs of the pool volume", String.join(",", access.revokes())));
    }
    // The one volume set that binds the volume also rewrites its list: a glob left on a pool
    // volume never guards a share.
    warn.addAll(access.unsafeWarnings(v));
    plan.add(
        Action.of(ActionType.CREATE_SHARE, new Subject.Share(name), index.exported(v))
            .summary("bind " + v + size(size) + " from the pool")
            .changes(changes)
            .warnings(warn)
            .steps(steps));
    plan.place(name, Placement.made(cluster, v));
    snapshots.plan(share, plan.placement(name).orElseThrow());
  }

  private void adoptShare(ShareSpec share, Located at, VolumeRole.Foreign foreign) {
    String name = share.name();
    String v = at.volume().name();
    Map<String, String> set = new LinkedHashMap<>();
    set.put(Identity.OWNER, stack);
    set.put(Identity.NAME, name);
    plan.add(
        Action.of(
                ActionType.ADOPT_SHARE,
                new Subject.Share(name),
                context.cluster(at.cluster()).exported(v))
            .summary(
                "adopt "
                    + v
                    + " ("
                    + foreign.reason()
                    + "): write our owner and name tags; its Manila UUID,"
                    + " access and data stay")
            .change(Change.option(Identity.OWNER, Change.Value.unset(), stack))
            .change(Change.option(Identity.NAME, Change.Value.unset(), name))
            .step(
                new Step.Gluster(
                    GlusterArgv.volumeSet(v, set), v, "tag " + v + " as share " + name)));
    pool.take(at.cluster(), v);
    plan.place(name, Placement.existing(at));
    access.plan(share, at);
    snapshots.plan(share, plan.placement(name).orElseThrow());
  }

  private void planClone(ShareSpec share) {
    String name = share.name();
    var from = share.fromSnapshot().orElseThrow();
    Optional<Placement> placed = plan.placement(from.share());
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
    if (index.observed().snapshotsUnavailable().isPresent()) {
      plan.error(
          name,
          cluster,
          "share '"
              + name
              + "' cannot be cloned: snapshots do not work on cluster '"
              + cluster
              + "': "
              + index.observed().snapshotsUnavailable().get());
      return;
    }
    String clone = Identity.cloneVolumeName(stack, name);
    String snapshot = Identity.snapshotName(stack, from.share(), from.snapshot());
    Optional<Snapshot> existingSnapshot = index.snapshot(snapshot);
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
    AccessList access = AccessList.fresh(index.infrastructure(), share.cns());
    if (plan.refuses(index.emptyList(name, clone, access.target(), "once cloned"))) {
      return;
    }
    String parentUuid =
        parent
            .existing()
            .flatMap(v -> Inventory.tag(v, Identity.MANILA_SHARE))
            .orElse(Identity.shareUuid(stack, from.share()).toString());
    Map<String, String> set = new LinkedHashMap<>();
    set.put(Identity.MANILA_SHARE, Identity.shareUuid(stack, name).toString());
    set.put(Identity.MANILA_CLONED_FROM, parentUuid);
    set.put(Identity.OWNER, stack);
    set.put(Identity.NAME, name);
    set.put(Identity.FROM_SNAPSHOT, from.snapshot());
    set.put(Security.SSL_ALLOW, access.targetText());
    set.putAll(Security.SECURED);

    List<Step> steps = new ArrayList<>();
    Located pending = context.pendingClone(name).orElse(null);
    String summary;
    if (pending != null) {
      summary = "finish the clone " + clone + " of " + from + " (an earlier apply was interrupted)";
      steps.add(
          new Step.Gluster(GlusterArgv.volumeSet(clone, set), clone, "tag and secure " + clone));
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
      steps.add(
          new Step.Gluster(GlusterArgv.volumeSet(clone, set), clone, "tag and secure " + clone));
      steps.add(Step.Gluster.start(clone));
    }
    plan.add(
        Action.of(
                ActionType.CREATE_SHARE_FROM_SNAPSHOT,
                new Subject.Clone(name, from, pending != null),
                index.exported(clone))
            .summary(summary)
            .change(Change.added("volume", clone))
            .change(Change.added("cloned from", from + " (" + snapshot + ")"))
            .change(Change.added("access", accessText(share)))
            .change(Change.added(Security.SSL_ALLOW, access.targetText()))
            .steps(steps));
    plan.place(name, Placement.made(cluster, clone));
    snapshots.plan(share, plan.placement(name).orElseThrow());
  }

  // ---- deletions -----------------------------------------------------------------------------

  private void planAbsent(ShareSpec share) {
    String name = share.name();
    List<Located> bound = context.boundTo(name);
    if (bound.size() > 1) {
      plan.error(
          name,
          "share '"
              + name
              + "' is bound to "
              + bound.size()
              + " volumes; refusing to delete any of"
              + " them until only one carries its tags");
      return;
    }
    if (bound.size() == 1) {
      deleteShare(name, bound.get(0), "state: absent");
    }
    context.pendingClone(name).ifPresent(p -> deleteUnfinishedClone(new Subject.Share(name), p));
  }

  private void planUnmanaged() {
    Set<String> inFile = new HashSet<>();
    context.desired().shares().forEach(s -> inFile.add(s.name()));
    for (Map.Entry<String, List<Located>> e : context.bindings().entrySet()) {
      if (inFile.contains(e.getKey())) {
        continue;
      }
      for (Located at : e.getValue()) {
        if (context.prune()) {
          deleteShare(e.getKey(), at, "--prune");
        } else {
          plan.warning(
              PlanMessage.shareNote(
                  PlanMessage.Kind.UNMANAGED_SHARE,
                  e.getKey(),
                  at.cluster(),
                  "share '"
                      + e.getKey()
                      + "' (volume "
                      + at.where()
                      + ") is not in the file: unmanaged,"
                      + " left alone (--prune deletes it)"));
        }
      }
    }
    for (Located orphan : context.orphanClones()) {
      if (context.prune()) {
        deleteUnfinishedClone(new Subject.OrphanClone(), orphan);
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

  private void deleteShare(String name, Located at, String why) {
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
      steps.add(new Step.Gluster(GlusterArgv.volumeDelete(v), v, "delete volume " + v));
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
        Action.of(ActionType.DELETE_SHARE, new Subject.Share(name), index.exported(v))
            .summary(summary)
            .changes(changes)
            .warnings(warn)
            .steps(steps));
  }

  private void deleteUnfinishedClone(Subject share, Located at) {
    String v = at.volume().name();
    List<Step> steps = new ArrayList<>();
    if (at.volume().status() == Volume.Status.STARTED) {
      steps.add(Step.Gluster.stop(v));
    }
    steps.add(new Step.Gluster(GlusterArgv.volumeDelete(v), v, "delete volume " + v));
    plan.add(
        Action.of(ActionType.DELETE_SHARE, share, Place.of(at.cluster(), v))
            .summary("delete " + v + ", an unfinished clone (an earlier apply was interrupted)")
            .change(Change.removed("volume", v))
            .warning("volume " + v + " is deleted: all its data is lost")
            .steps(steps));
  }

  private String mountPoint(String volume) {
    String base = context.desired().mountBase();
    return (base.endsWith("/") ? base : base + "/") + volume;
  }

  private static String accessText(ShareSpec share) {
    return share.cns().isEmpty()
        ? "(no tenant CN: infrastructure only)"
        : String.join(",", share.cns());
  }

  private static String size(OptionalInt size) {
    return size.isPresent() ? " (" + size.getAsInt() + " GB)" : "";
  }
}

package io.glustershares.plan;

import io.glustershares.model.DesiredState;
import io.glustershares.model.GlusterArgv;
import io.glustershares.model.GlusterVersion;
import io.glustershares.model.Identity;
import io.glustershares.model.ObservedCluster;
import io.glustershares.model.ObservedState;
import io.glustershares.model.ShareSpec;
import io.glustershares.model.Snapshot;
import io.glustershares.model.SnapshotSpec;
import io.glustershares.model.TlsPolicy;
import io.glustershares.model.Volume;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The planner: a pure function of the desired state and the observed state. It never does I/O;
 * everything it knows about the clusters is in {@link ObservedState}.
 */
public final class Planner {

  private final DesiredState desired;
  private final PlanOptions options;
  private final String stack;
  private final TlsPolicy tls;
  private final Map<String, ClusterIndex> clusters = new LinkedHashMap<>();
  private final Map<String, List<Located>> bindings = new HashMap<>();
  private final Map<String, Located> pendingClones = new HashMap<>();
  private final List<Located> orphanClones = new ArrayList<>();
  private final Set<String> taken = new HashSet<>();
  private final Map<String, Placement> placements = new HashMap<>();
  private final List<Action> actions = new ArrayList<>();
  private final Set<String> actionIds = new HashSet<>();
  private final List<PlanMessage> errors = new ArrayList<>();
  private final List<PlanMessage> warnings = new ArrayList<>();

  /** A volume on a cluster. */
  private record Located(String cluster, Volume volume) {
    String where() {
      return volume.name() + " on cluster '" + cluster + "'";
    }
  }

  /** Where a share of the file is or will be, and what must happen before it is usable. */
  private record Placement(
      String cluster, String volume, Optional<Volume> existing, Optional<String> readyAction) {}

  /** A cluster, read and classified, indexed for lookups that stay cheap at 10 000 shares. */
  private static final class ClusterIndex {
    final ObservedCluster observed;
    final List<Inventory.Classified> classified;
    final Set<String> infraCns;

    /** Free volumes not chosen yet, by size (0 when the pattern has no size), names sorted. */
    final TreeMap<Integer, TreeSet<String>> freeBySize = new TreeMap<>();

    final Map<String, Free> freeByName = new HashMap<>();
    final Map<String, Snapshot> snapshotByName = new HashMap<>();
    final Map<String, List<Snapshot>> snapshotsByOrigin = new HashMap<>();

    ClusterIndex(
        ObservedCluster observed, List<Inventory.Classified> classified, Set<String> infraCns) {
      this.observed = observed;
      this.classified = classified;
      this.infraCns = infraCns;
      for (Snapshot s : observed.snapshots()) {
        snapshotByName.put(s.name(), s);
        snapshotsByOrigin.computeIfAbsent(s.originVolume(), k -> new ArrayList<>()).add(s);
      }
    }

    void addFree(Free free) {
      freeByName.put(free.volume().name(), free);
      freeBySize
          .computeIfAbsent(free.size().orElse(0), k -> new TreeSet<>())
          .add(free.volume().name());
    }

    /** Takes a volume out of the pool of this plan. */
    void take(String volume) {
      Free free = freeByName.remove(volume);
      if (free != null) {
        int size = free.size().orElse(0);
        TreeSet<String> names = freeBySize.get(size);
        names.remove(volume);
        if (names.isEmpty()) {
          freeBySize.remove(size);
        }
      }
    }

    Optional<Snapshot> snapshot(String name) {
      return Optional.ofNullable(snapshotByName.get(name));
    }

    List<Snapshot> snapshotsOf(String volume) {
      return snapshotsByOrigin.getOrDefault(volume, List.of());
    }
  }

  private record Free(String cluster, Volume volume, OptionalInt size) {}

  private Planner(DesiredState desired, PlanOptions options) {
    this.desired = desired;
    this.options = options;
    this.stack = desired.stack();
    this.tls = desired.tls();
  }

  public static Plan plan(DesiredState desired, ObservedState observed, PlanOptions options) {
    for (String target : options.targets()) {
      if (desired.share(target).isEmpty()) {
        throw new IllegalArgumentException(
            "--target '" + target + "': no share of that name in " + desired.source());
      }
    }
    Planner planner = new Planner(desired, options);
    planner.index(observed);
    planner.planShares();
    planner.planUnmanaged();
    return planner.finish();
  }

  // ---- reading the clusters ------------------------------------------------------------------

  private void index(ObservedState observed) {
    for (String name : desired.clusters().keySet()) {
      ObservedCluster cluster =
          observed
              .cluster(name)
              .orElseThrow(
                  () -> new IllegalArgumentException("cluster '" + name + "' was not read"));
      List<Inventory.Classified> classified = Inventory.classify(desired, cluster);
      ClusterIndex index =
          new ClusterIndex(
              cluster, classified, Infrastructure.cns(desired.clusters().get(name), cluster, tls));
      List<String> notReady = new ArrayList<>();
      List<String> notStarted = new ArrayList<>();
      for (Inventory.Classified c : classified) {
        VolumeRole role = c.role();
        if (role instanceof VolumeRole.Share s) {
          bindings
              .computeIfAbsent(s.share(), k -> new ArrayList<>())
              .add(new Located(name, c.volume()));
        } else if (role instanceof VolumeRole.PendingClone p) {
          if (p.share().isPresent()) {
            pendingClones.put(p.share().get(), new Located(name, c.volume()));
          } else {
            orphanClones.add(new Located(name, c.volume()));
          }
        } else if (role instanceof VolumeRole.Free f) {
          index.addFree(new Free(name, c.volume(), f.size()));
          if (c.volume().status() != Volume.Status.STARTED) {
            notStarted.add(c.volume().name());
          }
        } else if (role instanceof VolumeRole.NotReady) {
          notReady.add(c.volume().name());
        }
      }
      if (!notReady.isEmpty()) {
        warnings.add(
            PlanMessage.clusterNote(
                PlanMessage.Kind.NOT_READY,
                name,
                notReady.size()
                    + " pool volume"
                    + (notReady.size() == 1 ? " is" : "s are")
                    + " not ready (no auth.ssl-allow) and cannot be bound: "
                    + String.join(", ", notReady)));
      }
      if (!notStarted.isEmpty()) {
        // A free volume serves nobody, but one left stopped by a failed or killed apply must not
        // look fine: it is said, and the create that binds it starts it.
        warnings.add(
            PlanMessage.clusterNote(
                PlanMessage.Kind.NOT_READY,
                name,
                notStarted.size()
                    + " free pool volume"
                    + (notStarted.size() == 1 ? " is" : "s are")
                    + " not started (a failed or interrupted apply may have left "
                    + (notStarted.size() == 1 ? "it" : "them")
                    + " so; binding one starts it, or start it now with gluster volume start"
                    + " VOLUME): "
                    + String.join(", ", notStarted)));
      }
      clusters.put(name, index);
    }
  }

  // ---- shares of the file --------------------------------------------------------------------

  private void planShares() {
    // Parents before clones, whatever the file's order: a clone needs its parent's placement.
    List<ShareSpec> ordered = new ArrayList<>();
    Set<String> done = new HashSet<>();
    List<ShareSpec> remaining = new ArrayList<>(desired.shares());
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
    List<Located> bound = bindings.getOrDefault(name, List.of());
    if (bound.size() > 1) {
      errors.add(
          PlanMessage.error(
              name,
              "share '"
                  + name
                  + "' is bound to "
                  + bound.size()
                  + " volumes ("
                  + String.join(", ", bound.stream().map(Located::where).toList())
                  + "); nothing is planned for it until only one carries its tags"));
      return;
    }
    if (bound.size() == 1) {
      Located at = bound.get(0);
      checkBound(share, at);
      placements.put(
          name,
          new Placement(
              at.cluster(), at.volume().name(), Optional.of(at.volume()), Optional.empty()));
      planSecurityAndAccess(share, at.cluster(), at.volume(), Optional.empty());
      planSnapshots(share, at.cluster(), Optional.of(at.volume()), Optional.empty());
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
      errors.add(
          PlanMessage.error(
              name,
              at.cluster(),
              "share '"
                  + name
                  + "' is bound to volume "
                  + at.where()
                  + "; moving it to cluster '"
                  + share.cluster().get()
                  + "' is refused: there is no migration and rebinding would lose"
                  + " its data"));
    }
    if (share.volume().isPresent() && !share.volume().get().equals(at.volume().name())) {
      errors.add(
          PlanMessage.error(
              name,
              at.cluster(),
              "share '"
                  + name
                  + "' is bound to volume "
                  + at.where()
                  + ", not to '"
                  + share.volume().get()
                  + "'; rebinding is refused: it would lose the share's data"));
    }
    OptionalInt has = desired.volumePattern().sizeOf(at.volume().name());
    if (share.size().isPresent() && has.isPresent() && share.size().getAsInt() > has.getAsInt()) {
      errors.add(
          PlanMessage.error(
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
                  + " resize, and rebinding would lose its data)"));
    }
  }

  private void planFromPool(ShareSpec share) {
    String name = share.name();
    Optional<String> pin = share.cluster();
    int size = share.size().orElse(0);
    Optional<Free> chosen = choose(size, pin);
    if (chosen.isEmpty()) {
      errors.add(PlanMessage.error(name, noFitMessage(name, size, pin)));
      return;
    }
    Free free = chosen.get();
    take(free.cluster(), free.volume().name());
    if (!checkVersion(name, free.cluster(), GlusterVersion.MINIMUM, "binding a share")) {
      return;
    }
    createShare(share, free.cluster(), free.volume(), free.size());
  }

  private void take(String cluster, String volume) {
    taken.add(cluster + "/" + volume);
    clusters.get(cluster).take(volume);
  }

  /** SPEC §4: smallest fitting size; then the cluster with most free of it; then the first name. */
  private Optional<Free> choose(int size, Optional<String> pin) {
    boolean sized = desired.volumePattern().hasSize();
    ClusterIndex best = null;
    Map.Entry<Integer, TreeSet<String>> bestEntry = null;
    for (Map.Entry<String, ClusterIndex> e : clusters.entrySet()) {
      if (pin.isPresent() && !pin.get().equals(e.getKey())) {
        continue;
      }
      ClusterIndex index = e.getValue();
      Map.Entry<Integer, TreeSet<String>> entry =
          sized ? index.freeBySize.ceilingEntry(size) : index.freeBySize.firstEntry();
      if (entry == null) {
        continue;
      }
      if (bestEntry == null || better(entry, e.getKey(), bestEntry, best.observed.name())) {
        best = index;
        bestEntry = entry;
      }
    }
    return bestEntry == null
        ? Optional.empty()
        : Optional.of(best.freeByName.get(bestEntry.getValue().first()));
  }

  private static boolean better(
      Map.Entry<Integer, TreeSet<String>> a,
      String aCluster,
      Map.Entry<Integer, TreeSet<String>> b,
      String bCluster) {
    if (!a.getKey().equals(b.getKey())) {
      return a.getKey() < b.getKey();
    }
    if (a.getValue().size() != b.getValue().size()) {
      return a.getValue().size() > b.getValue().size();
    }
    int byName = a.getValue().first().compareTo(b.getValue().first());
    return byName != 0 ? byName < 0 : aCluster.compareTo(bCluster) < 0;
  }

  private String noFitMessage(String share, int size, Optional<String> pin) {
    boolean sized = desired.volumePattern().hasSize();
    String what = sized ? "no free volume of at least " + size + " GB" : "no free volume";
    String where = pin.map(c -> "on cluster '" + c + "'").orElse("on any cluster");
    List<String> free = new ArrayList<>();
    for (Map.Entry<String, ClusterIndex> e : clusters.entrySet()) {
      if (pin.isPresent() && !pin.get().equals(e.getKey())) {
        continue;
      }
      List<String> parts = new ArrayList<>();
      e.getValue()
          .freeBySize
          .forEach((gb, names) -> parts.add((sized ? gb + "G" : "") + " ×" + names.size()));
      String list =
          parts.isEmpty()
              ? "none"
              : String.join(", ", parts).replace(" ×", sized ? " ×" : "×").strip();
      free.add(pin.isPresent() ? list : e.getKey() + ": " + list);
    }
    return "share '"
        + share
        + "': "
        + what
        + " "
        + where
        + " (free: "
        + String.join("; ", free)
        + ")";
  }

  private void planNamedVolume(ShareSpec share) {
    String name = share.name();
    String volume = share.volume().orElseThrow();
    List<Located> found = new ArrayList<>();
    List<Inventory.Classified> roles = new ArrayList<>();
    for (Map.Entry<String, ClusterIndex> e : clusters.entrySet()) {
      if (share.cluster().isPresent() && !share.cluster().get().equals(e.getKey())) {
        continue;
      }
      for (Inventory.Classified c : e.getValue().classified) {
        if (c.volume().name().equals(volume)) {
          found.add(new Located(e.getKey(), c.volume()));
          roles.add(c);
        }
      }
    }
    if (found.isEmpty()) {
      errors.add(
          PlanMessage.error(
              name,
              "share '"
                  + name
                  + "' names volume '"
                  + volume
                  + "', which does not exist "
                  + share.cluster().map(c -> "on cluster '" + c + "'").orElse("on any cluster")));
      return;
    }
    if (found.size() > 1) {
      errors.add(
          PlanMessage.error(
              name,
              "share '"
                  + name
                  + "' names volume '"
                  + volume
                  + "', which exists on several clusters ("
                  + String.join(", ", found.stream().map(Located::cluster).toList())
                  + "); pin the share"
                  + " with 'cluster'"));
      return;
    }
    Located at = found.get(0);
    VolumeRole role = roles.get(0).role();
    if (role instanceof VolumeRole.Foreign foreign) {
      if (foreign.owner().isPresent()) {
        errors.add(
            PlanMessage.error(
                name,
                at.cluster(),
                "share '"
                    + name
                    + "' names volume "
                    + at.where()
                    + ", which is "
                    + foreign.reason()
                    + "; only volumes bound by Manila (no owner tag) can be adopted"));
        return;
      }
      adoptShare(share, at, foreign);
      return;
    }
    if (role instanceof VolumeRole.Share other) {
      errors.add(
          PlanMessage.error(
              name,
              at.cluster(),
              "share '"
                  + name
                  + "' names volume "
                  + at.where()
                  + ", which is bound to share '"
                  + other.share()
                  + "'"));
      return;
    }
    if (role instanceof VolumeRole.PendingClone) {
      errors.add(
          PlanMessage.error(
              name,
              at.cluster(),
              "share '" + name + "' names volume " + at.where() + ", an unfinished clone"));
      return;
    }
    if (taken.contains(at.cluster() + "/" + volume)) {
      errors.add(
          PlanMessage.error(
              name,
              at.cluster(),
              "share '"
                  + name
                  + "' names volume "
                  + at.where()
                  + ", already chosen for another share"));
      return;
    }
    take(at.cluster(), volume);
    if (role instanceof VolumeRole.NotReady notReady) {
      warnings.add(
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
    OptionalInt size = desired.volumePattern().sizeOf(volume);
    if (share.size().isPresent() && size.isPresent() && share.size().getAsInt() > size.getAsInt()) {
      errors.add(
          PlanMessage.error(
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
                  + " GB"));
      return;
    }
    createShare(share, at.cluster(), at.volume(), size);
  }

  // ---- create --------------------------------------------------------------------------------

  private void createShare(ShareSpec share, String cluster, Volume volume, OptionalInt size) {
    String name = share.name();
    ClusterIndex index = clusters.get(cluster);
    String v = volume.name();
    AccessList access = AccessList.of(Security.cns(volume), index.infraCns, tls, share.cns());
    Set<String> cns = access.target();
    if (emptyAccessList(name, cluster, v, cns, "once bound")) {
      return;
    }
    String before = volume.option(Security.SSL_ALLOW).orElse("(unset)");
    String after = access.targetText();
    Map<String, String> set = new LinkedHashMap<>();
    set.put(Identity.MANILA_SHARE, Identity.shareUuid(stack, name).toString());
    set.put(Identity.OWNER, stack);
    set.put(Identity.NAME, name);
    set.put(Security.SSL_ALLOW, after);
    set.putAll(Security.SECURED);

    List<Step> steps = new ArrayList<>();
    // Last guard against another apply that chose the same free volume: re-read its tags first.
    steps.add(new Step.CheckFree(v));
    List<String> warn = new ArrayList<>();
    boolean started = volume.status() == Volume.Status.STARTED;
    boolean sslChanges = !volume.isOn(Security.CLIENT_SSL) || !volume.isOn(Security.SERVER_SSL);
    // Stop before the set, so that an apply killed in between leaves a stopped volume that the
    // next plan starts: the bricks can never keep running without the TLS they were given.
    if (started && sslChanges) {
      steps.add(stop(v));
      warn.add("restarts " + v + " (stop, start) so that its bricks serve TLS");
    }
    steps.add(
        new Step.Gluster(
            GlusterArgv.volumeSet(v, set), v, "tag and secure " + v + " in one volume set"));
    if (!started || sslChanges) {
      steps.add(start(v));
    }
    List<Change> changes = new ArrayList<>();
    changes.add(Change.added("volume", v + size(size)));
    changes.add(Change.added("access", accessText(share)));
    changes.add(Change.of(Security.SSL_ALLOW, before, after));
    for (Map.Entry<String, String> o : Security.SECURED.entrySet()) {
      String now = volume.option(o.getKey()).orElse("(unset)");
      if (!now.equals(o.getValue())) {
        changes.add(Change.of(o.getKey(), now, o.getValue()));
      }
    }
    if (!access.revokes().isEmpty()) {
      changes.add(
          Change.removed("leftover CNs of the pool volume", String.join(",", access.revokes())));
    }
    // The one volume set that binds the volume also rewrites its list: a glob left on a pool
    // volume never guards a share.
    warn.addAll(access.unsafeWarnings(v));
    String id = id(ActionType.CREATE_SHARE, name);
    add(
        new Action(
            id,
            ActionType.CREATE_SHARE,
            cluster,
            Optional.of(v),
            name,
            Optional.empty(),
            Optional.of(index.observed.exportLocation(v)),
            "bind " + v + size(size) + " from the pool",
            changes,
            false,
            warn,
            List.of(),
            steps));
    placements.put(name, new Placement(cluster, v, Optional.empty(), Optional.of(id)));
    planSnapshots(share, cluster, Optional.empty(), Optional.of(id));
  }

  private void adoptShare(ShareSpec share, Located at, VolumeRole.Foreign foreign) {
    String name = share.name();
    String v = at.volume().name();
    Map<String, String> set = new LinkedHashMap<>();
    set.put(Identity.OWNER, stack);
    set.put(Identity.NAME, name);
    String id = id(ActionType.ADOPT_SHARE, name);
    add(
        new Action(
            id,
            ActionType.ADOPT_SHARE,
            at.cluster(),
            Optional.of(v),
            name,
            Optional.empty(),
            Optional.of(clusters.get(at.cluster()).observed.exportLocation(v)),
            "adopt "
                + v
                + " ("
                + foreign.reason()
                + "): write our owner and name tags; its Manila UUID,"
                + " access and data stay",
            List.of(
                Change.of(Identity.OWNER, "(unset)", stack),
                Change.of(Identity.NAME, "(unset)", name)),
            false,
            List.of(),
            List.of(),
            List.of(
                new Step.Gluster(
                    GlusterArgv.volumeSet(v, set), v, "tag " + v + " as share " + name))));
    take(at.cluster(), v);
    placements.put(name, new Placement(at.cluster(), v, Optional.of(at.volume()), Optional.of(id)));
    planSecurityAndAccess(share, at.cluster(), at.volume(), Optional.of(id));
    planSnapshots(share, at.cluster(), Optional.of(at.volume()), Optional.of(id));
  }

  private void planClone(ShareSpec share) {
    String name = share.name();
    var from = share.fromSnapshot().orElseThrow();
    Placement parent = placements.get(from.share());
    if (parent == null) {
      errors.add(
          PlanMessage.error(
              name,
              "share '"
                  + name
                  + "': its parent share '"
                  + from.share()
                  + "' could not be planned"));
      return;
    }
    String cluster = parent.cluster();
    ClusterIndex index = clusters.get(cluster);
    if (!checkVersion(name, cluster, GlusterVersion.CLONES, "creating a share from a snapshot")) {
      return;
    }
    if (index.observed.snapshotsUnavailable().isPresent()) {
      errors.add(
          PlanMessage.error(
              name,
              cluster,
              "share '"
                  + name
                  + "' cannot be cloned: snapshots do not work on cluster '"
                  + cluster
                  + "': "
                  + index.observed.snapshotsUnavailable().get()));
      return;
    }
    String clone = Identity.cloneVolumeName(stack, name);
    String snapshot = Identity.snapshotName(stack, from.share(), from.snapshot());
    Optional<Snapshot> existingSnapshot = index.snapshot(snapshot);
    String snapshotAction = id(ActionType.CREATE_SNAPSHOT, from.share() + "/" + from.snapshot());
    boolean snapshotPlanned = actionIds.contains(snapshotAction);
    if (existingSnapshot.isEmpty() && !snapshotPlanned) {
      errors.add(
          PlanMessage.error(
              name,
              cluster,
              "share '" + name + "': snapshot '" + from + "' neither exists nor could be planned"));
      return;
    }
    // A clone starts with the cluster's infrastructure CNs (Manila keeps only those of its
    // parent's list) and its own tenants: no CN read from the parent's list is copied over.
    Set<String> cns = new TreeSet<>(index.infraCns);
    cns.addAll(share.cns());
    if (emptyAccessList(name, cluster, clone, cns, "once cloned")) {
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
    set.put(Security.SSL_ALLOW, Security.join(cns));
    set.putAll(Security.SECURED);

    List<Step> steps = new ArrayList<>();
    Located pending = pendingClones.get(name);
    List<String> dependsOn = new ArrayList<>();
    String summary;
    if (pending != null) {
      summary = "finish the clone " + clone + " of " + from + " (an earlier apply was interrupted)";
      steps.add(
          new Step.Gluster(GlusterArgv.volumeSet(clone, set), clone, "tag and secure " + clone));
      if (pending.volume().status() != Volume.Status.STARTED) {
        steps.add(start(clone));
      }
    } else {
      summary = "clone " + from + " (" + snapshot + ") into " + clone;
      if (snapshotPlanned) {
        dependsOn.add(snapshotAction);
      }
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
      steps.add(start(clone));
    }
    String id = id(ActionType.CREATE_SHARE_FROM_SNAPSHOT, name);
    add(
        new Action(
            id,
            ActionType.CREATE_SHARE_FROM_SNAPSHOT,
            cluster,
            Optional.of(clone),
            name,
            Optional.of(from.snapshot()),
            Optional.of(index.observed.exportLocation(clone)),
            summary,
            List.of(
                Change.added("volume", clone),
                Change.added("cloned from", from + " (" + snapshot + ")"),
                Change.added("access", accessText(share)),
                Change.added(Security.SSL_ALLOW, Security.join(cns))),
            false,
            List.of(),
            dependsOn,
            steps));
    placements.put(name, new Placement(cluster, clone, Optional.empty(), Optional.of(id)));
    planSnapshots(share, cluster, Optional.empty(), Optional.of(id));
  }

  /**
   * An empty auth.ssl-allow cannot be set (gluster refuses an empty value) and an unset one lets
   * every CN in: refuse any plan that would need it.
   */
  private boolean emptyAccessList(
      String share, String cluster, String volume, Set<String> cns, String when) {
    if (!cns.isEmpty()) {
      return false;
    }
    errors.add(
        PlanMessage.error(
            share,
            cluster,
            "share '"
                + share
                + "': the access list of "
                + volume
                + " would be empty "
                + when
                + ", which gluster reads as 'every CN may mount'; cluster '"
                + cluster
                + "' has no infrastructure CN (prefixes '"
                + tls.serverCnPrefix()
                + "', '"
                + tls.hostCnPrefix()
                + "') in "
                + Infrastructure.source(desired.clusters().get(cluster))
                + ": declare clusters."
                + cluster
                + ".infrastructureCns"));
    return true;
  }

  private boolean checkVersion(String share, String cluster, GlusterVersion minimum, String what) {
    GlusterVersion version = clusters.get(cluster).observed.version();
    if (!version.atLeast(minimum)) {
      errors.add(
          PlanMessage.error(
              share,
              cluster,
              "share '"
                  + share
                  + "': "
                  + what
                  + " needs gluster "
                  + minimum
                  + " or later; cluster '"
                  + cluster
                  + "' runs "
                  + version));
      return false;
    }
    return true;
  }

  // ---- security and access of an existing volume --------------------------------------------

  private void planSecurityAndAccess(
      ShareSpec share, String cluster, Volume volume, Optional<String> after) {
    String name = share.name();
    String v = volume.name();
    ClusterIndex index = clusters.get(cluster);
    AccessList access = AccessList.of(Security.cns(volume), index.infraCns, tls, share.cns());
    boolean started = volume.status() == Volume.Status.STARTED;
    List<String> binding = after.map(List::of).orElse(List.of());
    if (emptyAccessList(name, cluster, v, access.target(), "as the file lists it")) {
      return;
    }
    // Revocations first and alone: they wait on nothing but the share's own binding, so that no
    // failure elsewhere keeps a CN's access. Their one volume set writes the final list, grants
    // and missing infrastructure CNs included.
    // Whichever action runs first for the share's list writes the final one: the deny, else the
    // allow, else (only infrastructure CNs missing) the repair.
    boolean denies = !access.revokes().isEmpty();
    boolean grants = !denies && !access.grants().isEmpty();
    if (denies) {
      add(deny(name, cluster, v, volume, access, started, binding));
    }
    Optional<String> repair =
        planRepair(share, cluster, volume, access, !denies && !grants, binding);
    if (grants) {
      List<String> dependsOn = new ArrayList<>(binding);
      repair.ifPresent(dependsOn::add);
      add(
          new Action(
              id(ActionType.ALLOW_ACCESS, name),
              ActionType.ALLOW_ACCESS,
              cluster,
              Optional.of(v),
              name,
              Optional.empty(),
              Optional.of(index.observed.exportLocation(v)),
              "allow "
                  + String.join(", ", access.grants())
                  + (access.missingInfrastructure().isEmpty()
                      ? ""
                      : "; add infrastructure CNs "
                          + String.join(", ", access.missingInfrastructure())),
              List.of(Change.of(Security.SSL_ALLOW, access.currentText(), access.targetText())),
              false,
              List.of(),
              dependsOn,
              List.of(
                  new Step.Gluster(
                      GlusterArgv.volumeSet(v, Map.of(Security.SSL_ALLOW, access.targetText())),
                      v,
                      "allow " + String.join(", ", access.grants()) + " on " + v))));
    }
  }

  /** The deny of an existing share: one volume set of the final list, a restart if it must. */
  private Action deny(
      String name,
      String cluster,
      String v,
      Volume volume,
      AccessList access,
      boolean started,
      List<String> dependsOn) {
    List<String> revoked = access.revokes().stream().map(Security::printable).toList();
    Map<String, String> set = Map.of(Security.SSL_ALLOW, access.targetText());
    String what = "deny " + String.join(", ", revoked);
    String summary =
        what
            + (access.grants().isEmpty() ? "" : "; allow " + String.join(", ", access.grants()))
            + (access.missingInfrastructure().isEmpty()
                ? ""
                : "; add infrastructure CNs " + String.join(", ", access.missingInfrastructure()));
    List<Step> steps = new ArrayList<>();
    List<String> warn = new ArrayList<>(access.unsafeWarnings(v));
    if (!started) {
      // Nobody is connected to a stopped volume: the list is all there is to change.
      steps.add(new Step.Gluster(GlusterArgv.volumeSet(v, set), v, what + " on " + v));
    } else if (volume.isOn(Security.DYNAMIC_AUTH)) {
      steps.add(new Step.Gluster(GlusterArgv.volumeSet(v, set), v, what + " on " + v));
      warn.add(
          "connected clients of "
              + String.join(", ", revoked)
              + " are cut off at once"
              + " (server.dynamic-auth); their mounts unmount themselves, and a process still"
              + " writing to the mount point then writes to the local disk without error");
    } else {
      // Without dynamic-auth a removed CN keeps its connections until the bricks restart.
      steps.add(stop(v));
      steps.add(new Step.Gluster(GlusterArgv.volumeSet(v, set), v, what + " on " + v));
      steps.add(start(v));
      warn.add(
          "restarts "
              + v
              + " (stop, start) to cut off connected clients of "
              + String.join(", ", revoked));
    }
    return new Action(
        id(ActionType.DENY_ACCESS, name),
        ActionType.DENY_ACCESS,
        cluster,
        Optional.of(v),
        name,
        Optional.empty(),
        Optional.of(clusters.get(cluster).observed.exportLocation(v)),
        summary,
        List.of(Change.of(Security.SSL_ALLOW, access.currentText(), access.targetText())),
        false,
        warn,
        dependsOn,
        steps);
  }

  /**
   * Options off, missing infrastructure CNs, a volume not running: one repair, whose volume set
   * also writes the final access list when no deny or allow does.
   */
  private Optional<String> planRepair(
      ShareSpec share,
      String cluster,
      Volume volume,
      AccessList access,
      boolean writesList,
      List<String> binding) {
    String name = share.name();
    String v = volume.name();
    List<Security.Drift> drift = Security.optionDrift(volume);
    boolean started = volume.status() == Volume.Status.STARTED;
    boolean missingInfra = writesList && !access.missingInfrastructure().isEmpty();
    if (drift.isEmpty() && !missingInfra && started) {
      return Optional.empty();
    }
    Map<String, String> set = new LinkedHashMap<>();
    List<Change> changes = new ArrayList<>();
    for (Security.Drift d : drift) {
      set.put(d.option(), d.expected());
      changes.add(Change.of(d.option(), d.actual(), d.expected()));
    }
    if (missingInfra) {
      set.put(Security.SSL_ALLOW, access.targetText());
      changes.add(Change.of(Security.SSL_ALLOW, access.currentText(), access.targetText()));
    }
    boolean sslDrift = drift.stream().anyMatch(d -> Security.NEEDS_RESTART.contains(d.option()));
    List<Step> steps = new ArrayList<>();
    List<String> warn = new ArrayList<>();
    if (started && sslDrift) {
      steps.add(stop(v));
      warn.add(
          "restarts "
              + v
              + " (stop, start) so that its bricks serve TLS: connected clients lose"
              + " the mount until it is back");
    }
    if (!set.isEmpty()) {
      steps.add(
          new Step.Gluster(GlusterArgv.volumeSet(v, set), v, "repair security options of " + v));
    }
    if (!started || sslDrift) {
      steps.add(start(v));
    }
    if (!started) {
      changes.add(Change.of("status", volume.status().label(), "Started"));
    }
    String id = id(ActionType.REPAIR_SHARE, name);
    add(
        new Action(
            id,
            ActionType.REPAIR_SHARE,
            cluster,
            Optional.of(v),
            name,
            Optional.empty(),
            Optional.of(clusters.get(cluster).observed.exportLocation(v)),
            "repair " + v + ": " + String.join(", ", changes.stream().map(Change::field).toList()),
            changes,
            false,
            warn,
            binding,
            steps));
    return Optional.of(id);
  }

  // ---- snapshots -----------------------------------------------------------------------------

  private void planSnapshots(
      ShareSpec share, String cluster, Optional<Volume> volume, Optional<String> after) {
    String name = share.name();
    ClusterIndex index = clusters.get(cluster);
    Placement placement = placements.get(name);
    String v = placement.volume();
    List<Snapshot> existing = volume.map(vol -> index.snapshotsOf(vol.name())).orElse(List.of());
    Set<String> wanted = new HashSet<>();
    String repair = id(ActionType.REPAIR_SHARE, name);
    List<String> dependsOn = new ArrayList<>();
    after.ifPresent(dependsOn::add);
    if (actionIds.contains(repair)) {
      // A snapshot needs a started volume; the repair starts it.
      dependsOn.add(repair);
    }
    for (SnapshotSpec snapshot : share.snapshots()) {
      String glusterName = Identity.snapshotName(stack, name, snapshot.name());
      wanted.add(glusterName);
      if (existing.stream().anyMatch(s -> s.name().equals(glusterName))) {
        continue;
      }
      if (index.observed.snapshotsUnavailable().isPresent()) {
        errors.add(
            PlanMessage.error(
                name,
                cluster,
                "share '"
                    + name
                    + "': snapshot '"
                    + snapshot.name()
                    + "' cannot be made: snapshots do not"
                    + " work on cluster '"
                    + cluster
                    + "': "
                    + index.observed.snapshotsUnavailable().get()));
        continue;
      }
      if (index.snapshot(glusterName).isPresent()) {
        errors.add(
            PlanMessage.error(
                name,
                cluster,
                "share '"
                    + name
                    + "': snapshot "
                    + glusterName
                    + " exists but belongs to volume "
                    + index.snapshot(glusterName).get().originVolume()
                    + ", not "
                    + v));
        continue;
      }
      String description = Identity.snapshotDescription(stack, name, snapshot.name());
      add(
          new Action(
              id(ActionType.CREATE_SNAPSHOT, name + "/" + snapshot.name()),
              ActionType.CREATE_SNAPSHOT,
              cluster,
              Optional.of(v),
              name,
              Optional.of(snapshot.name()),
              Optional.empty(),
              "snapshot " + v + " as " + glusterName,
              List.of(Change.added("snapshot", glusterName + " (" + description + ")")),
              false,
              List.of(),
              dependsOn,
              List.of(
                  new Step.Gluster(
                      GlusterArgv.snapshotCreate(glusterName, v, description),
                      v,
                      "create snapshot " + glusterName + " of " + v))));
    }
    for (Snapshot s : existing) {
      if (wanted.contains(s.name())) {
        continue;
      }
      String shown = snapshotLabel(name, s);
      if (options.prune()) {
        add(deleteSnapshot(name, cluster, v, s, shown, List.of()));
      } else {
        warnings.add(
            PlanMessage.shareNote(
                PlanMessage.Kind.UNMANAGED_SNAPSHOT,
                name,
                cluster,
                "snapshot "
                    + shown
                    + " of share '"
                    + name
                    + "' is not in the file: unmanaged, left alone"
                    + " (--prune deletes it)"));
      }
    }
  }

  /** The file's name of a snapshot of ours (from its description), else gluster's name. */
  private String snapshotName(String share, Snapshot s) {
    String prefix = stack + "/" + share + "/";
    return s.description().startsWith(prefix)
        ? s.description().substring(prefix.length())
        : s.name();
  }

  private String snapshotLabel(String share, Snapshot s) {
    String prefix = stack + "/" + share + "/";
    return s.description().startsWith(prefix)
        ? "'" + s.description().substring(prefix.length()) + "' (" + s.name() + ")"
        : s.name();
  }

  private Action deleteSnapshot(
      String share,
      String cluster,
      String volume,
      Snapshot s,
      String shown,
      List<String> dependsOn) {
    return new Action(
        uniqueId(ActionType.DELETE_SNAPSHOT, share + "/" + snapshotName(share, s), cluster, volume),
        ActionType.DELETE_SNAPSHOT,
        cluster,
        Optional.of(volume),
        share,
        Optional.of(snapshotName(share, s)),
        Optional.empty(),
        "delete snapshot " + shown + " of " + volume,
        List.of(Change.removed("snapshot", s.name())),
        true,
        List.of("the snapshot's data is lost"),
        dependsOn,
        List.of(
            new Step.Gluster(
                GlusterArgv.snapshotDelete(s.name()), volume, "delete snapshot " + s.name())));
  }

  // ---- deletions -----------------------------------------------------------------------------

  private void planAbsent(ShareSpec share) {
    String name = share.name();
    List<Located> bound = bindings.getOrDefault(name, List.of());
    if (bound.size() > 1) {
      errors.add(
          PlanMessage.error(
              name,
              "share '"
                  + name
                  + "' is bound to "
                  + bound.size()
                  + " volumes; refusing to delete any of"
                  + " them until only one carries its tags"));
      return;
    }
    if (bound.size() == 1) {
      deleteShare(name, bound.get(0), "state: absent");
    }
    Located pending = pendingClones.get(name);
    if (pending != null) {
      deleteUnfinishedClone(name, pending);
    }
  }

  private void planUnmanaged() {
    Set<String> inFile = new HashSet<>();
    desired.shares().forEach(s -> inFile.add(s.name()));
    for (Map.Entry<String, List<Located>> e : new TreeMap<>(bindings).entrySet()) {
      if (inFile.contains(e.getKey())) {
        continue;
      }
      for (Located at : e.getValue()) {
        if (options.prune()) {
          deleteShare(e.getKey(), at, "--prune");
        } else {
          warnings.add(
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
    for (Located orphan : orphanClones) {
      if (options.prune()) {
        deleteUnfinishedClone("(orphan clone)", orphan);
      } else {
        warnings.add(
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
    ClusterIndex index = clusters.get(at.cluster());
    AccessList access = AccessList.of(Security.cns(volume), index.infraCns, tls, List.of());
    if (!access.revokes().isEmpty()
        && emptyAccessList(name, at.cluster(), v, access.target(), "after revoking its tenants")) {
      return;
    }
    List<String> dependsOn = new ArrayList<>();
    // Revoke first (improving on Manila, bug 1886010), as an action of its own that waits on
    // nothing: a snapshot delete that fails must not leave the tenants their access.
    if (!access.revokes().isEmpty()) {
      Action deny =
          deny(
              name,
              at.cluster(),
              v,
              volume,
              access,
              volume.status() == Volume.Status.STARTED,
              List.of());
      Action unique =
          new Action(
              uniqueId(ActionType.DENY_ACCESS, name, at),
              deny.type(),
              deny.cluster(),
              deny.volume(),
              deny.share(),
              deny.snapshot(),
              deny.exportLocation(),
              deny.summary() + " before the share is deleted (" + why + ")",
              deny.changes(),
              false,
              deny.warnings(),
              List.of(),
              deny.steps());
      add(unique);
      dependsOn.add(unique.id());
    }
    for (Snapshot s : index.snapshotsOf(v)) {
      Action delete = deleteSnapshot(name, at.cluster(), v, s, snapshotLabel(name, s), List.of());
      add(delete);
      dependsOn.add(delete.id());
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
        steps.add(stop(v));
      }
      steps.add(new Step.Gluster(GlusterArgv.volumeDelete(v), v, "delete volume " + v));
      warn.add("volume " + v + " is deleted: all its data is lost");
      changes.add(Change.removed("volume", v));
    } else {
      summary = "wipe " + v + " and return it to the pool (" + why + ")";
      PoolRelease.Steps release = PoolRelease.of(volume, index.observed.host(), mountPoint(v));
      steps.addAll(release.steps());
      warn.addAll(release.warnings());
      changes.add(Change.of("binding", name, "(pool)"));
    }
    add(
        new Action(
            uniqueId(ActionType.DELETE_SHARE, name, at),
            ActionType.DELETE_SHARE,
            at.cluster(),
            Optional.of(v),
            name,
            Optional.empty(),
            Optional.of(index.observed.exportLocation(v)),
            summary,
            changes,
            true,
            warn,
            dependsOn,
            steps));
  }

  private void deleteUnfinishedClone(String share, Located at) {
    String v = at.volume().name();
    List<Step> steps = new ArrayList<>();
    if (at.volume().status() == Volume.Status.STARTED) {
      steps.add(stop(v));
    }
    steps.add(new Step.Gluster(GlusterArgv.volumeDelete(v), v, "delete volume " + v));
    add(
        new Action(
            uniqueId(ActionType.DELETE_SHARE, share, at),
            ActionType.DELETE_SHARE,
            at.cluster(),
            Optional.of(v),
            share,
            Optional.empty(),
            Optional.empty(),
            "delete " + v + ", an unfinished clone (an earlier apply was interrupted)",
            List.of(Change.removed("volume", v)),
            true,
            List.of("volume " + v + " is deleted: all its data is lost"),
            List.of(),
            steps));
  }

  private void add(Action action) {
    actions.add(action);
    actionIds.add(action.id());
  }

  // ---- finishing -----------------------------------------------------------------------------

  private Plan finish() {
    List<Action> chosen = actions;
    List<PlanMessage> chosenErrors = errors;
    List<PlanMessage> chosenWarnings = warnings;
    if (!options.targets().isEmpty()) {
      Map<String, Action> byId = new LinkedHashMap<>();
      actions.forEach(a -> byId.put(a.id(), a));
      Set<String> keep = new LinkedHashSet<>();
      List<String> queue = new ArrayList<>();
      for (Action a : actions) {
        if (options.targets().contains(a.share())) {
          queue.add(a.id());
        }
      }
      while (!queue.isEmpty()) {
        String id = queue.remove(queue.size() - 1);
        if (keep.add(id)) {
          queue.addAll(byId.get(id).dependsOn());
        }
      }
      Set<String> shares = new HashSet<>(options.targets());
      keep.forEach(id -> shares.add(byId.get(id).share()));
      chosen = actions.stream().filter(a -> keep.contains(a.id())).toList();
      chosenErrors =
          errors.stream().filter(m -> m.share().map(shares::contains).orElse(true)).toList();
      chosenWarnings =
          warnings.stream().filter(m -> m.share().map(shares::contains).orElse(true)).toList();
    }
    return new Plan(
        stack, Ordering.order(chosen), inFileOrder(chosenErrors), inFileOrder(chosenWarnings));
  }

  /** Messages about shares of the file in the file's order, then the rest as they came. */
  private List<PlanMessage> inFileOrder(List<PlanMessage> messages) {
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < desired.shares().size(); i++) {
      position.putIfAbsent(desired.shares().get(i).name(), i);
    }
    List<PlanMessage> sorted = new ArrayList<>(messages);
    sorted.sort(
        Comparator.comparingInt(
            (PlanMessage m) ->
                m.share()
                    .map(s -> position.getOrDefault(s, Integer.MAX_VALUE))
                    .orElse(Integer.MAX_VALUE)));
    return sorted;
  }

  private Step.Gluster stop(String volume) {
    return new Step.Gluster(GlusterArgv.volumeStop(volume), volume, "stop " + volume);
  }

  private Step.Gluster start(String volume) {
    return new Step.Gluster(GlusterArgv.volumeStart(volume), volume, "start " + volume);
  }

  private String mountPoint(String volume) {
    String base = desired.mountBase();
    return (base.endsWith("/") ? base : base + "/") + volume;
  }

  /** The usual id, qualified by the volume when the share already has an action of that type. */
  private String uniqueId(ActionType type, String subject, Located at) {
    return uniqueId(type, subject, at.cluster(), at.volume().name());
  }

  private String uniqueId(ActionType type, String subject, String cluster, String volume) {
    String id = id(type, subject);
    return actionIds.contains(id) ? id + "@" + cluster + "/" + volume : id;
  }

  private static String accessText(ShareSpec share) {
    return share.cns().isEmpty()
        ? "(no tenant CN: infrastructure only)"
        : String.join(",", share.cns());
  }

  private static String id(ActionType type, String subject) {
    return type.id() + ":" + subject;
  }

  private static String size(OptionalInt size) {
    return size.isPresent() ? " (" + size.getAsInt() + " GB)" : "";
  }
}

package io.glustershares.plan;

import io.glustershares.model.DesiredState;
import io.glustershares.model.GlusterVersion;
import io.glustershares.model.ObservedCluster;
import io.glustershares.model.ObservedState;
import io.glustershares.model.ShareSpec;
import io.glustershares.model.Snapshot;
import io.glustershares.model.TlsPolicy;
import io.glustershares.model.Volume;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What every part of the planner reads and none changes: the desired state and the options, and
 * each cluster as observed and classified, with the volumes bound to each share.
 */
final class PlanContext {

  private final DesiredState desired;
  private final PlanOptions options;
  private final Map<String, Cluster> clusters = new LinkedHashMap<>();
  private final Map<String, List<Located>> bindings = new HashMap<>();
  private final Map<String, Located> pendingClones = new HashMap<>();
  private final List<Located> orphanClones = new ArrayList<>();

  /** A pool volume free to bind, and its size (empty when the pattern has none). */
  record Free(String cluster, Volume volume, OptionalInt size) {}

  /** A cluster, read and classified, indexed for lookups that stay cheap at 10 000 shares. */
  static final class Cluster {
    private final String name;
    private final ObservedCluster observed;
    private final List<Inventory.Classified> classified;
    private final Infrastructure infrastructure;
    private final List<Free> free = new ArrayList<>();
    private final List<String> notReady = new ArrayList<>();
    private final Map<String, Snapshot> snapshotByName = new HashMap<>();
    private final Map<String, List<Snapshot>> snapshotsByOrigin = new HashMap<>();

    private Cluster(
        String name,
        ObservedCluster observed,
        List<Inventory.Classified> classified,
        Infrastructure infrastructure) {
      this.name = name;
      this.observed = observed;
      this.classified = classified;
      this.infrastructure = infrastructure;
      for (Snapshot s : observed.snapshots()) {
        snapshotByName.put(s.name(), s);
        snapshotsByOrigin.computeIfAbsent(s.originVolume(), k -> new ArrayList<>()).add(s);
      }
    }

    /** The cluster's name in the file. */
    String name() {
      return name;
    }

    ObservedCluster observed() {
      return observed;
    }

    List<Inventory.Classified> classified() {
      return Collections.unmodifiableList(classified);
    }

    Infrastructure infrastructure() {
      return infrastructure;
    }

    /** The ready pool volumes nobody has bound, in the cluster's order. */
    List<Free> free() {
      return Collections.unmodifiableList(free);
    }

    /** Pool volumes without auth.ssl-allow, which cannot be bound. */
    List<String> notReady() {
      return Collections.unmodifiableList(notReady);
    }

    Optional<Snapshot> snapshot(String name) {
      return Optional.ofNullable(snapshotByName.get(name));
    }

    List<Snapshot> snapshotsOf(String volume) {
      return Collections.unmodifiableList(snapshotsByOrigin.getOrDefault(volume, List.of()));
    }

    /** Where tenants mount {@code volume} from: the action's place. */
    Place exported(String volume) {
      return Place.exported(name, volume, observed.exportLocation(volume));
    }

    /** A plan error when gluster on this cluster is older than {@code minimum} needs. */
    Optional<PlanMessage> tooOld(String share, GlusterVersion minimum, String what) {
      GlusterVersion version = observed.version();
      if (version.atLeast(minimum)) {
        return Optional.empty();
      }
      return refusal(
          share,
          ": %s needs gluster %s or later; cluster '%s' runs %s"
              .formatted(what, minimum, name, version));
    }

    /**
     * A plan error when snapshots do not work on this cluster.
     *
     * @param what what cannot be done, after the share's name: {@code " cannot be cloned"}
     */
    Optional<PlanMessage> noSnapshots(String share, String what) {
      return observed
          .snapshotsUnavailable()
          .flatMap(
              why ->
                  refusal(
                      share, what + ": snapshots do not work on cluster '" + name + "': " + why));
    }

    /**
     * A plan error when a volume's list would be empty: gluster refuses to set an empty
     * auth.ssl-allow, and reads an unset one as "every CN may mount".
     */
    Optional<PlanMessage> emptyList(String share, String volume, Set<String> cns, String when) {
      if (!cns.isEmpty()) {
        return Optional.empty();
      }
      TlsPolicy tls = infrastructure.tls();
      return refusal(
          share,
          (": the access list of %s would be empty %s, which gluster reads as 'every CN may mount';"
                  + " cluster '%s' has no infrastructure CN (prefixes '%s', '%s') in %s: declare"
                  + " clusters.%s.infrastructureCns")
              .formatted(
                  volume,
                  when,
                  name,
                  tls.serverCnPrefix(),
                  tls.hostCnPrefix(),
                  infrastructure.source(),
                  name));
    }

    /** A plan error about {@code share} on this cluster: {@code share 'NAME'} and the rest. */
    private Optional<PlanMessage> refusal(String share, String rest) {
      return Optional.of(PlanMessage.error(share, name, "share '" + share + "'" + rest));
    }
  }

  private PlanContext(DesiredState desired, PlanOptions options) {
    this.desired = desired;
    this.options = options;
  }

  /** Reads and classifies every cluster of the file; one that was not read is a bug. */
  static PlanContext of(DesiredState desired, ObservedState observed, PlanOptions options) {
    PlanContext context = new PlanContext(desired, options);
    for (String name : desired.clusters().keySet()) {
      ObservedCluster cluster =
          observed
              .cluster(name)
              .orElseThrow(
                  () -> new IllegalArgumentException("cluster '" + name + "' was not read"));
      context.classify(name, cluster);
    }
    return context;
  }

  private void classify(String name, ObservedCluster observed) {
    List<Inventory.Classified> classified = Inventory.classify(desired, observed);
    Cluster cluster =
        new Cluster(
            name,
            observed,
            classified,
            Infrastructure.of(desired.clusters().get(name), observed, desired.tls()));
    for (Inventory.Classified c : classified) {
      VolumeRole role = c.role();
      Located at = new Located(name, c.volume());
      if (role instanceof VolumeRole.Share s) {
        bindings.computeIfAbsent(s.share(), k -> new ArrayList<>()).add(at);
      } else if (role instanceof VolumeRole.PendingClone p) {
        if (p.share().isPresent()) {
          pendingClones.put(p.share().get(), at);
        } else {
          orphanClones.add(at);
        }
      } else if (role instanceof VolumeRole.Free f) {
        cluster.free.add(new Free(name, c.volume(), f.size()));
      } else if (role instanceof VolumeRole.NotReady) {
        cluster.notReady.add(c.volume().name());
      } else if (!(role instanceof VolumeRole.Foreign
          || role instanceof VolumeRole.Released
          || role instanceof VolumeRole.OutsidePattern)) {
        throw new IllegalStateException("unknown volume role " + role); // never ours to plan
      }
    }
    clusters.put(name, cluster);
  }

  DesiredState desired() {
    return desired;
  }

  String stack() {
    return desired.stack();
  }

  /** Whether this stack's shares and snapshots the file no longer lists are deleted. */
  boolean prune() {
    return options.prune();
  }

  /** The instant the plan is made for: expiries and schedules are judged at it. */
  Instant now() {
    return options.now();
  }

  /** The share's tenant CNs whose grant holds at the plan's instant: what its list must hold. */
  List<String> tenants(ShareSpec share) {
    return share.cns(options.now());
  }

  /** Every cluster of the file, in the file's order. */
  Map<String, Cluster> clusters() {
    return Collections.unmodifiableMap(clusters);
  }

  Cluster cluster(String name) {
    return clusters.get(name);
  }

  /** An action of {@code type} about share {@code share} on {@code at}, where tenants mount it. */
  Action.Builder onShare(ActionType type, String share, Located at) {
    return Action.of(
        type, new Subject.Share(share), cluster(at.cluster()).exported(at.volume().name()));
  }

  /** The volumes carrying a share's tags: one, or more when something is wrong. */
  List<Located> boundTo(String share) {
    return Collections.unmodifiableList(bindings.getOrDefault(share, List.of()));
  }

  /**
   * A plan error when more than one volume carries a share's tags.
   *
   * @param listed whether the error names the volumes
   * @param refusal what is not planned until one does: {@code "nothing is planned for it"}
   */
  Optional<PlanMessage> boundToSeveral(String share, boolean listed, String refusal) {
    List<Located> bound = boundTo(share);
    if (bound.size() < 2) {
      return Optional.empty();
    }
    String volumes =
        listed ? " (" + String.join(", ", bound.stream().map(Located::where).toList()) + ")" : "";
    return Optional.of(
        PlanMessage.error(
            share,
            "share '"
                + share
                + "' is bound to "
                + bound.size()
                + " volumes"
                + volumes
                + "; "
                + refusal
                + " until only one carries its tags"));
  }

  /** Every share of this stack with the volumes bound to it, by name. */
  SortedMap<String, List<Located>> bindings() {
    return Collections.unmodifiableSortedMap(new TreeMap<>(bindings));
  }

  /** The clone volume an interrupted apply left for a share of the file. */
  Optional<Located> pendingClone(String share) {
    return Optional.ofNullable(pendingClones.get(share));
  }

  /** Clone volumes an interrupted apply left for shares no longer in the file. */
  List<Located> orphanClones() {
    return Collections.unmodifiableList(orphanClones);
  }
}

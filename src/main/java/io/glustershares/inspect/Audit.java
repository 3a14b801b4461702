package io.glustershares.inspect;

import io.glustershares.model.AccessRule;
import io.glustershares.model.BrickState;
import io.glustershares.model.ClusterSpec;
import io.glustershares.model.DesiredState;
import io.glustershares.model.ObservedCluster;
import io.glustershares.model.ObservedState;
import io.glustershares.model.Peer;
import io.glustershares.model.Printable;
import io.glustershares.model.ShareSpec;
import io.glustershares.plan.Action;
import io.glustershares.plan.ActionType;
import io.glustershares.plan.Change;
import io.glustershares.plan.Inventory;
import io.glustershares.plan.Plan;
import io.glustershares.plan.PlanMessage;
import io.glustershares.plan.PlanOptions;
import io.glustershares.plan.Planner;
import io.glustershares.plan.Security;
import io.glustershares.plan.VolumeRole;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Drift between the file and the clusters, per share and per cluster: what {@code audit} reports.
 * Derived from the plan (what apply would do is what has drifted) and the pool inventory.
 */
public record Audit(String stack, List<ShareAudit> shares, List<ClusterAudit> clusters) {

  /** One thing that is not as the file says. */
  public record Finding(String kind, String message) {}

  /**
   * A share of the file, or an unmanaged share of this stack.
   *
   * @param managed whether the file lists it
   * @param warnings what is not drift yet but soon will be (a grant about to expire)
   */
  public record ShareAudit(
      String share,
      Optional<String> cluster,
      Optional<String> volume,
      boolean managed,
      List<Finding> findings,
      List<Finding> warnings) {
    public boolean ok() {
      return findings.isEmpty();
    }
  }

  /** Pool volumes of one size on a cluster; {@code size} empty for names without a size. */
  public record PoolSize(OptionalInt size, int total, int free) {}

  public record ClusterAudit(String cluster, List<PoolSize> pool, List<Finding> findings) {
    public boolean ok() {
      return findings.isEmpty();
    }
  }

  /**
   * Whether a share the file manages is not as the file says: what {@code audit} exits 2 for.
   * Unmanaged shares and cluster findings (pool exhausted, volumes not ready) are {@link
   * #warnings()}.
   */
  public boolean drift() {
    // An error on a cluster (a server down: nothing there can be changed) is drift too.
    return shares.stream().anyMatch(s -> s.managed() && !s.ok())
        || clusters.stream()
            .anyMatch(c -> c.findings().stream().anyMatch(f -> f.kind().equals("error")));
  }

  /** Findings about what the file does not manage: unmanaged shares, pools, clusters. */
  public long warnings() {
    return shares.stream().filter(s -> !s.managed()).mapToLong(s -> s.findings().size()).sum()
        + clusters.stream().mapToLong(c -> c.findings().size()).sum();
  }

  public long driftedShares() {
    return shares.stream().filter(s -> !s.ok()).count();
  }

  /**
   * The part of the file an audit can judge when some clusters could not be read: the clusters
   * read, and the shares known to live there — pinned to one, bound to a volume of one, or cloned
   * from such a share. A share that could be on an unread cluster is left out, not called missing.
   */
  public static DesiredState readable(DesiredState desired, ObservedState observed) {
    Map<String, String> clusterOf = new LinkedHashMap<>();
    for (ObservedCluster cluster : observed.clusters().values()) {
      for (Inventory.Classified c : Inventory.classify(desired, cluster)) {
        if (c.role() instanceof VolumeRole.Share s) {
          clusterOf.putIfAbsent(s.share(), cluster.name());
        }
      }
    }
    List<ShareSpec> kept = new ArrayList<>();
    for (ShareSpec share : desired.shares()) {
      Optional<String> at =
          share.cluster().or(() -> Optional.ofNullable(clusterOf.get(share.name())));
      // A clone lives on its parent's cluster (parents come first when the file is in order; a
      // clone listed before its parent is left out, which only loses its metrics for this run).
      Optional<ShareSpec> parent = share.fromSnapshot().flatMap(f -> desired.share(f.share()));
      if (at.isEmpty() && parent.isPresent()) {
        at =
            parent
                .get()
                .cluster()
                .or(() -> Optional.ofNullable(clusterOf.get(parent.get().name())));
      }
      if (at.filter(c -> observed.cluster(c).isPresent()).isPresent()) {
        kept.add(share);
      }
    }
    Map<String, ClusterSpec> clusters = new LinkedHashMap<>();
    desired.clusters().forEach((n, c) -> observed.cluster(n).ifPresent(o -> clusters.put(n, c)));
    return new DesiredState(
        desired.source(),
        desired.digest(),
        desired.apiVersion(),
        desired.stack(),
        desired.volumePattern(),
        clusters,
        desired.mountBase(),
        desired.tls(),
        kept);
  }

  /** The audit at the epoch: nothing has expired. */
  public static Audit of(DesiredState desired, ObservedState observed) {
    return of(desired, observed, Instant.EPOCH, Duration.ZERO);
  }

  /**
   * @param now the instant audited for: grants that ended before it and are still allowed are drift
   * @param expiryWarning how far ahead a grant's end is a warning
   */
  public static Audit of(
      DesiredState desired, ObservedState observed, Instant now, Duration expiryWarning) {
    Plan plan = Planner.plan(desired, observed, PlanOptions.at(now));
    Map<String, String[]> bound = new LinkedHashMap<>();
    Map<String, ClusterAudit> clusters = new LinkedHashMap<>();
    for (ObservedCluster cluster : observed.clusters().values()) {
      Map<Integer, int[]> sizes = new TreeMap<>();
      List<Finding> findings = new ArrayList<>();
      for (Inventory.Classified c : Inventory.classify(desired, cluster)) {
        VolumeRole role = c.role();
        if (role instanceof VolumeRole.Share s) {
          bound.putIfAbsent(s.share(), new String[] {cluster.name(), c.volume().name()});
        }
        boolean inPool = desired.volumePattern().matches(c.volume().name());
        if (inPool && (role instanceof VolumeRole.Free || role instanceof VolumeRole.Share)) {
          int key = desired.volumePattern().sizeOf(c.volume().name()).orElse(-1);
          int[] counts = sizes.computeIfAbsent(key, k -> new int[2]);
          counts[0]++;
          if (role instanceof VolumeRole.Free) {
            counts[1]++;
          }
        }
      }
      List<PoolSize> pool = new ArrayList<>();
      sizes.forEach(
          (size, counts) -> {
            OptionalInt gb = size < 0 ? OptionalInt.empty() : OptionalInt.of(size);
            pool.add(new PoolSize(gb, counts[0], counts[1]));
            if (counts[1] == 0) {
              findings.add(
                  new Finding(
                      "pool_exhausted",
                      "no free "
                          + (size < 0 ? "unsized" : size + " GB")
                          + " volume ("
                          + counts[0]
                          + " bound)"));
            }
          });
      cluster
          .snapshotsUnavailable()
          .ifPresent(why -> findings.add(new Finding("snapshots_unavailable", why)));
      findings.addAll(health(cluster));
      clusters.put(cluster.name(), new ClusterAudit(cluster.name(), pool, findings));
    }
    for (PlanMessage e : plan.errors()) {
      if (e.share().isEmpty()
          && e.cluster().isPresent()
          && clusters.containsKey(e.cluster().get())) {
        clusters.get(e.cluster().get()).findings().add(new Finding("error", e.message()));
      }
    }
    for (PlanMessage w : plan.warnings()) {
      if (w.share().isEmpty()
          && w.cluster().isPresent()
          && clusters.containsKey(w.cluster().get())) {
        String kind = w.kind() == PlanMessage.Kind.NOT_READY ? "not_ready" : w.kind().id();
        clusters.get(w.cluster().get()).findings().add(new Finding(kind, w.message()));
      }
    }

    Map<String, List<Finding>> byShare = new LinkedHashMap<>();
    desired.shares().forEach(s -> byShare.put(s.name(), new ArrayList<>()));
    for (Action a : plan.actions()) {
      List<AccessRule> expired =
          desired.share(a.share()).map(s -> s.expired(now)).orElse(List.of());
      byShare.computeIfAbsent(a.share(), k -> new ArrayList<>()).addAll(findings(a, expired));
    }
    for (PlanMessage m : plan.errors()) {
      m.share()
          .ifPresent(
              s ->
                  byShare
                      .computeIfAbsent(s, k -> new ArrayList<>())
                      .add(new Finding("error", m.message())));
    }
    List<ShareAudit> shares = new ArrayList<>();
    for (ShareSpec spec : desired.shares()) {
      String[] at = bound.get(spec.name());
      List<Finding> findings = new ArrayList<>(byShare.get(spec.name()));
      for (PlanMessage w : plan.warnings()) {
        if (w.kind() == PlanMessage.Kind.UNMANAGED_SNAPSHOT
            && w.share().filter(spec.name()::equals).isPresent()) {
          findings.add(new Finding("extra_snapshot", w.message()));
        }
      }
      shares.add(
          new ShareAudit(
              spec.name(),
              Optional.ofNullable(at).map(x -> x[0]),
              Optional.ofNullable(at).map(x -> x[1]),
              true,
              findings,
              expiring(spec, now, expiryWarning)));
    }
    for (PlanMessage w : plan.warnings()) {
      if (w.kind() == PlanMessage.Kind.UNMANAGED_SHARE && w.share().isPresent()) {
        String[] at = bound.get(w.share().get());
        shares.add(
            new ShareAudit(
                w.share().get(),
                w.cluster(),
                Optional.ofNullable(at).map(x -> x[1]),
                false,
                List.of(new Finding("unmanaged_share", w.message())),
                List.of()));
      }
    }
    return new Audit(desired.stack(), shares, new ArrayList<>(clusters.values()));
  }

  /** Servers away and bricks not running: nothing on them can be changed or is served as told. */
  private static List<Finding> health(ObservedCluster cluster) {
    List<Finding> out = new ArrayList<>();
    for (Peer p : cluster.disconnectedPeers()) {
      out.add(
          new Finding(
              "peer_disconnected",
              "server "
                  + p.hostname()
                  + " is disconnected: no volume with a brick there can be changed"));
    }
    for (BrickState b : cluster.offlineBricks()) {
      out.add(
          new Finding(
              "brick_offline", "brick " + b.brick() + " of " + b.volume() + " is not running"));
    }
    return out;
  }

  /**
   * An access change writes the final list at once, so one action may grant and revoke: each part
   * is its own finding. An entry gluster would match as a pattern is a finding of its own kind.
   */
  private static List<Finding> findings(Action a, List<AccessRule> expired) {
    if (a.type() != ActionType.DENY_ACCESS && a.type() != ActionType.ALLOW_ACCESS) {
      return List.of(finding(a));
    }
    String where = a.volume().map(v -> " (" + v + " on " + a.cluster() + ")").orElse("");
    List<Finding> out = new ArrayList<>();
    List<String> removed = cnDiff(a, false);
    List<String> globs = removed.stream().filter(cn -> !Security.isSafeEntry(cn)).toList();
    List<String> ended = new ArrayList<>();
    for (AccessRule rule : expired) {
      if (removed.contains(rule.cn())) {
        ended.add(rule.cn() + " (expired on " + rule.expires().orElseThrow().written() + ")");
      }
    }
    List<String> endedCns = expired.stream().map(AccessRule::cn).toList();
    List<String> extra =
        removed.stream()
            .filter(Security::isSafeEntry)
            .filter(cn -> !endedCns.contains(cn))
            .toList();
    if (!ended.isEmpty()) {
      out.add(new Finding("expired_cn", "still allowed: " + String.join(", ", ended) + where));
    }
    List<String> added = cnDiff(a, true);
    if (!globs.isEmpty()) {
      out.add(
          new Finding(
              "unsafe_cn",
              "entries gluster matches as patterns (they may let other CNs mount): "
                  + String.join(", ", globs.stream().map(Security::printable).toList())
                  + where));
    }
    if (!extra.isEmpty()) {
      out.add(
          new Finding("extra_cn", "allowed but not listed: " + String.join(", ", extra) + where));
    }
    if (!added.isEmpty()) {
      out.add(new Finding("missing_cn", "not allowed: " + String.join(", ", added) + where));
    }
    return out;
  }

  /** Grants of the share that still hold but end within {@code ahead}. */
  private static List<Finding> expiring(ShareSpec share, Instant now, Duration ahead) {
    List<Finding> out = new ArrayList<>();
    for (AccessRule rule : share.access()) {
      if (rule.expires().isEmpty() || !rule.activeAt(now)) {
        continue;
      }
      Instant end = rule.expires().get().end();
      if (end.isAfter(now.plus(ahead))) {
        continue;
      }
      long days = Duration.between(now, end).toDays();
      out.add(
          new Finding(
              "expiring_cn",
              rule.cn()
                  + " expires on "
                  + rule.expires().get().written()
                  + (days == 0
                      ? " (within a day)"
                      : " (in " + days + (days == 1 ? " day)" : " days)"))
                  + rule.note().map(n -> ": " + Printable.value(n)).orElse("")));
    }
    return out;
  }

  private static Finding finding(Action a) {
    String where = a.volume().map(v -> " (" + v + " on " + a.cluster() + ")").orElse("");
    return switch (a.type()) {
      case CREATE_SHARE ->
          new Finding("missing_share", "the share does not exist; apply would " + a.summary());
      case CREATE_SHARE_FROM_SNAPSHOT ->
          new Finding("missing_share", "the share does not exist; apply would " + a.summary());
      case ADOPT_SHARE ->
          new Finding("not_adopted", "volume " + a.volume().orElse("?") + " is not adopted yet");
      case RELEASE_SHARE ->
          new Finding(
              "not_released",
              "the file says released, but volume "
                  + a.volume().orElse("?")
                  + " on cluster "
                  + a.cluster()
                  + " still carries this stack's owner and name tags");
      case ALLOW_ACCESS, DENY_ACCESS -> throw new IllegalArgumentException("see findings()");
      case REPAIR_SHARE ->
          new Finding(
              "security",
              String.join(
                      ", ",
                      a.changes().stream()
                          .map(
                              c ->
                                  c.field()
                                      + " "
                                      + c.before().text().orElse("(none)")
                                      + " (want "
                                      + c.after().text().orElse("(none)")
                                      + ")")
                          .toList())
                  + where);
      case CREATE_SNAPSHOT ->
          new Finding(
              "missing_snapshot",
              "snapshot '" + a.snapshot().orElse("?") + "' does not exist" + where);
      case DELETE_SNAPSHOT -> new Finding("extra_snapshot", a.summary());
      case DELETE_SHARE ->
          new Finding(
              "absent_share_present",
              "the file says absent, but the share still holds volume "
                  + a.volume().orElse("?")
                  + " on cluster "
                  + a.cluster());
    };
  }

  private static List<String> cnDiff(Action a, boolean added) {
    Change change =
        a.changes().stream()
            .filter(c -> c.field().equals(Security.SSL_ALLOW))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        a.id() + " changes access but not " + Security.SSL_ALLOW));
    List<String> before = cns(change.before());
    List<String> after = cns(change.after());
    return added
        ? after.stream().filter(cn -> !before.contains(cn)).toList()
        : before.stream().filter(cn -> !after.contains(cn)).toList();
  }

  /** The planner writes access changes as CN lists; anything else is a bug, not a finding. */
  private static List<String> cns(Change.Value value) {
    if (value instanceof Change.Value.Cns list) {
      return list.cns();
    }
    if (value instanceof Change.Value.Absent) {
      return List.of();
    }
    throw new IllegalStateException("an access change holds " + value + ", not a CN list");
  }
}

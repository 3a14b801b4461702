package io.glustershares.inspect;

import io.glustershares.model.DesiredState;
import io.glustershares.model.Identity;
import io.glustershares.model.ObservedCluster;
import io.glustershares.model.Printable;
import io.glustershares.model.ShareSpec;
import io.glustershares.model.Snapshot;
import io.glustershares.model.SnapshotSpec;
import io.glustershares.model.Volume;
import io.glustershares.plan.Infrastructure;
import io.glustershares.plan.Inventory;
import io.glustershares.plan.Security;
import io.glustershares.plan.VolumeRole;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** What {@code show} reports: every cluster's volumes, classified, with shares in detail. */
public record ShowReport(String stack, List<ClusterView> clusters) {

  /** One cluster; {@code error} when it could not be read. */
  public record ClusterView(
      String name,
      String server,
      Optional<ObservedCluster> observed,
      Optional<String> error,
      List<ShareView> shares,
      List<String> pendingClones,
      List<PoolVolume> free,
      List<PoolVolume> notReady,
      List<ForeignVolume> foreign,
      List<String> outsidePattern) {}

  /**
   * A volume bound to a share of this stack.
   *
   * @param managed whether the file lists the share (otherwise it is unmanaged)
   */
  public record ShareView(
      String share,
      boolean managed,
      String volume,
      OptionalInt size,
      String exportLocation,
      Volume.Status status,
      Optional<String> manilaShare,
      boolean isClone,
      List<String> tenantCns,
      List<String> infrastructureCns,
      List<String> keptCns,
      List<String> missingInfrastructureCns,
      List<Security.Drift> drift,
      List<SnapshotView> snapshots) {

    public boolean secured() {
      return drift.isEmpty()
          && missingInfrastructureCns.isEmpty()
          && status == Volume.Status.STARTED;
    }
  }

  /** A snapshot of a share's volume; {@code name} is the file's name when known. */
  public record SnapshotView(
      String name, String glusterName, boolean managed, boolean activated, String createTime) {}

  public record PoolVolume(String volume, OptionalInt size, Optional<String> reason) {}

  public record ForeignVolume(
      String volume, String reason, Optional<String> manilaShare, Optional<String> owner) {}

  public static ShowReport build(
      DesiredState desired, Map<String, ObservedCluster> observed, Map<String, String> errors) {
    List<ClusterView> views = new ArrayList<>();
    desired
        .clusters()
        .forEach(
            (name, spec) -> {
              String server = spec.server().written();
              ObservedCluster cluster = observed.get(name);
              if (cluster == null) {
                views.add(
                    new ClusterView(
                        name,
                        server,
                        Optional.empty(),
                        Optional.of(errors.getOrDefault(name, "not read")),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of()));
                return;
              }
              views.add(view(desired, name, server, cluster));
            });
    return new ShowReport(desired.stack(), views);
  }

  /** What is odd about a free pool volume: not started, a user.manila-share that is no UUID. */
  private static Optional<String> freeNote(Volume v) {
    List<String> notes = new ArrayList<>();
    if (v.status() != Volume.Status.STARTED) {
      notes.add(
          "not started (a failed or interrupted apply may have left it so); binding it starts it");
    }
    Inventory.oddManilaTag(v)
        .ifPresent(
            odd ->
                notes.add(
                    "user.manila-share is "
                        + Printable.quoted(odd)
                        + ", not a UUID: free, as Manila reads it"));
    return notes.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", notes));
  }

  private static ClusterView view(
      DesiredState desired, String name, String server, ObservedCluster cluster) {
    List<Inventory.Classified> classified = Inventory.classify(desired, cluster);
    Infrastructure infra = Infrastructure.of(desired.clusters().get(name), cluster, desired.tls());
    List<ShareView> shares = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    List<PoolVolume> free = new ArrayList<>();
    List<PoolVolume> notReady = new ArrayList<>();
    List<ForeignVolume> foreign = new ArrayList<>();
    List<String> outside = new ArrayList<>();
    for (Inventory.Classified c : classified) {
      Volume v = c.volume();
      VolumeRole role = c.role();
      if (role instanceof VolumeRole.Share s) {
        shares.add(share(desired, cluster, v, s, infra));
      } else if (role instanceof VolumeRole.PendingClone p) {
        pending.add(
            v.name()
                + p.share()
                    .map(share -> " (for share '" + share + "')")
                    .orElse(" (orphan: its share is no longer in the file)"));
      } else if (role instanceof VolumeRole.Free f) {
        free.add(new PoolVolume(v.name(), f.size(), freeNote(v)));
      } else if (role instanceof VolumeRole.NotReady n) {
        notReady.add(new PoolVolume(v.name(), n.size(), Optional.of(n.reason())));
      } else if (role instanceof VolumeRole.Foreign f) {
        foreign.add(new ForeignVolume(v.name(), f.reason(), f.manilaShare(), f.owner()));
      } else if (role instanceof VolumeRole.Released r) {
        // Listed with the volumes never touched: that is what releasing it asked for.
        foreign.add(
            new ForeignVolume(
                v.name(),
                "released from share '"
                    + r.share()
                    + "' of this stack (state: released): bound (user.manila-share "
                    + r.manilaShare()
                    + "), no longer managed",
                Optional.of(r.manilaShare()),
                Optional.empty()));
      } else if (role instanceof VolumeRole.OutsidePattern) {
        outside.add(v.name());
      } else {
        throw new IllegalStateException("unknown volume role " + role);
      }
    }
    shares.sort(Comparator.comparing(ShareView::share).thenComparing(ShareView::volume));
    Comparator<PoolVolume> bySize =
        Comparator.comparingInt((PoolVolume p) -> p.size().orElse(Integer.MAX_VALUE))
            .thenComparing(PoolVolume::volume);
    free.sort(bySize);
    notReady.sort(bySize);
    foreign.sort(Comparator.comparing(ForeignVolume::volume));
    pending.sort(Comparator.naturalOrder());
    outside.sort(Comparator.naturalOrder());
    return new ClusterView(
        name,
        server,
        Optional.of(cluster),
        Optional.empty(),
        shares,
        pending,
        free,
        notReady,
        foreign,
        outside);
  }

  private static ShareView share(
      DesiredState desired,
      ObservedCluster cluster,
      Volume v,
      VolumeRole.Share role,
      Infrastructure infra) {
    List<String> cns = Security.cns(v);
    List<String> tenants = new ArrayList<>();
    List<String> infraCns = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    for (String cn : cns) {
      if (infra.cns().contains(cn)) {
        infraCns.add(cn);
      } else if (infra.keeps(cn)) {
        kept.add(cn);
      } else {
        // Listed or not, with an infrastructure prefix or a glob: whatever the list grants.
        tenants.add(cn);
      }
    }
    List<String> missing = infra.cns().stream().filter(cn -> !cns.contains(cn)).toList();
    Optional<ShareSpec> spec = desired.share(role.share());
    List<SnapshotView> snapshots = new ArrayList<>();
    for (Snapshot s : cluster.snapshotsOf(v.name())) {
      snapshots.add(snapshot(desired.stack(), role.share(), spec, s));
    }
    return new ShareView(
        role.share(),
        spec.filter(sh -> !sh.isAbsent()).isPresent(),
        v.name(),
        role.size(),
        cluster.exportLocation(v.name()),
        v.status(),
        v.option(Identity.MANILA_SHARE),
        role.isClone(),
        tenants,
        infraCns,
        kept,
        missing,
        Security.optionDrift(v, cluster.version()),
        snapshots);
  }

  private static SnapshotView snapshot(
      String stack, String share, Optional<ShareSpec> spec, Snapshot s) {
    if (spec.isPresent()) {
      for (SnapshotSpec wanted : spec.get().snapshots()) {
        if (wanted.mayBe(stack, share, s)) {
          return new SnapshotView(wanted.name(), s.name(), true, s.activated(), s.createTime());
        }
      }
    }
    String prefix = stack + "/" + share + "/";
    String name =
        s.description().startsWith(prefix) ? s.description().substring(prefix.length()) : s.name();
    return new SnapshotView(name, s.name(), false, s.activated(), s.createTime());
  }
}

package io.glustershares.inspect;

import io.glustershares.model.BrickState;
import io.glustershares.model.ClusterSpec;
import io.glustershares.model.GlusterBoolean;
import io.glustershares.model.HostFacts;
import io.glustershares.model.ObservedCluster;
import io.glustershares.model.Peer;
import io.glustershares.model.Plural;
import io.glustershares.model.Volume;
import io.glustershares.plan.Infrastructure;
import io.glustershares.plan.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Doctor's checks of a cluster's servers and of what is cluster-wide on it: every peer connected,
 * every brick running, infrastructure CNs declared where there are several servers, and the
 * cluster-wide {@code nfs.export-volumes} where a gluster NFS server could act on it.
 */
final class DoctorHealth {

  private DoctorHealth() {}

  static List<Doctor.Finding> servers(ClusterSpec spec, ObservedCluster cluster) {
    String c = spec.name();
    List<Doctor.Finding> out = new ArrayList<>();
    List<Peer> away = cluster.disconnectedPeers();
    List<String> names = cluster.peers().stream().map(Peer::hostname).toList();
    if (away.isEmpty() && cluster.servers() > 1) {
      out.add(
          Doctor.Finding.ok(
              c, cluster.servers() + " servers, all connected: " + String.join(", ", names)));
    }
    for (Peer p : away) {
      out.add(
          Doctor.Finding.fail(
              c,
              "server "
                  + p.hostname()
                  + " is disconnected (its glusterd does not answer): gluster would accept"
                  + " changes to volumes with a brick there while that brick goes on serving"
                  + " without them, so apply refuses them",
              "start glusterd on " + p.hostname() + " (or restore its network), then apply again"));
    }
    for (BrickState b : cluster.offlineBricks()) {
      out.add(
          Doctor.Finding.warn(
              c,
              "brick " + b.brick() + " of " + b.volume() + " is not running",
              "gluster volume start " + b.volume() + " force (starts the bricks that are down)"));
    }
    Infrastructure.undeclared(spec, cluster)
        .ifPresent(
            why ->
                out.add(
                    Doctor.Finding.fail(
                        c,
                        why,
                        "list under clusters."
                            + c
                            + ".infrastructureCns the CN of every server's certificate and of"
                            + " the managing host's")));
    return out;
  }

  /**
   * {@code nfs.export-volumes} is cluster-wide (setting it on one volume sets it on all), so no
   * share action sets it; it matters only where gluster's NFS server is installed, and then every
   * pool and share volume must keep {@code nfs.disable on}, which is each volume's own.
   */
  static List<Doctor.Finding> nfs(
      String c, ObservedCluster cluster, HostFacts facts, List<Volume> ours) {
    if (!facts.nfsServer()) {
      return List.of();
    }
    Optional<String> exported =
        cluster.volumes().stream()
            .map(v -> v.option(Security.NFS_EXPORT))
            .flatMap(Optional::stream)
            .findFirst();
    String setting =
        Security.NFS_EXPORT
            + " is "
            + exported.orElse("on (the default)")
            + " (cluster-wide: gluster-shares never sets it)";
    List<String> open =
        ours.stream()
            .filter(
                v ->
                    !v.option(Security.NFS_DISABLE)
                        .map(GlusterBoolean::parse)
                        .flatMap(b -> b)
                        .orElse(false))
            .map(Volume::name)
            .toList();
    if (open.isEmpty()) {
      return List.of(
          Doctor.Finding.ok(
              c,
              "gluster's NFS server is installed on "
                  + facts.hostname()
                  + "; "
                  + setting
                  + ", and every pool and share volume has nfs.disable on"));
    }
    return List.of(
        Doctor.Finding.warn(
            c,
            "gluster's NFS server is installed on "
                + facts.hostname()
                + "; "
                + setting
                + ", and "
                + Plural.of(open.size(), "pool or share volume has", "pool or share volumes have")
                + " no nfs.disable on, so it may export them"
                + " without TLS: "
                + String.join(", ", open.subList(0, Math.min(5, open.size())))
                + (open.size() > 5 ? ", ..." : ""),
            "gluster volume set VOLUME nfs.disable on (apply repairs share volumes; free pool"
                + " volumes need it by hand)"));
  }
}

package io.glustershares.cli;

import io.glustershares.gluster.ClusterReader;
import io.glustershares.gluster.GlusterException;
import io.glustershares.gluster.PoolPeers;
import io.glustershares.inspect.NodeDoctor;
import io.glustershares.model.ClusterSpec;
import io.glustershares.model.DesiredState;
import io.glustershares.model.HostFacts;
import io.glustershares.model.ObservedCluster;
import io.glustershares.model.Printable;
import io.glustershares.model.ServerAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * doctor's visit of every server of every cluster: the one the commands run on (already probed),
 * then each peer {@code gluster pool list} names, over SSH with the cluster's own login. A cluster
 * on the local CLI gives no login for its peers, so they are named as not checked; the simulator
 * models one server.
 */
final class NodeTour {

  private NodeTour() {}

  /** Opens a reader of a cluster's other server {@code host}, logging in as {@code user}. */
  @FunctionalInterface
  interface PeerReaders {
    ClusterReader open(ClusterSpec spec, String user, String host);
  }

  /**
   * What doctor reads on the servers, and audit's metrics after it (certificate expiry per node):
   * each cluster's command host probed, then every server.
   *
   * @param commandHosts the facts of each cluster's command host that could be probed
   * @param probeErrors why a read cluster's command host could not be probed
   */
  record Reads(
      Map<String, HostFacts> commandHosts,
      Map<String, String> probeErrors,
      List<NodeDoctor.Visit> visits) {}

  static Reads read(
      DesiredState desired,
      Map<String, ClusterReader> readers,
      Map<String, ObservedCluster> observed,
      PeerReaders peerReaders) {
    Map<String, HostFacts> commandHosts = new LinkedHashMap<>();
    Map<String, String> errors = new LinkedHashMap<>();
    readers.forEach(
        (name, reader) -> {
          ObservedCluster cluster = observed.get(name);
          if (cluster != null) {
            try {
              commandHosts.put(name, reader.hostFacts(cluster));
            } catch (GlusterException e) {
              errors.put(name, e.getMessage());
            }
          }
        });
    return new Reads(
        commandHosts, errors, visit(desired, readers, observed, commandHosts, peerReaders));
  }

  static List<NodeDoctor.Visit> visit(
      DesiredState desired,
      Map<String, ClusterReader> readers,
      Map<String, ObservedCluster> observed,
      Map<String, HostFacts> commandHosts,
      PeerReaders peerReaders) {
    List<NodeDoctor.Visit> visits = new ArrayList<>();
    for (ClusterSpec spec : desired.clusters().values()) {
      String c = spec.name();
      ClusterReader reader = readers.get(c);
      ObservedCluster cluster = observed.get(c);
      HostFacts first = commandHosts.get(c);
      if (reader == null || cluster == null || first == null) {
        continue; // not reachable: doctor's cluster checks say so
      }
      visits.add(new NodeDoctor.Visit.Probed(c, first.hostname(), first));
      if (spec.server() instanceof ServerAddress.Sim) {
        continue;
      }
      List<String> peers;
      try {
        peers = reader.otherServers();
      } catch (GlusterException e) {
        visits.add(
            new NodeDoctor.Visit.Unreached(
                c, "(peers)", "gluster pool list failed: " + e.getMessage()));
        continue;
      }
      for (String peer : peers) {
        visits.add(peer(spec, peer, cluster, peerReaders));
      }
    }
    return visits;
  }

  private static NodeDoctor.Visit peer(
      ClusterSpec spec, String peer, ObservedCluster cluster, PeerReaders peerReaders) {
    String c = spec.name();
    if (!PoolPeers.isHostName(peer)) {
      return new NodeDoctor.Visit.Unreached(
          c, peer, "gluster pool list names it, but it is not a host name: not contacted");
    }
    if (!(spec.server() instanceof ServerAddress.Ssh ssh)) {
      return new NodeDoctor.Visit.Skipped(
          c,
          peer,
          "cluster '"
              + c
              + "' runs the local gluster CLI (server: "
              + Printable.value(spec.server().written())
              + "), which gives no SSH login for its other servers");
    }
    // The same timeout, retries and call log as the first server's reader.
    try (ClusterReader reader = peerReaders.open(spec, ssh.user(), peer)) {
      return new NodeDoctor.Visit.Probed(c, peer, reader.hostFacts(cluster));
    } catch (GlusterException e) {
      return new NodeDoctor.Visit.Unreached(c, peer, e.getMessage());
    }
  }
}

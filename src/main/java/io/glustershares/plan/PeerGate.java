package io.glustershares.plan;

import io.glustershares.model.ObservedCluster;
import io.glustershares.model.Peer;
import io.glustershares.model.Volume;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a plan may not do to a cluster whose servers are not all there. Measured on gluster 10.3:
 * with one peer's glusterd down, {@code volume set/stop/start} are accepted and report success, but
 * that peer's brick keeps its old volfile and goes on serving without the new TLS settings until
 * its glusterd returns. So every action on a volume with a brick on a disconnected peer becomes a
 * plan error naming the cluster, the volume and the peer, as does every action waiting on one; the
 * other shares' actions stay planned. Actions of a cluster refused as a whole (its plan cannot be
 * trusted at all) are dropped; that cluster's own error says why.
 */
final class PeerGate {

  /** The actions that stay, and an error for each one that does not. */
  record Outcome(List<Action> actions, List<PlanMessage> errors) {}

  private PeerGate() {}

  static Outcome filter(
      List<Action> actions, Map<String, ObservedCluster> clusters, Set<String> refusedClusters) {
    List<PlanMessage> errors = new ArrayList<>();
    Set<String> dropped = new HashSet<>();
    Map<String, Map<String, Volume>> unhealthy = new HashMap<>();
    clusters.forEach(
        (name, c) -> {
          if (!c.disconnectedPeers().isEmpty()) {
            Map<String, Volume> byName = new HashMap<>();
            c.volumes().forEach(v -> byName.put(v.name(), v));
            unhealthy.put(name, byName);
          }
        });
    for (Action a : actions) {
      if (refusedClusters.contains(a.cluster())) {
        dropped.add(a.id());
        continue;
      }
      Map<String, Volume> volumes = unhealthy.get(a.cluster());
      if (volumes == null) {
        continue;
      }
      ObservedCluster cluster = clusters.get(a.cluster());
      for (String volume : a.touchedVolumes()) {
        List<Peer> away = away(cluster, volumes.get(volume));
        if (!away.isEmpty()) {
          dropped.add(a.id());
          errors.add(PlanMessage.error(a.share(), a.cluster(), refusal(a, cluster, volume, away)));
          break;
        }
      }
    }
    // What waits on a refused action is refused too: a dependency missing from the plan would
    // otherwise be dropped as "nothing to do", and the action would run without it.
    boolean more = true;
    while (more) {
      more = false;
      for (Action a : actions) {
        if (dropped.contains(a.id())) {
          continue;
        }
        for (String d : a.dependsOn()) {
          if (dropped.contains(d)) {
            dropped.add(a.id());
            if (!refusedClusters.contains(a.cluster())) {
              errors.add(
                  PlanMessage.error(
                      a.share(),
                      a.cluster(),
                      "share '%s': %s is not planned: it waits on %s, which is not planned"
                          .formatted(a.share(), a.id(), d)));
            }
            more = true;
            break;
          }
        }
      }
    }
    if (dropped.isEmpty()) {
      return new Outcome(actions, errors);
    }
    return new Outcome(actions.stream().filter(a -> !dropped.contains(a.id())).toList(), errors);
  }

  /**
   * The disconnected peers holding a brick of the volume; for a volume not there yet (a clone to be
   * made), every disconnected peer: its bricks could be on any of them.
   */
  private static List<Peer> away(ObservedCluster cluster, Volume volume) {
    if (volume == null) {
      return cluster.disconnectedPeers();
    }
    List<String> holders = volume.brickPeers();
    return cluster.disconnectedPeers().stream().filter(p -> holders.contains(p.uuid())).toList();
  }

  private static String refusal(Action a, ObservedCluster cluster, String volume, List<Peer> away) {
    List<String> names = away.stream().map(Peer::hostname).toList();
    String peers = String.join(", ", names);
    boolean one = names.size() == 1;
    String where =
        cluster.volume(volume).isPresent()
            ? "volume " + volume + " has a brick on " + peers
            : "volume " + volume + " is still to be made and its bricks may be on " + peers;
    return "share '"
        + a.share()
        + "': cluster '"
        + a.cluster()
        + "': "
        + where
        + ", which "
        + (one ? "is" : "are")
        + " disconnected (glusterd not answering): gluster would accept "
        + a.type().id()
        + " and report success while "
        + (one ? "that server's brick goes" : "their bricks go")
        + " on serving without the change; not planned until "
        + peers
        + (one ? " is" : " are")
        + " back";
  }
}

package io.glustershares.sim;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The simulator's answers about its cluster's servers and bricks, shaped as the test estate's real
 * glusterd 10.3 prints them ({@code estate-pool-list*.xml}, {@code estate-volume-status-all*.xml}):
 * {@code pool list} names this server {@code localhost} and lists it last; {@code volume status
 * all} lists started volumes only, the bricks of connected servers only, then one self-heal daemon
 * per connected server of a replica volume.
 */
final class SimHealth {

  /** Where simulated brick processes listen: glusterd hands out ports from here. */
  private static final int FIRST_PORT = 49152;

  private SimHealth() {}

  static SimXml poolList(SimState state) {
    SimXml x = SimXml.ok().open("peerStatus");
    for (SimState.SimPeer p : state.peers) {
      x.open("peer")
          .element("uuid", p.uuid)
          .element("hostname", p.hostname)
          .open("hostnames")
          .element("hostname", p.hostname)
          .close("hostnames")
          .element("connected", p.connected ? "1" : "0")
          .element("state", "3")
          .element("stateStr", "Peer in Cluster")
          .close("peer");
    }
    x.open("peer")
        .element("uuid", state.hostUuid())
        .element("hostname", "localhost")
        .element("connected", "1")
        .close("peer");
    return x.close("peerStatus");
  }

  /** {@code volume status [all|VOL]}. */
  static SimXml volumeStatus(SimState state, List<String> rest) {
    List<SimState.SimVolume> shown = new ArrayList<>();
    if (rest.isEmpty() || rest.get(0).equals("all")) {
      state.volumes.stream().filter(v -> v.status == 1).forEach(shown::add);
    } else {
      SimState.SimVolume v = state.volume(rest.get(0));
      if (v == null) {
        String msg = "Volume " + rest.get(0) + " does not exist";
        return SimXml.error(30800, msg).element("cliOp", "volStatus").element("output", msg);
      }
      if (v.status == 1) {
        shown.add(v);
      }
    }
    SimXml x = SimXml.ok().open("volStatus");
    if (shown.isEmpty()) {
      return x.empty("volumes").close("volStatus");
    }
    x.open("volumes");
    for (SimState.SimVolume v : shown) {
      volume(state, v, x);
    }
    return x.close("volumes").close("volStatus");
  }

  private static void volume(SimState state, SimState.SimVolume v, SimXml x) {
    List<String> bricks = v.bricks.stream().filter(state::connected).toList();
    // A self-heal daemon runs on each connected server holding a brick of a replica volume.
    Set<String> healers = new LinkedHashSet<>();
    if (v.replica > 1) {
      bricks.forEach(b -> healers.add(b.substring(0, b.indexOf(":/"))));
    }
    x.open("volume")
        .element("volName", v.name)
        .element("nodeCount", String.valueOf(bricks.size() + healers.size()));
    int index = state.volumes.indexOf(v);
    for (int i = 0; i < bricks.size(); i++) {
      String brick = bricks.get(i);
      int at = brick.indexOf(":/");
      String port = String.valueOf(FIRST_PORT + index * 8 + i);
      x.open("node")
          .element("hostname", brick.substring(0, at))
          .element("path", brick.substring(at + 1))
          .element("peerid", state.peerUuid(brick))
          .element("status", "1")
          .element("port", port)
          .open("ports")
          .element("tcp", port)
          .element("rdma", "N/A")
          .close("ports")
          .element("pid", String.valueOf(1000 + index * 8 + i))
          .close("node");
    }
    int n = 0;
    for (String host : healers) {
      boolean local = host.equals(state.host);
      x.open("node")
          .element("hostname", "Self-heal Daemon")
          .element("path", local ? "localhost" : host)
          .element("peerid", state.peerUuid(host + ":/"))
          .element("status", "1")
          .element("port", "N/A")
          .open("ports")
          .element("tcp", "N/A")
          .element("rdma", "N/A")
          .close("ports")
          .element("pid", String.valueOf(900 + n++))
          .close("node");
    }
    x.empty("tasks").close("volume");
  }
}

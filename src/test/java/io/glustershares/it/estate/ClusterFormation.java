package io.glustershares.it.estate;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Makes the nodes of a cluster peers of each other. */
final class ClusterFormation {

  private static final Pattern CONNECTED = Pattern.compile("<connected>1</connected>");

  private ClusterFormation() {}

  /**
   * The first node probes the others by name; the second probes the first back by name, so every
   * {@code pool list} shows names (the others would otherwise know the first by its address).
   */
  static Cluster form(Cluster c) {
    Node first = c.first();
    for (Node n : c.nodes().subList(1, c.nodes().size())) {
      c.gluster("peer", "probe", n.name());
    }
    int peers = c.nodes().size() - 1;
    Node second = c.nodes().get(1);
    await(second, peers);
    second.gluster("--mode=script", "peer", "probe", first.name()).orThrow();
    for (Node n : c.nodes()) {
      await(n, peers);
    }
    return c;
  }

  private static void await(Node n, int peers) {
    Poll.until(
        Duration.ofSeconds(30),
        n.name() + " to see " + peers + " connected peers",
        () -> count(n.gluster("--xml", "peer", "status").out()) == peers);
  }

  private static int count(String xml) {
    Matcher m = CONNECTED.matcher(xml);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}

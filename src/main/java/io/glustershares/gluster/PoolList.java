package io.glustershares.gluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * {@code gluster --xml pool list}: every server of the trusted pool, this one included (named
 * {@code localhost} by gluster), with its UUID. The apply lock is taken on the servers in UUID
 * order, so every apply, whichever server it talks to, meets the others on the same servers.
 */
public final class PoolList {

  /** The argv: one cluster-wide read. */
  public static final List<String> ARGV = List.of("gluster", "--xml", "pool", "list");

  /**
   * One server of the pool.
   *
   * @param hostname the name the pool knows it by; {@code localhost} for the server that answered
   * @param self it is the server that answered
   */
  public record Peer(String uuid, String hostname, boolean connected, boolean self) {}

  private PoolList() {}

  /** Reads the pool through {@code gluster}. */
  public static List<Peer> read(GlusterClient gluster) throws GlusterException {
    return parse(gluster.xml(ARGV, Optional.empty()));
  }

  static List<Peer> parse(GlusterXml.Envelope reply) {
    List<Peer> peers = new ArrayList<>();
    for (Element status : children(reply.root(), "peerStatus")) {
      for (Element peer : children(status, "peer")) {
        String hostname = text(peer, "hostname");
        peers.add(
            new Peer(
                text(peer, "uuid"),
                hostname,
                text(peer, "connected").equals("1"),
                // Only the answering server lacks the <hostnames> list of the names it was probed
                // by.
                hostname.equals("localhost") && children(peer, "hostnames").isEmpty()));
      }
    }
    return peers;
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        out.add(e);
      }
    }
    return out;
  }

  private static String text(Element parent, String name) {
    List<Element> found = children(parent, name);
    return found.isEmpty() ? "" : found.get(0).getTextContent().strip();
  }
}

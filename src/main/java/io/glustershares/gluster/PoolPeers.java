package io.glustershares.gluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * The other servers of a cluster, as {@code gluster --xml pool list} names them on the server the
 * commands run on (which it names {@code localhost}). The names come from a server and are not
 * trusted: only a plain host name or address is ever contacted ({@link #isHostName}).
 */
public final class PoolPeers {

  public static final List<String> ARGV = List.of("gluster", "--xml", "pool", "list");

  /** More peers than any gluster cluster has: the rest of a hostile reply is not read. */
  static final int MAX_PEERS = 256;

  private static final String LOCALHOST = "localhost";

  /** A DNS name or IPv4 address (the schema's host pattern), or an IPv6 address. */
  private static final Pattern HOST =
      Pattern.compile(
          "[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}");

  private PoolPeers() {}

  /** The peers other than the server the client talks to, in gluster's order. */
  public static List<String> others(GlusterClient client) throws GlusterException {
    return others(client.xml(ARGV, Optional.empty()));
  }

  static List<String> others(GlusterXml.Envelope reply) {
    List<String> out = new ArrayList<>();
    GlusterXml.child(reply.root(), "peerStatus")
        .ifPresent(
            status -> {
              for (Element peer : GlusterXml.children(status, "peer")) {
                String name = GlusterXml.text(peer, "hostname").orElse("").strip();
                if (!name.equals(LOCALHOST) && out.size() < MAX_PEERS) {
                  out.add(name);
                }
              }
            });
    return out;
  }

  /** Whether a name from a reply may be contacted: a host name or address, nothing else. */
  public static boolean isHostName(String name) {
    return HOST.matcher(name).matches();
  }
}

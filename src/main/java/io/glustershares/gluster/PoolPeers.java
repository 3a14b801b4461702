package io.glustershares.gluster;

import io.glustershares.model.Peer;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The other servers of a cluster, as {@code gluster --xml pool list} names them on the server the
 * commands run on (which it names {@code localhost}). The names come from a server and are not
 * trusted: only a plain host name or address is ever contacted ({@link #isHostName}).
 */
public final class PoolPeers {

  /** More peers than any gluster cluster has: the rest of a hostile reply is not contacted. */
  static final int MAX_PEERS = 256;

  /** A DNS name or IPv4 address (the schema's host pattern), or an IPv6 address. */
  private static final Pattern HOST =
      Pattern.compile(
          "[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}");

  private PoolPeers() {}

  /** The peers other than the server the client talks to, in gluster's order. */
  public static List<String> others(GlusterClient client) throws GlusterException {
    return others(client.peers());
  }

  static List<String> others(List<Peer> pool) {
    return pool.stream().filter(p -> !p.local()).map(Peer::hostname).limit(MAX_PEERS).toList();
  }

  /** Whether a name from a reply may be contacted: a host name or address, nothing else. */
  public static boolean isHostName(String name) {
    return HOST.matcher(name).matches();
  }
}

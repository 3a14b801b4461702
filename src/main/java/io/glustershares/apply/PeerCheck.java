package io.glustershares.apply;

import io.glustershares.gluster.GlusterClient;
import io.glustershares.gluster.GlusterException;
import io.glustershares.gluster.GlusterXml;
import io.glustershares.model.GlusterArgv;
import io.glustershares.model.Peer;
import io.glustershares.model.Volume;
import io.glustershares.plan.Action;
import java.util.List;
import java.util.Optional;

/**
 * The last look before an action changes anything (issue 12). A peer may go away between the plan
 * and the action, and gluster would then accept the action and report success while that peer's
 * brick went on serving with its old volfile, without the new TLS settings. So right before each
 * action: one {@code pool list}; only when a peer is disconnected, one {@code volume info} per
 * volume the action touches, to see whether a brick is there. The action fails, naming the peer,
 * before any of its steps runs; the next apply, once the peer is back, does it.
 */
final class PeerCheck {

  private PeerCheck() {}

  static void before(GlusterClient gluster, Action action) throws GlusterException {
    List<Peer> away = gluster.peers().stream().filter(p -> !p.connected()).toList();
    if (away.isEmpty()) {
      return;
    }
    for (String volume : action.touchedVolumes()) {
      Optional<Volume> found = volume(gluster, volume);
      List<Peer> holding =
          found.isEmpty()
              ? away
              : away.stream().filter(p -> found.get().brickPeers().contains(p.uuid())).toList();
      if (!holding.isEmpty()) {
        String names = String.join(", ", holding.stream().map(Peer::hostname).toList());
        boolean one = holding.size() == 1;
        throw new GlusterException(
            GlusterException.Kind.PEER_DISCONNECTED,
            gluster.cluster(),
            Optional.of(volume),
            GlusterArgv.poolList(),
            0,
            "not started: "
                + (found.isPresent() ? "a brick of it is on " : "its bricks may be on ")
                + names
                + ", which "
                + (one ? "is" : "are")
                + " disconnected now (glusterd not answering); gluster would report the change"
                + " done while "
                + (one ? "that server's brick goes" : "their bricks go")
                + " on serving without it. Run apply again once "
                + names
                + (one ? " is" : " are")
                + " back",
            null);
      }
    }
  }

  /** The volume as gluster has it now; empty when it does not exist (a clone still to make). */
  private static Optional<Volume> volume(GlusterClient gluster, String volume)
      throws GlusterException {
    try {
      return GlusterXml.volumes(gluster.xml(GlusterArgv.volumeInfo(volume), Optional.of(volume)))
          .stream()
          .findFirst();
    } catch (GlusterException e) {
      if (e.kind() == GlusterException.Kind.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }
}

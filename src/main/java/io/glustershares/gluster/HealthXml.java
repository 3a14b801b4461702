package io.glustershares.gluster;

import io.glustershares.model.BrickState;
import io.glustershares.model.Peer;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.w3c.dom.Element;

/**
 * Parsers of the two cluster-wide replies about a cluster's health, written against the outputs
 * captured on the test estate ({@code estate-pool-list*.xml}, {@code
 * estate-volume-status-all*.xml}).
 */
public final class HealthXml {

  /** The name {@code pool list} gives the server it runs on. */
  static final String LOCALHOST = "localhost";

  private HealthXml() {}

  /**
   * {@code pool list}: every peer, the server it ran on last (named {@code localhost}, with no
   * {@code hostnames} or {@code state}). Hostnames are as printed.
   */
  public static List<Peer> peers(GlusterXml.Envelope reply) {
    List<Peer> peers = new ArrayList<>();
    Element root = reply.root();
    GlusterXml.child(root, "peerStatus")
        .ifPresent(
            status -> {
              for (Element peer : GlusterXml.children(status, "peer")) {
                String hostname = GlusterXml.text(peer, "hostname").orElse("").strip();
                peers.add(
                    new Peer(
                        GlusterXml.text(peer, "uuid").orElse("").strip(),
                        hostname,
                        GlusterXml.text(peer, "connected")
                            .map(String::strip)
                            .orElse("0")
                            .equals("1"),
                        hostname.equals(LOCALHOST)));
              }
            });
    return peers;
  }

  /**
   * {@code volume status all}: every brick of every started volume that gluster reports, online or
   * not. Daemons (the self-heal daemon, ...) are left out: their {@code path} is a host name, a
   * brick's is a directory. Streamed, like {@code volume info}: one reply covers every volume.
   */
  public static List<BrickState> brickStates(GlusterXml.Envelope reply) {
    List<BrickState> out = new ArrayList<>();
    // Depths: 1 cliOutput, 2 volStatus, 3 volumes, 4 volume, 5 volName/node, 6 node fields.
    String[] at = new String[8];
    StringBuilder text = new StringBuilder();
    String volume = "";
    String hostname = "";
    String path = "";
    String peer = "";
    int status = 0;
    XMLStreamReader r = GlusterXml.reader(reply);
    try {
      int depth = 0;
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          depth++;
          if (depth < at.length) {
            at[depth] = r.getLocalName();
          }
          text.setLength(0);
          if (depth == 5 && "node".equals(at[5])) {
            hostname = "";
            path = "";
            peer = "";
            status = 0;
          }
        } else if (event == XMLStreamConstants.CHARACTERS) {
          text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          if (depth >= 5 && "volStatus".equals(at[2]) && "volume".equals(at[4])) {
            if (depth == 5 && "volName".equals(at[5])) {
              volume = text.toString().strip();
            } else if (depth == 5 && "node".equals(at[5]) && path.startsWith("/")) {
              out.add(new BrickState(volume, hostname + ":" + path, peer, status == 1));
            } else if (depth == 6 && "node".equals(at[5])) {
              switch (at[6]) {
                case "hostname" -> hostname = text.toString().strip();
                case "path" -> path = text.toString().strip();
                case "peerid" -> peer = text.toString().strip();
                case "status" -> status = GlusterXml.number(text.toString());
                default -> {}
              }
            }
          }
          depth--;
        }
      }
    } catch (XMLStreamException e) {
      throw new IllegalStateException("gluster XML that streamed cleanly failed to stream", e);
    } finally {
      GlusterXml.close(r);
    }
    return out;
  }
}

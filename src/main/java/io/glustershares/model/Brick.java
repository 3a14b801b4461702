package io.glustershares.model;

/**
 * One brick of a volume, as {@code volume info} names it.
 *
 * @param host the host part of {@code HOST:PATH}
 * @param path the directory on that host
 * @param peerUuid the UUID of the peer holding it ({@code hostUuid}): how a brick is matched with
 *     {@code pool list}, whatever name or address the volume was created with
 */
public record Brick(String host, String path, String peerUuid) {

  /** {@code HOST:PATH}, as gluster writes it. */
  public String name() {
    return host + ":" + path;
  }

  /** From gluster's {@code HOST:PATH}; a name without {@code :/} is all host. */
  public static Brick of(String name, String peerUuid) {
    int at = name.indexOf(":/");
    return at < 0
        ? new Brick(name, "", peerUuid)
        : new Brick(name.substring(0, at), name.substring(at + 1), peerUuid);
  }
}

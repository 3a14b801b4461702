package io.glustershares.it.estate;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * Which estate this is on the machine. Several test JVMs (other developers, other sessions) may
 * each run an estate at once; the instance id picks everything that must not collide: the
 * directory, the bridge and link names, the subnet and the marker in process names. An id is held
 * by listening on a loopback port: exclusive while this JVM lives, released by the kernel when it
 * dies (however it dies), and it leaves no file behind. {@value #ID_VARIABLE} forces an id.
 *
 * @param id 0 to {@value #MAX_ID}
 */
public record Instance(int id, Path dir, ServerSocket hold) implements AutoCloseable {

  public static final String ID_VARIABLE = "GLUSTER_SHARES_ESTATE_ID";

  /** Every estate lives below this directory: the estate's own, nothing else of the host. */
  public static final Path BASE = Path.of("/var/tmp/gluster-shares-estate");

  static final int MAX_ID = 63;
  private static final int PORT_BASE = 47310;

  /** Takes the first free id (or the forced one). */
  public static Instance take() {
    return take(System.getenv(ID_VARIABLE));
  }

  /** Takes {@code forced} (a number), or the first free id when it is null or blank. */
  static Instance take(String forced) {
    if (forced != null && !forced.isBlank()) {
      int id = Integer.parseInt(forced.strip());
      ServerSocket hold = tryHold(id);
      if (hold == null) {
        throw new EstateException(
            "estate id " + id + " (" + ID_VARIABLE + ") is in use by another test run");
      }
      return new Instance(id, BASE.resolve(String.valueOf(id)), hold);
    }
    for (int id = 0; id <= MAX_ID; id++) {
      ServerSocket hold = tryHold(id);
      if (hold != null) {
        return new Instance(id, BASE.resolve(String.valueOf(id)), hold);
      }
    }
    throw new EstateException("all " + (MAX_ID + 1) + " estate ids are in use on this machine");
  }

  private static ServerSocket tryHold(int id) {
    if (id < 0 || id > MAX_ID) {
      throw new EstateException("estate id " + id + " is not between 0 and " + MAX_ID);
    }
    try {
      ServerSocket s = new ServerSocket();
      // Without SO_REUSEADDR nothing else can listen here while we do.
      s.setReuseAddress(false);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), PORT_BASE + id), 1);
      return s;
    } catch (IOException e) {
      return null;
    }
  }

  /** Names of this estate's network links start with this (at most 15 characters in all). */
  public String linkPrefix() {
    return "gse" + id;
  }

  public String bridge() {
    return linkPrefix() + "br";
  }

  /** The /24 of this estate, without the last octet: {@code 10.214.ID}. */
  public String subnet() {
    return "10.214." + id;
  }

  /** Every estate process's PID 1 is named {@code MARKER + name}: how leftovers are found. */
  public String marker() {
    return "gluster-shares-estate:" + id + ":";
  }

  @Override
  public void close() {
    try {
      hold.close();
    } catch (IOException e) {
      // The kernel frees it with the process anyway.
    }
  }
}

package io.glustershares.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything a simulated cluster holds; serialised as JSON under {@code .gluster-shares/}. Plain
 * mutable fields: this is the simulator's storage, not a value passed around.
 */
public final class SimState {
  public String host = "gluster-sim-1";

  /** This server's peer UUID; derived from the host name when the pool file gives none. */
  public String uuid;

  /** The cluster's other servers, in {@code pool list} order. */
  public List<SimPeer> peers = new ArrayList<>();

  /** The directory bricks are made in, on every server. */
  public String brickRoot = "/bricks";

  public String version = "10.3";
  public boolean thinBricks = true;
  public boolean lvm = true;

  /** Whether gluster's NFS server (the nfs xlator) is installed: Debian's 10.3 has none. */
  public boolean nfsServer;

  public int latencyMs;
  public long serial;

  /** Which journal ({@code CLUSTER.journal}) continues this snapshot; older ones are stale. */
  public long journalGeneration;

  public List<SimVolume> volumes = new ArrayList<>();
  public List<SimSnapshot> snapshots = new ArrayList<>();

  /** Mount point on the managing host → volume mounted there (wipes). */
  public Map<String, String> mounts = new LinkedHashMap<>();

  /** Directories made on the managing host by {@code mkdir}, beyond the system's own. */
  public TreeSet<String> directories = new TreeSet<>();

  /**
   * Paths of the managing host that are not plain directories of the user running the commands:
   * symbolic links, files, directories of another owner or mode. This is what an attacker (or a
   * careless operator) leaves for a wipe to find; the wipe's safety checks are tested against it.
   */
  public TreeMap<String, SimPath> hostPaths = new TreeMap<>();

  /** Filesystems mounted on the managing host that are not the wipe's: path → "FSTYPE SOURCE". */
  public Map<String, String> otherMounts = new LinkedHashMap<>();

  /** What {@code id -u} says on the host that runs the commands. */
  public int hostUid;

  /** Files of the server host that doctor reads (TLS certificates), path to text. */
  public Map<String, String> hostFiles = new LinkedHashMap<>();

  /** Private key files, path to mode: never their content. */
  public Map<String, String> keyModes = new LinkedHashMap<>();

  /** One path of {@link #hostPaths}: a symbolic link, a file, or a directory. */
  public static final class SimPath {
    /** Where the link points, for a symbolic link. */
    public String symlink;

    /** A regular file rather than a directory. */
    public boolean file;

    public int owner;

    /** Permission bits, in octal. */
    public String mode = "0755";
  }

  /** Another server of the cluster. */
  public static final class SimPeer {
    public String hostname;
    public String uuid;

    /** Whether this server's glusterd is in touch with the peer's. */
    public boolean connected = true;
  }

  /**
   * A volume's state as {@code volume info} reports it: {@code <status>} and {@code <statusStr>}.
   */
  public enum Status {
    CREATED(0, "Created"),
    STARTED(1, "Started"),
    STOPPED(2, "Stopped");

    private final int code;
    private final String label;

    Status(int code, String label) {
      this.code = code;
      this.label = label;
    }

    /** gluster's number, {@code <status>}. */
    public int code() {
      return code;
    }

    /** gluster's word, {@code <statusStr>} and a simulator file's {@code status}. */
    public String label() {
      return label;
    }
  }

  public static final class SimVolume {
    public String name;
    public String id;
    public Status status = Status.CREATED;

    /** Copies of each file: the bricks are on this many servers. */
    public int replica = 1;

    /** {@code HOST:PATH} each; HOST is {@link #host} or a peer's hostname. */
    public List<String> bricks = new ArrayList<>();

    /** Newest first, then gluster's three creation defaults, as volume info lists them. */
    public LinkedHashMap<String, String> options = new LinkedHashMap<>();

    /** Paths relative to the volume root; directories end with '/'. */
    public TreeSet<String> files = new TreeSet<>();
  }

  public static final class SimSnapshot {
    public String name;
    public String id;
    public String description = "";
    public String createTime;
    public String origin;
    public boolean activated;
    public LinkedHashMap<String, String> options = new LinkedHashMap<>();
    public TreeSet<String> files = new TreeSet<>();
  }

  /** This server's peer UUID. */
  String hostUuid() {
    return uuid != null
        ? uuid
        : io.glustershares.model.Identity.uuid5(
                io.glustershares.model.Identity.NAMESPACE, "sim-host/" + host)
            .toString();
  }

  /** The peer UUID of a brick's host; a host that is no server of the cluster gets its own. */
  String peerUuid(String brick) {
    String brickHost = brick.substring(0, Math.max(0, brick.indexOf(":/")));
    if (brickHost.equals(host)) {
      return hostUuid();
    }
    for (SimPeer p : peers) {
      if (p.hostname.equals(brickHost)) {
        return p.uuid;
      }
    }
    return io.glustershares.model.Identity.uuid5(
            io.glustershares.model.Identity.NAMESPACE, "sim-host/" + brickHost)
        .toString();
  }

  /** Whether this server is in touch with the server a brick is on. */
  boolean connected(String brick) {
    String brickHost = brick.substring(0, Math.max(0, brick.indexOf(":/")));
    for (SimPeer p : peers) {
      if (p.hostname.equals(brickHost)) {
        return p.connected;
      }
    }
    return true;
  }

  SimVolume volume(String name) {
    for (SimVolume v : volumes) {
      if (v.name.equals(name)) {
        return v;
      }
    }
    return null;
  }

  SimSnapshot snapshot(String name) {
    for (SimSnapshot s : snapshots) {
      if (s.name.equals(name)) {
        return s;
      }
    }
    return null;
  }

  int snapshotCount(String volume) {
    int n = 0;
    for (SimSnapshot s : snapshots) {
      if (s.origin.equals(volume)) {
        n++;
      }
    }
    return n;
  }
}

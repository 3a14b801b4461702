package io.glustershares.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every command gluster-shares runs on a cluster, as an argv list (never a shell string). It lives
 * in the model because a plan records the exact argv it will run, and the planner sees only the
 * model; the gluster package runs these and parses their replies.
 *
 * <p>Commands that change or delete always carry {@code --mode=script}: without it and without a
 * terminal gluster prompts, reads nothing, does nothing and exits 0 (CLI reference §1.3).
 */
public final class GlusterArgv {

  public static final String GLUSTER = "gluster";

  private GlusterArgv() {}

  public static List<String> version() {
    return List.of(GLUSTER, "--version");
  }

  public static List<String> volumeInfo() {
    return List.of(GLUSTER, "--xml", "volume", "info");
  }

  public static List<String> volumeInfo(String volume) {
    return List.of(GLUSTER, "--xml", "volume", "info", volume);
  }

  /** Every peer of the cluster and whether it is connected, in one call. */
  public static List<String> poolList() {
    return List.of(GLUSTER, "--xml", "pool", "list");
  }

  /** The bricks of every started volume and whether each runs, in one call. */
  public static List<String> volumeStatusAll() {
    return List.of(GLUSTER, "--xml", "volume", "status", "all");
  }

  public static List<String> volumeGet(String volume, String option) {
    return List.of(GLUSTER, "--xml", "volume", "get", volume, option);
  }

  /** All options in one call: gluster applies all or none (CLI reference §3.1). */
  public static List<String> volumeSet(String volume, Map<String, String> options) {
    if (options.isEmpty()) {
      throw new IllegalArgumentException("volume set needs at least one option");
    }
    List<String> argv = new ArrayList<>(List.of(GLUSTER, "--xml", "volume", "set", volume));
    options.forEach(
        (key, value) -> {
          if (value.isEmpty()) {
            // gluster refuses an empty value with a usage error and no XML.
            throw new IllegalArgumentException("option " + key + " cannot be set to ''");
          }
          argv.add(key);
          argv.add(value);
        });
    return List.copyOf(argv);
  }

  public static List<String> volumeReset(String volume, String option) {
    return List.of(GLUSTER, "--xml", "volume", "reset", volume, option);
  }

  public static List<String> volumeStop(String volume) {
    return List.of(GLUSTER, "--xml", "--mode=script", "volume", "stop", volume);
  }

  public static List<String> volumeStart(String volume) {
    return List.of(GLUSTER, "--xml", "volume", "start", volume);
  }

  public static List<String> volumeDelete(String volume) {
    return List.of(GLUSTER, "--xml", "--mode=script", "volume", "delete", volume);
  }

  public static List<String> snapshotList() {
    return List.of(GLUSTER, "--xml", "snapshot", "list");
  }

  /** Every snapshot with its origin volume, description and state, in one call. */
  public static List<String> snapshotInfo() {
    return List.of(GLUSTER, "--xml", "snapshot", "info");
  }

  public static List<String> snapshotCreate(String name, String volume, String description) {
    return List.of(
        GLUSTER,
        "--xml",
        "snapshot",
        "create",
        name,
        volume,
        "no-timestamp",
        "description",
        description);
  }

  public static List<String> snapshotDelete(String name) {
    return List.of(GLUSTER, "--xml", "--mode=script", "snapshot", "delete", name);
  }

  public static List<String> snapshotActivate(String name) {
    return List.of(GLUSTER, "--xml", "--mode=script", "snapshot", "activate", name);
  }

  public static List<String> snapshotClone(String clone, String snapshot) {
    return List.of(GLUSTER, "--xml", "snapshot", "clone", clone, snapshot);
  }

  /**
   * Host commands of a wipe, run on the host that runs the cluster's gluster commands. These
   * templates are the whole vocabulary: filled with one wipe's host, volume and mount point, {@link
   * #all} is every argv that wipe may run, and the applier runs nothing else. Each is a plain argv
   * (no shell), and the only values in them are the mount point, its parent directories and the
   * volume, whose syntax {@link #problem} checks first.
   */
  public static final class Wipe {

    /** What {@code stat} prints of each path: raw mode in hex (type bits too), owner, name. */
    public static final String STAT_FORMAT = "%f %u %n";

    /** The kernel's mount table as the commands' own mount namespace sees it (proc(5)). */
    public static final String MOUNT_TABLE = "/proc/self/mountinfo";

    private static final java.util.regex.Pattern NAME =
        java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");
    private static final java.util.regex.Pattern HOST =
        java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,252}");
    private static final java.util.regex.Pattern ABSOLUTE =
        java.util.regex.Pattern.compile("(/[A-Za-z0-9._-]+)+");

    private Wipe() {}

    /**
     * Why a wipe cannot use these values, if it cannot: the mount point must be a plain absolute
     * path (no {@code .}, {@code ..} or empty components, nothing glob or shell characters could
     * change) ending in the volume's name, below a base directory that is not {@code /}.
     */
    public static java.util.Optional<String> problem(
        String host, String volume, String mountPoint) {
      if (!NAME.matcher(volume).matches()) {
        return java.util.Optional.of("'" + volume + "' is not a gluster volume name");
      }
      if (!HOST.matcher(host).matches()) {
        return java.util.Optional.of("'" + host + "' is not a host name to mount from");
      }
      if (mountPoint.length() > 4096 || !ABSOLUTE.matcher(mountPoint).matches()) {
        return java.util.Optional.of(
            "mount point '"
                + mountPoint
                + "' is not an absolute path of letters, digits, '.', '_'"
                + " and '-'");
      }
      List<String> names = List.of(mountPoint.substring(1).split("/"));
      if (names.contains(".") || names.contains("..")) {
        return java.util.Optional.of(
            "mount point '"
                + mountPoint
                + "' has '.' or '..' in it; give mountBase as a plain path");
      }
      if (names.size() < 2 || !names.get(names.size() - 1).equals(volume)) {
        return java.util.Optional.of(
            "mount point '" + mountPoint + "' is not MOUNTBASE/" + volume + " below a directory");
      }
      return java.util.Optional.empty();
    }

    /** The directory the mount point is made in ({@code mountBase}). */
    public static String base(String mountPoint) {
      return mountPoint.substring(0, mountPoint.lastIndexOf('/'));
    }

    /** {@code /}, every directory on the way down, and the mount point itself, in that order. */
    public static List<String> pathFromRoot(String mountPoint) {
      List<String> paths = new ArrayList<>(List.of("/"));
      for (int slash = mountPoint.indexOf('/', 1);
          slash > 0;
          slash = mountPoint.indexOf('/', slash + 1)) {
        paths.add(mountPoint.substring(0, slash));
      }
      paths.add(mountPoint);
      return List.copyOf(paths);
    }

    /** The uid the commands run as: the base and the mount point must be its own. */
    public static List<String> userId() {
      return List.of("id", "-u");
    }

    /**
     * lstat(2) of every directory from {@code /} to the mount point: {@code stat} without {@code
     * -L} reports a symbolic link as a link, so no link anywhere on the path goes unseen. A path
     * that does not exist is reported on stderr and left out.
     */
    public static List<String> inspectPath(String mountPoint) {
      List<String> argv = new ArrayList<>(List.of("stat", "-c", STAT_FORMAT, "--"));
      argv.addAll(pathFromRoot(mountPoint));
      return List.copyOf(argv);
    }

    /** Makes a missing base, owner-only; only after the path to it was checked. */
    public static List<String> makeBase(String mountPoint) {
      return List.of("mkdir", "-p", "-m", "0700", base(mountPoint));
    }

    /** Makes the mount point in an existing base; fails if anything has that name already. */
    public static List<String> makeMountPoint(String mountPoint) {
      return List.of("mkdir", "-m", "0700", mountPoint);
    }

    /** What is mounted where, read before every mount, find and unmount. */
    public static List<String> mountTable() {
      return List.of("cat", MOUNT_TABLE);
    }

    public static List<String> mount(String host, String volume, String mountPoint) {
      return List.of("mount", "-t", "glusterfs", host + ":/" + volume, mountPoint);
    }

    /**
     * The mounts a wipe deletes and checks through, one per copy of each file. A client reads each
     * directory from one brick of a replica set only (the local one, where there is one), so what
     * only some replicas hold would go unseen, and unwiped; with {@code replicas} copies, mount
     * {@code i} reads from brick {@code i} of every replica set. A volume without replication is
     * mounted as {@code mount -t glusterfs} mounts it.
     */
    public static List<List<String>> mounts(
        String host, String volume, String mountPoint, int replicas) {
      if (replicas <= 1) {
        return List.of(mount(host, volume, mountPoint));
      }
      List<List<String>> mounts = new ArrayList<>();
      for (int child = 0; child < replicas; child++) {
        mounts.add(mountReadingFrom(host, volume, mountPoint, child));
      }
      return List.copyOf(mounts);
    }

    /**
     * A mount that reads from replica brick {@code child} (AFR's {@code read-subvolume-index}, with
     * {@code choose-local} off, or the brick on this host would win). mount(8)'s helper passes on
     * one {@code xlator-option} only, so the client is started as the helper starts it; it reports
     * its source as {@code HOST:/VOLUME} in the mount table, as the helper's mount does.
     */
    public static List<String> mountReadingFrom(
        String host, String volume, String mountPoint, int child) {
      return List.of(
          "glusterfs",
          "--process-name",
          "fuse",
          "--volfile-server=" + host,
          "--volfile-id=/" + volume,
          "--xlator-option=*-replicate-*.choose-local=off",
          "--xlator-option=*-replicate-*.read-subvolume-index=" + child,
          mountPoint);
    }

    /**
     * The inode of the mount point's root: {@code 1} once a gluster mount there is connected and
     * let in (CLI reference §8.2). The client started directly returns before that, as the mount
     * helper does not; the helper checks this itself.
     */
    public static List<String> rootInode(String mountPoint) {
      return List.of("stat", "-c", "%i", "--", mountPoint);
    }

    /**
     * Deletes everything but the {@code .trashcan} and {@code .trashcan/internal_op} directories,
     * which gluster does not allow to be removed (their contents go too). A file or a link of
     * either name is deleted like anything else; {@code find} never follows a link, and {@code
     * -xdev} keeps it on the volume's filesystem.
     */
    public static List<String> delete(String mountPoint) {
      return findBesidesTrash(mountPoint, "-delete");
    }

    /** Prints the first thing left, if any: the wipe is checked, not assumed. */
    public static List<String> remaining(String mountPoint) {
      return findBesidesTrash(mountPoint, "-print", "-quit");
    }

    /** {@code find} over everything in the volume but the trash directories gluster keeps. */
    private static List<String> findBesidesTrash(String mountPoint, String... action) {
      List<String> argv =
          new ArrayList<>(
              List.of(
                  "find",
                  mountPoint,
                  "-xdev",
                  "-mindepth",
                  "1",
                  "!",
                  "(",
                  "-path",
                  mountPoint + "/.trashcan",
                  "-type",
                  "d",
                  ")",
                  "!",
                  "(",
                  "-path",
                  mountPoint + "/.trashcan/internal_op",
                  "-type",
                  "d",
                  ")"));
      argv.addAll(List.of(action));
      return List.copyOf(argv);
    }

    public static List<String> unmount(String mountPoint) {
      return List.of("umount", mountPoint);
    }

    public static List<String> removeMountPoint(String mountPoint) {
      return List.of("rmdir", mountPoint);
    }

    /**
     * Every argv a wipe of {@code volume} (each file on {@code replicas} bricks) through {@code
     * mountPoint} may run, in order of use.
     */
    public static List<List<String>> all(
        String host, String volume, String mountPoint, int replicas) {
      List<List<String>> all =
          new ArrayList<>(
              List.of(
                  userId(),
                  inspectPath(mountPoint),
                  makeBase(mountPoint),
                  mountTable(),
                  unmount(mountPoint),
                  makeMountPoint(mountPoint)));
      all.addAll(mounts(host, volume, mountPoint, replicas));
      if (replicas > 1) {
        all.add(rootInode(mountPoint));
      }
      all.addAll(List.of(delete(mountPoint), remaining(mountPoint), removeMountPoint(mountPoint)));
      return List.copyOf(all);
    }
  }
}

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

  /** Host commands of a wipe, run on the host that runs the cluster's gluster commands. */
  public static final class Wipe {
    private Wipe() {}

    public static List<String> makeMountPoint(String mountPoint) {
      return List.of("mkdir", "-p", "-m", "0700", mountPoint);
    }

    /** Exit 0 when something is mounted there (a wipe interrupted before it unmounted). */
    public static List<String> isMounted(String mountPoint) {
      return List.of("mountpoint", "-q", mountPoint);
    }

    public static List<String> mount(String host, String volume, String mountPoint) {
      return List.of("mount", "-t", "glusterfs", host + ":/" + volume, mountPoint);
    }

    /**
     * Deletes everything but {@code .trashcan} and {@code .trashcan/internal_op}, which gluster
     * does not allow to be removed (their contents go too).
     */
    public static List<String> delete(String mountPoint) {
      return findBesidesTrash(mountPoint, "-delete");
    }

    /** Prints the first thing left, if any: the wipe is checked, not assumed. */
    public static List<String> remaining(String mountPoint) {
      return findBesidesTrash(mountPoint, "-print", "-quit");
    }

    /** {@code find} over everything in the volume but what gluster's trash feature keeps. */
    private static List<String> findBesidesTrash(String mountPoint, String... action) {
      List<String> argv =
          new java.util.ArrayList<>(
              List.of(
                  "find",
                  mountPoint,
                  "-mindepth",
                  "1",
                  "!",
                  "-path",
                  mountPoint + "/.trashcan",
                  "!",
                  "-path",
                  mountPoint + "/.trashcan/internal_op"));
      argv.addAll(List.of(action));
      return List.copyOf(argv);
    }

    public static List<String> unmount(String mountPoint) {
      return List.of("umount", mountPoint);
    }

    public static List<String> removeMountPoint(String mountPoint) {
      return List.of("rmdir", mountPoint);
    }
  }
}

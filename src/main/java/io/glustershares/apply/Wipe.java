package io.glustershares.apply;

import io.glustershares.gluster.GlusterClient;
import io.glustershares.gluster.GlusterException;
import io.glustershares.gluster.ProcessResult;
import io.glustershares.model.GlusterArgv;
import io.glustershares.plan.Step;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Empties a volume through a FUSE mount on the host that runs the cluster's gluster commands,
 * keeping only {@code .trashcan} and {@code .trashcan/internal_op} (which gluster does not let go),
 * and checks that nothing else is left before it unmounts: a wipe is verified, not assumed.
 */
final class Wipe {

  static final int PASSES = 3;

  /** glusterd's is_fresh_file() is one second; wait a little more. */
  static final Duration FRESH_FILE_WINDOW = Duration.ofMillis(1500);

  /** Deleting a full volume takes long; the check and the mount do not. */
  static final Duration DELETE_TIMEOUT = Duration.ofHours(6);

  private Wipe() {}

  static void run(GlusterClient gluster, Step.Wipe step, Duration timeout) throws GlusterException {
    String volume = step.volume();
    String mnt = step.mountPoint();
    must(gluster, GlusterArgv.Wipe.makeMountPoint(mnt), volume, timeout, "create the mount point");
    if (host(gluster, GlusterArgv.Wipe.isMounted(mnt), volume, timeout).exitCode() == 0) {
      // Left mounted by an interrupted wipe: start from a fresh mount.
      must(gluster, GlusterArgv.Wipe.unmount(mnt), volume, timeout, "unmount a leftover mount");
    }
    List<String> mount = GlusterArgv.Wipe.mount(step.host(), volume, mnt);
    must(gluster, mount, volume, timeout, "mount the volume");
    try {
      String left = "";
      for (int pass = 0; pass < PASSES; pass++) {
        // find -delete reports what it could not delete; the check below decides.
        host(gluster, GlusterArgv.Wipe.delete(mnt), volume, DELETE_TIMEOUT);
        // With features.trash on, the bricks move what is deleted into .trashcan behind the
        // client's back, and the client's cached view misses it: check through a fresh mount.
        must(gluster, GlusterArgv.Wipe.unmount(mnt), volume, timeout, "unmount after a pass");
        must(gluster, mount, volume, timeout, "mount the volume again");
        ProcessResult check = host(gluster, GlusterArgv.Wipe.remaining(mnt), volume, timeout);
        left = check.stdout().strip();
        if (check.exitCode() == 0 && left.isEmpty()) {
          return;
        }
        if (left.isEmpty()) {
          left = check.stderr().strip();
        }
        // gluster's trash makes .trashcan directories on the bricks without a gfid, and a brick
        // refuses to give one to anything changed in the last second (posix_gfid_heal: "Fresh
        // file"); until then the client cannot look them up. Let that second pass.
        try {
          Thread.sleep(FRESH_FILE_WINDOW.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      throw failure(
          gluster,
          volume,
          GlusterArgv.Wipe.remaining(mnt),
          "the wipe left "
              + left
              + " behind after "
              + PASSES
              + " passes; the volume is not released");
    } finally {
      host(gluster, GlusterArgv.Wipe.unmount(mnt), volume, timeout);
      host(gluster, GlusterArgv.Wipe.removeMountPoint(mnt), volume, timeout);
    }
  }

  private static ProcessResult host(
      GlusterClient gluster, List<String> argv, String volume, Duration timeout)
      throws GlusterException {
    return gluster.host(argv, Optional.of(volume), timeout);
  }

  private static ProcessResult must(
      GlusterClient gluster, List<String> argv, String volume, Duration timeout, String what)
      throws GlusterException {
    ProcessResult r = host(gluster, argv, volume, timeout);
    if (r.exitCode() != 0) {
      String said = (r.stderr().isBlank() ? r.stdout() : r.stderr()).strip();
      throw failure(
          gluster,
          volume,
          argv,
          "cannot " + what + " (exit " + r.exitCode() + (said.isEmpty() ? "" : ": " + said) + ")");
    }
    return r;
  }

  private static GlusterException failure(
      GlusterClient gluster, String volume, List<String> argv, String message) {
    return new GlusterException(
        GlusterException.Kind.FAILED,
        gluster.cluster(),
        Optional.of(volume),
        argv,
        0,
        message,
        null);
  }
}

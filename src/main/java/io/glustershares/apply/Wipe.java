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
    must(
        gluster,
        GlusterArgv.Wipe.mount(step.host(), volume, mnt),
        volume,
        timeout,
        "mount the volume");
    try {
      String left = "";
      for (int attempt = 0; attempt < 2; attempt++) {
        // find -delete reports what it could not delete; the check below decides.
        host(gluster, GlusterArgv.Wipe.delete(mnt), volume, DELETE_TIMEOUT);
        left =
            must(
                    gluster,
                    GlusterArgv.Wipe.remaining(mnt),
                    volume,
                    timeout,
                    "check the volume is empty")
                .stdout()
                .strip();
        if (left.isEmpty()) {
          break;
        }
      }
      if (!left.isEmpty()) {
        throw failure(
            gluster,
            volume,
            GlusterArgv.Wipe.remaining(mnt),
            "the wipe left " + left + " behind; the volume is not released");
      }
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

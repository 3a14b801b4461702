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
 * keeping only the {@code .trashcan} and {@code .trashcan/internal_op} directories (which gluster
 * does not let go), and checks through fresh mounts that nothing else is left: on a replicated
 * volume, one mount per replica brick, each reading from another, because a client reads each
 * directory from one brick only and gluster's trash can leave a file on some replicas alone. A wipe
 * can only delete inside a fresh gluster mount of its own volume: the path to the mount point is
 * checked before mounting ({@link MountPath}), the mount table before every {@code find} and
 * unmount ({@link MountTable}), and any failure, including a failed unmount or removal of the mount
 * point at the end, fails the step, so that the volume is never released while mounted or unwiped.
 */
final class Wipe {

  static final int PASSES = 3;

  /** glusterd's is_fresh_file() is one second; wait a little more. */
  static final Duration FRESH_FILE_WINDOW = Duration.ofMillis(1500);

  /** Deleting a full volume takes long; the check and the mount do not. */
  static final Duration DELETE_TIMEOUT = Duration.ofHours(6);

  /** Mounts of the volume stacked by earlier interrupted wipes that are unmounted, at most. */
  static final int LEFTOVER_MOUNTS = 3;

  private Wipe() {}

  static void run(GlusterClient gluster, Step.Wipe step, Duration timeout) throws GlusterException {
    WipeHost host = new WipeHost(gluster, step, timeout);
    try {
      Optional<String> bad =
          GlusterArgv.Wipe.problem(step.host(), step.volume(), step.mountPoint());
      if (bad.isPresent()) {
        throw host.refusal(bad.get());
      }
      prepare(host, step);
      mountAndWipe(host, step);
      finish(host);
    } catch (GlusterException e) {
      throw new GlusterException(
          e.kind(),
          e.cluster(),
          e.volume(),
          e.argv(),
          e.opErrno(),
          e.glusterMessage() + "; the volume stays bound to its share until a wipe succeeds",
          e);
    }
  }

  /**
   * Checks the path, unmounts what an interrupted wipe of this volume left mounted (nothing else),
   * and makes the mount point: afterwards it is an empty-of-mounts directory of the user the
   * commands run as, in an owner-only base, with no symbolic link on the way.
   */
  private static void prepare(WipeHost host, Step.Wipe step) throws GlusterException {
    String mnt = step.mountPoint();
    long uid = host.uid();
    MountPath path = host.inspect(uid);
    refuseIf(host, path.problemBeforeMounting());
    if (!path.baseExists()) {
      host.must(GlusterArgv.Wipe.makeBase(mnt), "make mountBase");
      path = host.inspect(uid);
      if (!path.baseExists()) {
        throw host.refusal("mountBase " + GlusterArgv.Wipe.base(mnt) + " was not made");
      }
      refuseIf(host, path.problemBeforeMounting());
    }
    Optional<MountTable.Mount> left = host.mounted();
    for (int i = 0; left.isPresent() && i < LEFTOVER_MOUNTS; i++) {
      if (!host.ours(left.get())) {
        throw host.refusal(
            mnt
                + " has a "
                + left.get()
                + " on it, not this volume's gluster mount; the wipe unmounts only its own."
                + " Look at it (findmnt "
                + mnt
                + "), unmount it if it is stale, and apply again");
      }
      // Left mounted by an interrupted wipe: start from a fresh mount.
      host.must(GlusterArgv.Wipe.unmount(mnt), "unmount a mount left by an interrupted wipe");
      left = host.mounted();
    }
    if (left.isPresent()) {
      host.requireNothingMounted("after unmounting " + LEFTOVER_MOUNTS + " leftover mounts");
    }
    path = host.inspect(uid);
    if (!path.mountPointExists()) {
      refuseIf(host, path.problemBeforeMounting());
      host.must(GlusterArgv.Wipe.makeMountPoint(mnt), "make the mount point");
      path = host.inspect(uid);
    }
    refuseIf(host, path.problemWithMountPoint());
    host.requireNothingMounted("before mounting");
  }

  /**
   * Deletes and checks, pass after pass, through every view of the volume: one mount per replica
   * brick, each reading from another ({@link Step.Wipe#mounts}). A pass deletes through each view
   * in turn, then checks through a fresh mount of each; the volume is wiped when no view shows
   * anything, and the last check's mount is left for {@link #finish}.
   */
  private static void mountAndWipe(WipeHost host, Step.Wipe step) throws GlusterException {
    String mnt = step.mountPoint();
    List<List<String>> views = step.mounts();
    boolean wiped = false;
    try {
      int mounted = mount(host, step, 0);
      String left = "";
      for (int pass = 0; pass < PASSES && !wiped; pass++) {
        // The view mounted now (the first, or the one whose check found something) goes first.
        int first = mounted;
        for (int k = 0; k < views.size(); k++) {
          int view = (first + k) % views.size();
          if (view != mounted) {
            mounted = mount(host, step, view);
          }
          host.requireOurMount("deleting");
          // find -delete reports what it could not delete; the checks below decide.
          host.run(GlusterArgv.Wipe.delete(mnt), DELETE_TIMEOUT);
          // With features.trash on, the bricks move what is deleted into .trashcan behind the
          // client's back, and the client's cached view misses it: check through fresh mounts.
          unmount(host, "after a pass");
          mounted = -1;
        }
        left = "";
        for (int view = 0; view < views.size() && left.isEmpty(); view++) {
          mounted = mount(host, step, view);
          host.requireOurMount("checking that the volume is empty");
          ProcessResult check = host.run(GlusterArgv.Wipe.remaining(mnt));
          left = check.stdout().strip();
          if (check.exitCode() == 0 && left.isEmpty()) {
            if (view < views.size() - 1) {
              unmount(host, "after a check");
              mounted = -1;
            }
          } else if (left.isEmpty()) {
            left = check.stderr().strip();
          }
          if (!left.isEmpty() && views.size() > 1) {
            left += " (seen reading from replica brick " + view + ")";
          }
        }
        if (left.isEmpty()) {
          wiped = true;
        } else {
          // gluster's trash makes .trashcan directories on the bricks without a gfid, and a brick
          // refuses to give one to anything changed in the last second (posix_gfid_heal: "Fresh
          // file"); until then the client cannot look them up. Let that second pass.
          if (!pause()) {
            break;
          }
        }
      }
      if (!wiped) {
        throw host.refusal("the wipe left " + left + " behind after " + PASSES + " passes");
      }
    } finally {
      if (!wiped) {
        host.unmountQuietly();
      }
    }
  }

  /**
   * Mounts view {@code view} of the volume and returns it. The client started directly for a
   * replica view returns before gluster has let it in, so its root must be gluster's before
   * anything trusts what the mount shows.
   */
  private static int mount(WipeHost host, Step.Wipe step, int view) throws GlusterException {
    List<List<String>> views = step.mounts();
    boolean replicated = views.size() > 1;
    host.must(
        views.get(view),
        replicated ? "mount the volume reading from replica brick " + view : "mount the volume");
    if (replicated) {
      List<String> argv = GlusterArgv.Wipe.rootInode(step.mountPoint());
      ProcessResult root = host.run(argv);
      String inode = root.stdout().strip();
      if (root.exitCode() != 0 || !inode.equals("1")) {
        throw host.failure(
            argv,
            "the mount reading from replica brick "
                + view
                + " did not come up (the root of "
                + step.mountPoint()
                + " is "
                + (inode.isEmpty() ? "unreadable: " + root.stderr().strip() : "inode " + inode)
                + ", not gluster's 1)");
      }
    }
    return view;
  }

  private static void unmount(WipeHost host, String when) throws GlusterException {
    host.requireOurMount("unmounting " + when);
    host.must(GlusterArgv.Wipe.unmount(host.mountPoint()), "unmount " + when);
    host.requireNothingMounted("after unmounting it");
  }

  /** Nothing is released while mounted: the unmount and the removal must both succeed. */
  private static void finish(WipeHost host) throws GlusterException {
    String mnt = host.mountPoint();
    host.requireOurMount("unmounting it");
    host.must(GlusterArgv.Wipe.unmount(mnt), "unmount the volume after the wipe");
    host.requireNothingMounted("after the wipe's unmount");
    host.must(GlusterArgv.Wipe.removeMountPoint(mnt), "remove the mount point after the wipe");
  }

  private static void refuseIf(WipeHost host, Optional<String> problem) throws GlusterException {
    if (problem.isPresent()) {
      throw host.refusal(problem.get() + "; nothing was mounted or deleted");
    }
  }

  /** Whether the wait ran its course (not interrupted). */
  private static boolean pause() {
    try {
      Thread.sleep(FRESH_FILE_WINDOW.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}

package io.glustershares.plan;

import io.glustershares.model.Identity;
import io.glustershares.model.Volume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The steps of a delete that empty a pool volume and return it to the pool (its tenants are revoked
 * before, by a deny of their own).
 *
 * <p>gluster's trash feature ({@code features.trash}) moves what a client deletes into {@code
 * .trashcan} on each brick on its own, and a brick that knows a directory only by its gfid moves a
 * file deleted there into {@code .trashcan/<gfid:…>/} once more: on a replica volume, the wipe's
 * deletions would leave the tenant's files on the bricks its mount does not read from. So the wipe
 * runs with trash off, in bricks restarted to read it (a running brick refuses to turn trash off,
 * CLI reference §9), and the release turns it on again. The {@code volume set} that turns trash off
 * also writes {@link Identity#RESTORE_TRASH}, so that whatever step an apply is killed after, the
 * next plan still restores trash on release: a volume goes back to the pool with trash as it was.
 */
final class PoolRelease {

  static final String TRASH = "features.trash";

  /** The steps and the plan's {@code !} lines about them. */
  record Steps(List<Step> steps, List<String> warnings) {
    Steps {
      steps = List.copyOf(steps);
      warnings = List.copyOf(warnings);
    }
  }

  private PoolRelease() {}

  /** Wipes {@code volume} through {@code mountPoint} on {@code host}, then releases it. */
  static Steps of(Volume volume, String host, String mountPoint) {
    String v = volume.name();
    boolean trashOn = volume.isOn(TRASH);
    // Trash already off because an earlier apply's wipe turned it off, and still to come back.
    boolean restore = trashOn || volume.isOn(Identity.RESTORE_TRASH);
    // Set at all, the option may say off while bricks started before still move deletions away:
    // bricks read it only when they start.
    boolean restart = restore || volume.option(TRASH).isPresent();
    boolean started = volume.status() == Volume.Status.STARTED;
    List<Step> steps = new ArrayList<>();
    List<String> warn = new ArrayList<>();
    // Stopped before the set, so that no running brick is asked to turn trash off (it would log a
    // refusal and go on moving deletions away).
    if (restart && started) {
      steps.add(Step.Gluster.stop(v));
    }
    if (trashOn) {
      Map<String, String> off = new LinkedHashMap<>();
      off.put(TRASH, "off");
      off.put(Identity.RESTORE_TRASH, "on");
      steps.add(
          Step.Gluster.set(
              v,
              off,
              "turn gluster's trash off for the wipe (on again when " + v + " is released)"));
    }
    if (restart || !started) {
      steps.add(Step.Gluster.start(v));
    }
    if (restart) {
      warn.add(
          "restarts "
              + v
              + " (stop, start) with gluster's trash off, so that the wipe's deletions are real on"
              + " every brick"
              + (restore ? "; trash is turned on again when the volume returns to the pool" : ""));
    }
    steps.add(new Step.Wipe(host, v, mountPoint, volume.replicaCount()));
    Map<String, String> release = new LinkedHashMap<>();
    release.put(Identity.MANILA_SHARE, Identity.NONE);
    release.put(Identity.OWNER, Identity.NONE);
    release.put(Identity.NAME, Identity.NONE);
    release.put(Security.NFS_DISABLE, "on");
    if (restore) {
      release.put(TRASH, "on");
      release.put(Identity.RESTORE_TRASH, Identity.NONE);
    }
    steps.add(Step.Gluster.set(v, release, "release " + v + " to the pool"));
    warn.add("all data on " + v + " is wiped (lost); the volume returns to the pool");
    return new Steps(steps, warn);
  }
}

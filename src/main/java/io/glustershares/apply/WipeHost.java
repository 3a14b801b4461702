package io.glustershares.apply;

import io.glustershares.gluster.GlusterClient;
import io.glustershares.gluster.GlusterException;
import io.glustershares.gluster.ProcessResult;
import io.glustershares.model.GlusterArgv;
import io.glustershares.plan.Step;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The host a wipe works on, seen through the commands of one {@link Step.Wipe}: it runs only that
 * step's own argv ({@link GlusterArgv.Wipe#all} filled with the step's host, volume and mount
 * point; anything else is a bug and is never run) and reads what they print: the user, the path to
 * the mount point, the mount table.
 */
final class WipeHost {

  private final GlusterClient gluster;
  private final Step.Wipe step;
  private final Duration timeout;
  private final Set<List<String>> allowed;

  WipeHost(GlusterClient gluster, Step.Wipe step, Duration timeout) {
    this.gluster = gluster;
    this.step = step;
    this.timeout = timeout;
    this.allowed = Set.copyOf(step.argvs());
  }

  String mountPoint() {
    return step.mountPoint();
  }

  /** Runs one of the step's commands and returns what it did, whatever its exit code. */
  ProcessResult run(List<String> argv, Duration limit) throws GlusterException {
    if (!allowed.contains(argv)) {
      throw new IllegalStateException(
          "not one of the wipe's commands for " + step.volume() + ": " + argv);
    }
    return gluster.host(argv, Optional.of(step.volume()), limit);
  }

  ProcessResult run(List<String> argv) throws GlusterException {
    return run(argv, timeout);
  }

  /** Runs one of the step's commands, which must exit 0. */
  void must(List<String> argv, String what) throws GlusterException {
    ProcessResult r = run(argv);
    if (r.exitCode() != 0) {
      String said = (r.stderr().isBlank() ? r.stdout() : r.stderr()).strip();
      throw failure(
          argv,
          "cannot " + what + " (exit " + r.exitCode() + (said.isEmpty() ? "" : ": " + said) + ")");
    }
  }

  /** The uid the commands run as. */
  long uid() throws GlusterException {
    List<String> argv = GlusterArgv.Wipe.userId();
    ProcessResult r = run(argv);
    try {
      if (r.exitCode() == 0) {
        return Long.parseLong(r.stdout().strip());
      }
    } catch (NumberFormatException e) {
      // Said below.
    }
    throw failure(argv, "cannot tell which user the commands run as" + said(r));
  }

  MountPath inspect(long uid) throws GlusterException {
    List<String> argv = GlusterArgv.Wipe.inspectPath(step.mountPoint());
    ProcessResult r = run(argv);
    try {
      return MountPath.parse(step.mountPoint(), uid, r.stdout());
    } catch (MountPath.UnreadableException e) {
      throw failure(argv, "cannot check the path to the mount point: " + e.getMessage() + said(r));
    }
  }

  /** What the host has mounted at the mount point now, if anything. */
  Optional<MountTable.Mount> mounted() throws GlusterException {
    List<String> argv = GlusterArgv.Wipe.mountTable();
    ProcessResult r = run(argv);
    try {
      if (r.exitCode() != 0) {
        throw new MountTable.UnreadableException("cat exited " + r.exitCode() + said(r));
      }
      return MountTable.parse(r.stdout()).at(step.mountPoint());
    } catch (MountTable.UnreadableException e) {
      throw failure(argv, "cannot read the mount table: " + e.getMessage());
    }
  }

  boolean ours(MountTable.Mount mount) {
    return mount.isGlusterMountOf(step.host(), step.volume());
  }

  /**
   * Stops unless the mount point is this volume's gluster mount: the only place a {@code find} may
   * delete in, and the only mount the wipe unmounts.
   */
  void requireOurMount(String before) throws GlusterException {
    Optional<MountTable.Mount> now = mounted();
    if (now.isEmpty() || !ours(now.get())) {
      throw refusal(
          step.mountPoint()
              + " is not a "
              + MountTable.GLUSTER_TYPE
              + " mount of "
              + step.volume()
              + " ("
              + now.map(m -> "it has a " + m + " on it").orElse("nothing is mounted there")
              + "), so "
              + before
              + " would not act on the volume; a mount that did not happen is not an empty"
              + " volume");
    }
  }

  /** Stops unless nothing at all is mounted at the mount point. */
  void requireNothingMounted(String when) throws GlusterException {
    Optional<MountTable.Mount> now = mounted();
    if (now.isPresent()) {
      throw refusal(step.mountPoint() + " still has a " + now.get() + " on it " + when);
    }
  }

  /** After a failure: unmounts the volume if it is still mounted there, saying nothing. */
  void unmountQuietly() {
    try {
      Optional<MountTable.Mount> now = mounted();
      if (now.isPresent() && ours(now.get())) {
        run(GlusterArgv.Wipe.unmount(step.mountPoint()));
      }
    } catch (GlusterException e) {
      // The failure that brought us here is the one to report; the next apply unmounts. (A bug
      // is not swallowed here: it surfaces as one.)
    }
  }

  /** The wipe stops on what it found, rather than on a command that failed. */
  GlusterException refusal(String message) {
    return failure(List.of("wipe"), message);
  }

  GlusterException failure(List<String> argv, String message) {
    return new GlusterException(
        GlusterException.Kind.FAILED,
        gluster.cluster(),
        Optional.of(step.volume()),
        argv,
        0,
        message,
        null);
  }

  private static String said(ProcessResult r) {
    String said = (r.stderr().isBlank() ? r.stdout() : r.stderr()).strip();
    return said.isEmpty() ? "" : " (" + said + ")";
  }
}

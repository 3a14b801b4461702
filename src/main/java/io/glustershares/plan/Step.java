package io.glustershares.plan;

import io.glustershares.model.GlusterArgv;
import java.util.List;
import java.util.Map;

/**
 * One thing an action runs on its cluster. A plan holds the exact argv of every step, so that what
 * is reviewed is what runs; apply reads nothing but these.
 */
public sealed interface Step {

  /** What the step does, for progress lines. */
  String description();

  /** Every argv the step may run, in order. */
  List<List<String>> argvs();

  /** One gluster {@code --xml} command; its {@code opRet} decides success. */
  record Gluster(List<String> argv, String volume, String description) implements Step {
    public Gluster {
      argv = List.copyOf(argv);
      // Only gluster itself ever runs as a step: no plan, however it was made, can name a program.
      if (argv.isEmpty() || !argv.get(0).equals("gluster")) {
        throw new IllegalArgumentException("a gluster step runs gluster, not " + argv);
      }
    }

    @Override
    public List<List<String>> argvs() {
      return List.of(argv);
    }

    /** {@code volume set} of {@code options}, one call. */
    public static Gluster set(String volume, Map<String, String> options, String description) {
      return new Gluster(GlusterArgv.volumeSet(volume, options), volume, description);
    }

    public static Gluster delete(String volume) {
      return new Gluster(GlusterArgv.volumeDelete(volume), volume, "delete volume " + volume);
    }

    public static Gluster start(String volume) {
      return new Gluster(GlusterArgv.volumeStart(volume), volume, "start " + volume);
    }

    public static Gluster stop(String volume) {
      return new Gluster(GlusterArgv.volumeStop(volume), volume, "stop " + volume);
    }
  }

  /**
   * Reads the volume's tags right before it is bound ({@code gluster --xml volume info VOL}) and
   * stops the action, with nothing changed, unless it is still free: no owner, no share name, no
   * Manila share. Another apply that planned from the same free volume and bound it first (from
   * another host, another stack, another server of the cluster) is never silently taken over.
   */
  record CheckFree(String volume) implements Step {
    @Override
    public String description() {
      return "check that " + volume + " is still free";
    }

    public List<String> argv() {
      return GlusterArgv.volumeInfo(volume);
    }

    @Override
    public List<List<String>> argvs() {
      return List.of(argv());
    }
  }

  /**
   * Wipes a volume through a FUSE mount on the host that runs the cluster's gluster commands:
   * everything but the {@code .trashcan} and {@code .trashcan/internal_op} directories goes, pass
   * after pass (at most three) until a check through fresh mounts finds it empty; only then is the
   * volume released. On a volume with {@code replicas} copies of each file, every pass deletes and
   * checks through one mount per replica brick, each reading from another ({@link
   * GlusterArgv.Wipe#mounts}): what one brick holds and the others do not is seen too. Before
   * mounting, the path to the mount point is checked (real directories, no symbolic link, the base
   * owner-only); before every {@code find} and unmount, the mount table must show this volume's
   * gluster mount there. A mount of this volume left by an interrupted wipe is unmounted first;
   * anything else mounted there stops the wipe.
   */
  record Wipe(String host, String volume, String mountPoint, int replicas) implements Step {
    public Wipe {
      if (replicas < 1) {
        throw new IllegalArgumentException("a volume holds each file at least once: " + replicas);
      }
    }

    /** A wipe of a volume without replication. */
    public Wipe(String host, String volume, String mountPoint) {
      this(host, volume, mountPoint, 1);
    }

    @Override
    public String description() {
      return "wipe "
          + volume
          + " through a mount at "
          + mountPoint
          + (replicas > 1 ? ", reading from each of its " + replicas + " replica bricks" : "");
    }

    /** The fixed templates of {@link GlusterArgv.Wipe}, filled with this step's values. */
    @Override
    public List<List<String>> argvs() {
      return GlusterArgv.Wipe.all(host, volume, mountPoint, replicas);
    }

    /** The mounts to delete and check through, one per replica brick. */
    public List<List<String>> mounts() {
      return GlusterArgv.Wipe.mounts(host, volume, mountPoint, replicas);
    }
  }
}

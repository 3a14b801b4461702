package io.glustershares.gluster;

import io.glustershares.model.Printable;
import java.util.List;
import java.util.Optional;

/**
 * A gluster command failed. The message names the cluster, the volume and gluster's own words; the
 * kind says what can be done about it.
 */
public final class GlusterException extends Exception {

  public enum Kind {
    /** gluster refused or failed the operation. */
    FAILED,
    /** The volume or snapshot does not exist. */
    NOT_FOUND,
    /** Another transaction holds glusterd's lock: worth retrying. */
    TRANSIENT,
    /** Snapshots need every brick on a thinly provisioned LVM volume (opErrno 30815). */
    SNAPSHOT_NEEDS_THIN_LV,
    /** Snapshot commands do not work at all here (no LVM tools). */
    SNAPSHOTS_UNAVAILABLE,
    /** glusterd does not answer. */
    UNREACHABLE,
    /** gluster is not installed where the commands run. */
    NOT_INSTALLED,
    /** The command line was refused as a usage error (no XML). */
    USAGE,
    /** gluster printed something that is not its XML. */
    UNEXPECTED_OUTPUT,
    /** The command could not be run: connection, host key, timeout. */
    RUNNER,
    /**
     * Refused before running: a peer holding a brick of the volume is disconnected, and gluster
     * would accept the change while that peer's brick went on serving without it.
     */
    PEER_DISCONNECTED
  }

  /** The operation, e.g. {@code volume set}, from an argv. */
  public static String operation(List<String> argv) {
    List<String> words = argv.stream().skip(1).filter(w -> !w.startsWith("--")).limit(2).toList();
    return argv.get(0).equals("gluster") ? String.join(" ", words) : argv.get(0);
  }

  private final Kind kind;
  private final String cluster;
  private final Optional<String> volume;
  private final List<String> argv;
  private final int opErrno;
  private final String glusterMessage;

  public GlusterException(
      Kind kind,
      String cluster,
      Optional<String> volume,
      List<String> argv,
      int opErrno,
      String glusterMessage,
      Throwable cause) {
    super(format(kind, cluster, volume, argv, opErrno, glusterMessage), cause);
    this.kind = kind;
    this.cluster = cluster;
    this.volume = volume;
    this.argv = List.copyOf(argv);
    this.opErrno = opErrno;
    this.glusterMessage = glusterMessage;
  }

  private static String format(
      Kind kind,
      String cluster,
      Optional<String> volume,
      List<String> argv,
      int opErrno,
      String message) {
    StringBuilder sb = new StringBuilder("cluster '").append(cluster).append("'");
    volume.ifPresent(v -> sb.append(": volume '").append(v).append("'"));
    if (kind == Kind.RUNNER || kind == Kind.PEER_DISCONNECTED) {
      return sb.append(": ").append(message).toString();
    }
    sb.append(": ").append(operation(argv)).append(" failed: ").append(Printable.oneLine(message));
    if (opErrno != 0) {
      sb.append(" (opErrno ").append(opErrno).append(")");
    }
    switch (kind) {
      case SNAPSHOT_NEEDS_THIN_LV ->
          sb.append("; gluster snapshots need every brick on a thinly provisioned LVM volume");
      case SNAPSHOTS_UNAVAILABLE ->
          sb.append("; install the LVM tools (Debian: lvm2) on the gluster servers");
      case UNREACHABLE -> sb.append("; is glusterd running?");
      default -> {}
    }
    return sb.toString();
  }

  public Kind kind() {
    return kind;
  }

  public String cluster() {
    return cluster;
  }

  public Optional<String> volume() {
    return volume;
  }

  public List<String> argv() {
    return argv;
  }

  public int opErrno() {
    return opErrno;
  }

  /** gluster's own words, as it printed them. */
  public String glusterMessage() {
    return glusterMessage;
  }
}

package io.glustershares.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One share of the file.
 *
 * @param size GB; empty for a share created from a snapshot (it takes its parent's size)
 * @param cluster the cluster the share is pinned to, if any
 * @param volume the exact volume to bind (adoption), if any
 * @param schedule snapshots made on a schedule and retired beyond its {@code keep}, if any
 */
public record ShareSpec(
    String name,
    OptionalInt size,
    Optional<String> cluster,
    Optional<String> volume,
    List<AccessRule> access,
    List<SnapshotSpec> snapshots,
    Optional<SnapshotRef> fromSnapshot,
    State state,
    Optional<SnapshotSchedule> schedule) {

  /** A share without a snapshot schedule. */
  public ShareSpec(
      String name,
      OptionalInt size,
      Optional<String> cluster,
      Optional<String> volume,
      List<AccessRule> access,
      List<SnapshotSpec> snapshots,
      Optional<SnapshotRef> fromSnapshot,
      State state) {
    this(name, size, cluster, volume, access, snapshots, fromSnapshot, state, Optional.empty());
  }

  /**
   * What the file wants of the share: managed ({@code PRESENT}), deleted ({@code ABSENT}), or no
   * longer managed but kept, bound, secured and with its data ({@code RELEASED}: only our owner and
   * name tags are removed).
   */
  public enum State {
    PRESENT,
    ABSENT,
    RELEASED
  }

  public ShareSpec {
    access = List.copyOf(access);
    snapshots = List.copyOf(snapshots);
  }

  public boolean isAbsent() {
    return state == State.ABSENT;
  }

  public boolean isReleased() {
    return state == State.RELEASED;
  }

  /** Whether the file asks for the share to exist and be managed. */
  public boolean isPresent() {
    return state == State.PRESENT;
  }

  /** Every CN the file lists, expired or not. */
  public List<String> cns() {
    return access.stream().map(AccessRule::cn).toList();
  }

  /** The CNs whose grant holds at {@code now}: those the share's list must hold. */
  public List<String> cns(Instant now) {
    return access.stream().filter(a -> a.activeAt(now)).map(AccessRule::cn).toList();
  }

  /** The entries whose grant has ended at {@code now}. */
  public List<AccessRule> expired(Instant now) {
    return access.stream().filter(a -> !a.activeAt(now)).toList();
  }
}

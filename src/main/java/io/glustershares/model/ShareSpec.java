package io.glustershares.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One share of the file.
 *
 * @param size GB; empty for a share created from a snapshot (it takes its parent's size)
 * @param cluster the cluster the share is pinned to, if any
 * @param volume the exact volume to bind (adoption), if any
 */
public record ShareSpec(
    String name,
    OptionalInt size,
    Optional<String> cluster,
    Optional<String> volume,
    List<AccessRule> access,
    List<SnapshotSpec> snapshots,
    Optional<SnapshotRef> fromSnapshot,
    State state) {

  public enum State {
    PRESENT,
    ABSENT
  }

  public ShareSpec {
    access = List.copyOf(access);
    snapshots = List.copyOf(snapshots);
  }

  public boolean isAbsent() {
    return state == State.ABSENT;
  }

  public List<String> cns() {
    return access.stream().map(AccessRule::cn).toList();
  }
}

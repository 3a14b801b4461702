package io.glustershares.plan;

import io.glustershares.model.Identity;
import io.glustershares.model.Printable;
import io.glustershares.model.ShareSpec;
import io.glustershares.model.Snapshot;
import io.glustershares.model.SnapshotSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The file's snapshots named by the start of their gluster name ({@code gluster:}), found as Manila
 * finds its own: among the snapshots of the share's volume, the one name that starts with the
 * prefix. None or several is a plan error: a prefix that once named one snapshot and now names
 * another, or two, must never make a plan delete or clone the wrong one.
 */
final class NamedSnapshots {

  /** What a {@code gluster:} entry names on the volume. */
  sealed interface Outcome {
    /** Exactly one snapshot. */
    record Found(Snapshot snapshot) implements Outcome {}

    /**
     * Not one snapshot: why, and the snapshots of the volume it might be (kept by the plan, which
     * cannot be applied anyway, so that {@code --prune} never takes one of them for unwanted).
     */
    record Problem(String message, List<Snapshot> candidates) implements Outcome {}
  }

  private NamedSnapshots() {}

  /**
   * @param stack the file's stack, which names the snapshots gluster-shares makes
   * @param placement where the share is: only a volume it is bound to, or adopts, has snapshots
   * @param existing the snapshots of that volume
   */
  static Outcome resolve(
      String stack,
      ShareSpec share,
      SnapshotSpec snapshot,
      Placement placement,
      List<Snapshot> existing) {
    String prefix = snapshot.gluster().orElseThrow();
    String what =
        "share '"
            + share.name()
            + "': snapshot '"
            + snapshot.name()
            + "' (gluster: "
            + prefix
            + ")";
    if (placement.existing().isEmpty()) {
      return new Outcome.Problem(
          what
              + " names a snapshot that exists, but the share has no volume yet ("
              + placement.volume()
              + " is bound or made by this plan, with no snapshots); valid: name existing"
              + " snapshots of a share that is bound or adopts its volume",
          List.of());
    }
    List<Snapshot> matching = existing.stream().filter(s -> s.name().startsWith(prefix)).toList();
    // A snapshot the file will have gluster-shares make must not start with it either: the next
    // plan would find two.
    List<String> planned = new ArrayList<>();
    for (SnapshotSpec other : share.snapshots()) {
      String ours = Identity.snapshotName(stack, share.name(), other.name());
      if (other.gluster().isEmpty()
          && ours.startsWith(prefix)
          && matching.stream().noneMatch(s -> s.name().equals(ours))) {
        planned.add(ours + " (to be made for '" + other.name() + "')");
      }
    }
    if (matching.size() == 1 && planned.isEmpty()) {
      return new Outcome.Found(matching.get(0));
    }
    List<String> names =
        new ArrayList<>(matching.stream().map(s -> Printable.line(s.name())).toList());
    names.addAll(planned);
    if (names.isEmpty()) {
      List<String> there = existing.stream().map(s -> Printable.line(s.name())).sorted().toList();
      return new Outcome.Problem(
          what
              + ": no snapshot of volume "
              + placement.volume()
              + " starts with it (it has "
              + (there.isEmpty() ? "none" : String.join(", ", there))
              + "); valid: the start of the gluster name of one of them",
          List.of());
    }
    return new Outcome.Problem(
        what
            + ": "
            + names.size()
            + " snapshots of volume "
            + placement.volume()
            + " start with it ("
            + String.join(", ", names.stream().sorted().toList())
            + "); valid: a prefix only one of them starts with, such as its whole name",
        matching);
  }

  /** The gluster name a {@code gluster:} entry of the share names, when it names exactly one. */
  static Optional<Snapshot> found(
      String stack,
      ShareSpec share,
      SnapshotSpec snapshot,
      Placement placement,
      List<Snapshot> existing) {
    return resolve(stack, share, snapshot, placement, existing) instanceof Outcome.Found f
        ? Optional.of(f.snapshot())
        : Optional.empty();
  }
}

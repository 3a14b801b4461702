package io.glustershares.plan;

import java.util.Optional;
import java.util.OptionalInt;

/** Who a volume belongs to, decided from the tags on the volume itself (SPEC §3). */
public sealed interface VolumeRole {

  /** In the pool, ready, bound by nobody. */
  record Free(OptionalInt size) implements VolumeRole {}

  /** In the pool by name, but not usable yet. */
  record NotReady(OptionalInt size, String reason) implements VolumeRole {}

  /** Bound to a share of this stack. */
  record Share(String share, boolean isClone, OptionalInt size) implements VolumeRole {}

  /**
   * A clone volume ({@code manila-<uuid>}) whose creation was interrupted before it was tagged: it
   * still carries its parent's tags. {@code share} names the share of the file it was made for;
   * empty when no share of the file has that UUID any more (an orphan).
   */
  record PendingClone(Optional<String> share, String uuid) implements VolumeRole {}

  /** Bound by someone else: never modified, never chosen. */
  record Foreign(String reason, Optional<String> manilaShare, Optional<String> owner)
      implements VolumeRole {}

  /**
   * Once a share of this stack, released by the file ({@code state: released}): still bound (its
   * {@code user.manila-share} is the share's UUID), no longer ours. Like a foreign volume, never
   * modified and never chosen.
   */
  record Released(String share, String manilaShare) implements VolumeRole {}

  /** Neither ours, nor foreign, nor matching the pool pattern. */
  record OutsidePattern() implements VolumeRole {}
}

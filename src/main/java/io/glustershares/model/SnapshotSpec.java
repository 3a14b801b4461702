package io.glustershares.model;

import java.util.Optional;

/**
 * A snapshot a share should have.
 *
 * @param name its name in the file (what {@code fromSnapshot} and plans call it)
 * @param gluster for a snapshot that exists already under a name gluster-shares did not give it
 *     (Manila's {@code manila-<uuid>_GMT-…}): the start of that gluster name, as Manila finds its
 *     snapshots ({@code snapshot list VOL}, then the one name that starts with it). Such a snapshot
 *     is never created and never renamed; empty for the snapshots gluster-shares names itself
 *     ({@code manila-<uuid5 of stack/share/name>})
 */
public record SnapshotSpec(String name, Optional<String> gluster) {

  public SnapshotSpec(String name) {
    this(name, Optional.empty());
  }

  /** Whether {@code s}, a snapshot of the share's volume, may be this one. */
  public boolean mayBe(String stack, String share, Snapshot s) {
    return gluster
        .map(prefix -> s.name().startsWith(prefix))
        .orElseGet(() -> Identity.snapshotName(stack, share, name).equals(s.name()));
  }
}

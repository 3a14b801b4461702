package io.glustershares.plan;

import io.glustershares.model.SnapshotRef;
import java.util.Optional;

/**
 * What an action is about: a share, a snapshot of a share, a share made from a snapshot, or an
 * unfinished clone no share claims. Its {@link #label()} is what plans print after the action's
 * type and what the action's id is made of ({@code create_snapshot:analytics/nightly}).
 */
public sealed interface Subject {

  /** The share as plans name it. */
  String share();

  /** The snapshot made or deleted, or for a clone the snapshot it is made from. */
  Optional<String> snapshot();

  /** As plans print it: {@code analytics}, {@code analytics/nightly}. */
  String label();

  /** A share: its binding, adoption, access, security, or deletion. */
  record Share(String name) implements Subject {
    @Override
    public String share() {
      return name;
    }

    @Override
    public Optional<String> snapshot() {
      return Optional.empty();
    }

    @Override
    public String label() {
      return name;
    }
  }

  /** A snapshot of a share, by its name in the file (or gluster's, for one not made by us). */
  record Snapshot(String share, String name) implements Subject {
    @Override
    public Optional<String> snapshot() {
      return Optional.of(name);
    }

    @Override
    public String label() {
      return share + "/" + name;
    }
  }

  /**
   * A share made from a snapshot of another share.
   *
   * @param resumed it finishes a clone that an interrupted apply left (tags and starts the volume)
   *     rather than cloning the snapshot
   */
  record Clone(String share, SnapshotRef from, boolean resumed) implements Subject {
    @Override
    public Optional<String> snapshot() {
      return Optional.of(from.snapshot());
    }

    @Override
    public String label() {
      return share;
    }
  }

  /** A clone volume left by an interrupted apply whose share is no longer in the file. */
  record OrphanClone() implements Subject {
    @Override
    public String share() {
      return "(orphan clone)";
    }

    @Override
    public Optional<String> snapshot() {
      return Optional.empty();
    }

    @Override
    public String label() {
      return share();
    }
  }
}

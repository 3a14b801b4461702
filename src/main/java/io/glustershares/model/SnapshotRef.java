package io.glustershares.model;

/** A snapshot of a share in the file: the origin of a share created from a snapshot. */
public record SnapshotRef(String share, String snapshot) {

  @Override
  public String toString() {
    return share + "/" + snapshot;
  }
}

package io.glustershares.plan;

import java.util.Optional;

/**
 * Where an action runs: its cluster and volume, and the volume's export location ({@code
 * HOST:/VOLUME}) when the action makes or changes what tenants mount.
 */
public record Place(String cluster, String volume, Optional<String> exportLocation) {

  /** A volume whose export location the action does not speak of (a snapshot, a deleted clone). */
  public static Place of(String cluster, String volume) {
    return new Place(cluster, volume, Optional.empty());
  }

  public static Place exported(String cluster, String volume, String exportLocation) {
    return new Place(cluster, volume, Optional.of(exportLocation));
  }
}

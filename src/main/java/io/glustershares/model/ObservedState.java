package io.glustershares.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What the clusters hold, read by one refresh. Keyed by cluster name, in file order. */
public record ObservedState(Map<String, ObservedCluster> clusters) {

  public ObservedState {
    clusters = Collections.unmodifiableMap(new LinkedHashMap<>(clusters));
  }

  public Optional<ObservedCluster> cluster(String name) {
    return Optional.ofNullable(clusters.get(name));
  }
}

package io.glustershares.plan;

import io.glustershares.model.Volume;
import java.util.Optional;

/**
 * Where a present share of the file is, or will be once this plan is applied.
 *
 * @param existing the volume as observed when the share is bound to it already or adopts it: its
 *     access and security are then converged by their own actions; empty for a volume this plan
 *     binds or clones, whose one action secures it
 */
record Placement(String cluster, String volume, Optional<Volume> existing) {

  static Placement existing(Located at) {
    return new Placement(at.cluster(), at.volume().name(), Optional.of(at.volume()));
  }

  static Placement made(String cluster, String volume) {
    return new Placement(cluster, volume, Optional.empty());
  }
}

package io.glustershares.plan;

import io.glustershares.model.Volume;

/** A volume as observed, and the cluster it is on. */
record Located(String cluster, Volume volume) {

  /** {@code pool-3G-1 on cluster 'east'}, for messages. */
  String where() {
    return volume.name() + " on cluster '" + cluster + "'";
  }
}

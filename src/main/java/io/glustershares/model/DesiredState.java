package io.glustershares.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The desired-state file, validated. Clusters are keyed by name in file order; shares keep file
 * order too, so that everything printed follows the file.
 *
 * @param source the file as the user named it, for messages
 * @param digest the SHA-256 of the file's bytes and of every certificate it read, hex
 */
public record DesiredState(
    String source,
    String digest,
    String apiVersion,
    String stack,
    VolumePattern volumePattern,
    Map<String, ClusterSpec> clusters,
    String mountBase,
    TlsPolicy tls,
    List<ShareSpec> shares) {

  public static final String API_VERSION = "gluster-shares/v1";
  public static final String DEFAULT_MOUNT_BASE = "/var/lib/gluster-shares/mnt";

  public DesiredState {
    clusters = Collections.unmodifiableMap(new LinkedHashMap<>(clusters));
    shares = List.copyOf(shares);
  }

  public Optional<ShareSpec> share(String name) {
    return shares.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  public int accessEntryCount() {
    return shares.stream().mapToInt(s -> s.access().size()).sum();
  }

  public int snapshotCount() {
    return shares.stream().mapToInt(s -> s.snapshots().size()).sum();
  }
}

package io.glustershares.model;

import java.util.List;
import java.util.Optional;

/**
 * One cluster as read: its gluster version, every volume with its options, and its snapshots.
 *
 * @param host the server host name, used in export locations ({@code HOST:/VOLUME})
 * @param snapshotsUnavailable why gluster's snapshot commands do not work on this cluster (e.g. LVM
 *     tools missing), if they do not
 * @param certificateCns the subject CNs of the TLS certificates found where gluster reads them on
 *     the host that runs the cluster's gluster commands; empty when they were not read (the file
 *     declares the cluster's infrastructure CNs) or none was found
 */
public record ObservedCluster(
    String name,
    String host,
    GlusterVersion version,
    List<Volume> volumes,
    List<Snapshot> snapshots,
    Optional<String> snapshotsUnavailable,
    List<String> certificateCns) {

  public ObservedCluster {
    volumes = List.copyOf(volumes);
    snapshots = List.copyOf(snapshots);
    certificateCns = List.copyOf(certificateCns);
  }

  public Optional<Volume> volume(String volumeName) {
    return volumes.stream().filter(v -> v.name().equals(volumeName)).findFirst();
  }

  public List<Snapshot> snapshotsOf(String volumeName) {
    return snapshots.stream().filter(s -> s.originVolume().equals(volumeName)).toList();
  }

  public Optional<Snapshot> snapshot(String snapshotName) {
    return snapshots.stream().filter(s -> s.name().equals(snapshotName)).findFirst();
  }

  public String exportLocation(String volumeName) {
    return host + ":/" + volumeName;
  }
}

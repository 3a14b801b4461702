package io.glustershares.model;

import java.util.List;
import java.util.Optional;

/**
 * One cluster as read: its gluster version, every volume with its options, its snapshots, its
 * servers (peers) and what gluster reports of its bricks.
 *
 * @param host the server host name, used in export locations ({@code HOST:/VOLUME})
 * @param snapshotsUnavailable why gluster's snapshot commands do not work on this cluster (e.g. LVM
 *     tools missing), if they do not
 * @param certificateCns the subject CNs of the TLS certificates found where gluster reads them on
 *     the host that runs the cluster's gluster commands; empty when they were not read (the file
 *     declares the cluster's infrastructure CNs) or none was found
 * @param peers every server of the cluster, the one the commands run on included ({@code pool
 *     list}); empty only where nothing was read (then it counts as one server)
 * @param brickStates what {@code volume status all} reports of the bricks of started volumes
 */
public record ObservedCluster(
    String name,
    String host,
    GlusterVersion version,
    List<Volume> volumes,
    List<Snapshot> snapshots,
    Optional<String> snapshotsUnavailable,
    List<String> certificateCns,
    List<Peer> peers,
    List<BrickState> brickStates) {

  public ObservedCluster {
    volumes = List.copyOf(volumes);
    snapshots = List.copyOf(snapshots);
    certificateCns = List.copyOf(certificateCns);
    peers = List.copyOf(peers);
    brickStates = List.copyOf(brickStates);
  }

  /** How many servers the cluster has. */
  public int servers() {
    return Math.max(1, peers.size());
  }

  public List<Peer> disconnectedPeers() {
    return peers.stream().filter(p -> !p.connected()).toList();
  }

  /**
   * The disconnected peers that hold a brick of the volume. gluster accepts a change of such a
   * volume and reports success, but that peer's brick goes on serving with its old volfile until
   * its glusterd is back. For a volume that is not there (yet), such as a clone still to be made,
   * every disconnected peer: its bricks could be anywhere.
   */
  public List<Peer> disconnectedPeersOf(String volumeName) {
    Optional<Volume> v = volume(volumeName);
    if (v.isEmpty()) {
      return disconnectedPeers();
    }
    List<String> holders = v.get().brickPeers();
    return disconnectedPeers().stream().filter(p -> holders.contains(p.uuid())).toList();
  }

  /** Bricks of started volumes that gluster reports not running. */
  public List<BrickState> offlineBricks() {
    return brickStates.stream().filter(b -> !b.online()).toList();
  }

  /** The name of the peer with this UUID, or the UUID when no peer has it. */
  public String peerName(String uuid) {
    return peers.stream()
        .filter(p -> p.uuid().equals(uuid))
        .map(Peer::hostname)
        .findFirst()
        .orElse(uuid);
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

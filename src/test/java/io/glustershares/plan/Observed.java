package io.glustershares.plan;

import io.glustershares.model.Brick;
import io.glustershares.model.BrickState;
import io.glustershares.model.GlusterVersion;
import io.glustershares.model.Identity;
import io.glustershares.model.ObservedCluster;
import io.glustershares.model.ObservedState;
import io.glustershares.model.Peer;
import io.glustershares.model.Snapshot;
import io.glustershares.model.Volume;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds observed states for planner tests, the way refresh would have read them. */
public final class Observed {

  public static final String READY = "glusterfs-server-1,manila-host";

  private final Map<String, ClusterBuilder> clusters = new LinkedHashMap<>();

  public static Observed state() {
    return new Observed();
  }

  public ClusterBuilder cluster(String name) {
    return clusters.computeIfAbsent(name, n -> new ClusterBuilder(this, n));
  }

  public ObservedState build() {
    Map<String, ObservedCluster> out = new LinkedHashMap<>();
    clusters.forEach((name, b) -> out.put(name, b.cluster()));
    return new ObservedState(out);
  }

  /** The options of a secured share volume of stack {@code stack}. */
  public static Map<String, String> share(String stack, String share, String... tenants) {
    Map<String, String> o = new LinkedHashMap<>();
    o.put(Identity.MANILA_SHARE, Identity.shareUuid(stack, share).toString());
    o.put(Identity.OWNER, stack);
    o.put(Identity.NAME, share);
    o.put("auth.ssl-allow", READY + (tenants.length == 0 ? "" : "," + String.join(",", tenants)));
    o.putAll(Security.SECURED);
    return o;
  }

  public static Map<String, String> with(Map<String, String> base, String... kv) {
    Map<String, String> o = new LinkedHashMap<>(base);
    for (int i = 0; i < kv.length; i += 2) {
      o.put(kv[i], kv[i + 1]);
    }
    return o;
  }

  public static final class ClusterBuilder {
    private final Observed parent;
    private final String name;
    private GlusterVersion version = new GlusterVersion(10, 3, "10.3");
    private final List<Volume> volumes = new ArrayList<>();
    private final List<Snapshot> snapshots = new ArrayList<>();
    private Optional<String> unavailable = Optional.empty();
    // As if the host's certificates were read (the files of these tests declare no list).
    private List<String> certificateCns = List.of("glusterfs-server-1", "manila-host");
    // The servers: NAME-1 (where the commands run) and those added; every volume has a brick on
    // each unless told otherwise.
    private final List<String> servers = new ArrayList<>();
    private final Set<String> down = new HashSet<>();
    private final Map<String, List<String>> bricksOn = new LinkedHashMap<>();
    private final List<BrickState> offline = new ArrayList<>();

    ClusterBuilder(Observed parent, String name) {
      this.parent = parent;
      this.name = name;
      servers.add(name + "-1");
    }

    /** More servers (peers) of the cluster. */
    public ClusterBuilder servers(String... more) {
      servers.addAll(List.of(more));
      return this;
    }

    /** A server whose glusterd does not answer the others: pool list says it is disconnected. */
    public ClusterBuilder disconnected(String server) {
      down.add(server);
      return this;
    }

    /** gluster reports that server's brick of the (started) volume not running. */
    public ClusterBuilder brickDown(String volume, String server) {
      offline.add(new BrickState(volume, server + ":/bricks/" + volume, uuid(server), false));
      return this;
    }

    /** The volume's bricks are on these servers only. */
    public ClusterBuilder bricksOn(String volume, String... on) {
      bricksOn.put(volume, List.of(on));
      return this;
    }

    public static String uuid(String server) {
      return "uuid-" + server;
    }

    public ClusterBuilder version(int major, int minor) {
      version = new GlusterVersion(major, minor, major + "." + minor);
      return this;
    }

    public ClusterBuilder free(String... names) {
      for (String n : names) {
        volume(n, Volume.Status.STARTED, Map.of("auth.ssl-allow", READY));
      }
      return this;
    }

    public ClusterBuilder volume(String volume, Map<String, String> options) {
      return volume(volume, Volume.Status.STARTED, options);
    }

    public ClusterBuilder volume(String volume, Volume.Status status, Map<String, String> options) {
      Map<String, String> all = new LinkedHashMap<>(options);
      all.putIfAbsent("nfs.disable", "on");
      volumes.add(new Volume(volume, "id-" + volume, status, List.of(), all, 0));
      return this;
    }

    public ClusterBuilder snapshot(
        String snapshot, String origin, String description, boolean activated) {
      snapshots.add(
          new Snapshot(
              snapshot, "sid-" + snapshot, description, "2026-01-01 00:00:00", origin, activated));
      return this;
    }

    /** The CNs of the certificates found on the cluster's host. */
    public ClusterBuilder certificates(String... cns) {
      certificateCns = List.of(cns);
      return this;
    }

    public ClusterBuilder snapshotsUnavailable(String why) {
      unavailable = Optional.of(why);
      return this;
    }

    public Observed and() {
      return parent;
    }

    public ObservedCluster cluster() {
      List<Volume> made = new ArrayList<>();
      for (Volume v : volumes) {
        List<Brick> bricks = new ArrayList<>();
        for (String server : bricksOn.getOrDefault(v.name(), servers)) {
          bricks.add(new Brick(server, "/bricks/" + v.name(), uuid(server)));
        }
        made.add(new Volume(v.name(), v.id(), v.status(), bricks, v.options(), v.snapshotCount()));
      }
      List<Peer> peers = new ArrayList<>();
      for (String server : servers) {
        peers.add(
            new Peer(uuid(server), server, !down.contains(server), server.equals(name + "-1")));
      }
      return new ObservedCluster(
          name, name + "-1", version, made, snapshots, unavailable, certificateCns, peers, offline);
    }
  }
}

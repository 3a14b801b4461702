package io.glustershares.it.estate;

import io.glustershares.gluster.GlusterClient;
import io.glustershares.gluster.GlusterException;
import io.glustershares.gluster.GlusterXml;
import io.glustershares.model.GlusterArgv;
import io.glustershares.model.Identity;
import io.glustershares.model.Volume;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One gluster cluster of the estate (its nodes are peers of each other and of nothing else), and
 * the volumes tests make on it. Test volumes are replicated over every node unless asked otherwise;
 * names are the tests' own (a unique prefix per test), and {@link #deleteVolumes(String)} removes
 * them with their bricks.
 */
public final class Cluster {

  /** How a test volume's bricks are laid out. */
  public enum Layout {
    /** One brick on every node: replica 3 on east, replica 2 on west. */
    REPLICA,
    /** One brick, on the first node (what the simulator models today). */
    SINGLE_BRICK
  }

  private static final Pattern NODE_BLOCK = Pattern.compile("<node>(.*?)</node>", Pattern.DOTALL);

  private final String name;
  private final List<Node> nodes;
  private final String managingCn;
  private final GlusterClient client;

  Cluster(String name, List<Node> nodes, String managingCn) {
    this.name = name;
    this.nodes = List.copyOf(nodes);
    this.managingCn = managingCn;
    this.client =
        new GlusterClient(
            name,
            new NamespaceRunner(nodes.get(0)),
            Duration.ofSeconds(120),
            GlusterClient.Sleeper.REAL);
  }

  public String name() {
    return name;
  }

  public List<Node> nodes() {
    return nodes;
  }

  /** The node the tool talks to ({@code server: root@east-1}). */
  public Node first() {
    return nodes.get(0);
  }

  public Node node(String node) {
    return nodes.stream()
        .filter(n -> n.name().equals(node))
        .findFirst()
        .orElseThrow(() -> new EstateException("no node " + node + " in cluster " + name));
  }

  public int replica() {
    return nodes.size();
  }

  /** The CNs of this cluster's server certificates. */
  public List<String> serverCns() {
    return nodes.stream().map(Node::cn).toList();
  }

  /**
   * The {@code auth.ssl-allow} of a ready pool volume: every server (their self-heal daemons
   * connect with their own certificates) and the managing host, sorted as the tool writes lists.
   */
  public String readyAllow() {
    TreeSet<String> cns = new TreeSet<>(serverCns());
    cns.add(managingCn);
    return String.join(",", cns);
  }

  /** The product's gluster client, on this cluster's first node (no SSH). */
  public GlusterClient client() {
    return client;
  }

  /** {@code gluster --xml ARGS} on the first node; fails unless gluster says {@code opRet 0}. */
  public String gluster(String... args) {
    List<String> argv = new ArrayList<>(List.of("gluster", "--xml", "--mode=script"));
    argv.addAll(List.of(args));
    Exec.Result r = first().namespace().exec(argv, Duration.ofSeconds(120));
    if (!r.out().contains("<opRet>0</opRet>")) {
      throw new EstateException("cluster " + name + ": " + r);
    }
    return r.out();
  }

  // ---------------------------------------------------------------- volumes

  /** Creates and starts a replicated volume with {@code options} set (in one call). */
  public void createVolume(String volume, Map<String, String> options) {
    createVolume(volume, Layout.REPLICA, options);
  }

  public void createVolume(String volume, Layout layout, Map<String, String> options) {
    List<String> args = new ArrayList<>(List.of("volume", "create", volume));
    List<Node> on = layout == Layout.REPLICA ? nodes : List.of(first());
    if (on.size() > 1) {
      args.addAll(List.of("replica", String.valueOf(on.size())));
    }
    for (Node n : on) {
      args.add(n.name() + ":/srv/bricks/" + volume);
    }
    // Bricks on the root file system need force.
    args.add("force");
    gluster(args.toArray(String[]::new));
    if (!options.isEmpty()) {
      set(volume, options);
    }
    gluster("volume", "start", volume);
    awaitBricks(volume, on.size());
  }

  /**
   * Creates {@code count} ready pool volumes {@code PREFIX-SIZEG-N} (N from 1) of one size: the
   * shape {@code volumePattern: 'PREFIX-#{size}G-\d+$'} matches.
   *
   * @return their names
   */
  public List<String> createPool(String prefix, int sizeGb, int count) {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      String v = prefix + "-" + sizeGb + "G-" + i;
      createVolume(v, Map.of("auth.ssl-allow", readyAllow()));
      names.add(v);
    }
    return names;
  }

  /**
   * A volume as OpenStack Manila's GlusterFS Native driver leaves a share (layout_volume
   * create_share, glusterfs_native _setup_via_manager and _update_access_via_manager): one option
   * per call, booleans spelled ON/OFF, a restart for TLS, then the access list sorted.
   */
  public void createManilaVolume(String volume, String manilaUuid, Collection<String> tenants) {
    createVolume(volume, Map.of("auth.ssl-allow", readyAllow()));
    gluster("volume", "set", volume, Identity.MANILA_SHARE, manilaUuid);
    gluster("volume", "set", volume, "nfs.export-volumes", "OFF");
    gluster("volume", "set", volume, "client.ssl", "ON");
    gluster("volume", "set", volume, "server.ssl", "ON");
    gluster("volume", "set", volume, "server.dynamic-auth", "ON");
    gluster("volume", "stop", volume);
    gluster("volume", "start", volume);
    awaitBricks(volume, replica());
    TreeSet<String> allow = new TreeSet<>(serverCns());
    allow.add(managingCn);
    allow.addAll(tenants);
    gluster("volume", "set", volume, "auth.ssl-allow", String.join(",", allow));
  }

  /** Sets options in one {@code volume set} (all or none, as gluster applies them). */
  public void set(String volume, Map<String, String> options) {
    List<String> args = new ArrayList<>(List.of("volume", "set", volume));
    options.forEach(
        (k, v) -> {
          args.add(k);
          args.add(v);
        });
    gluster(args.toArray(String[]::new));
  }

  /** The volume as the product parses it. */
  public Volume volume(String volume) {
    try {
      return GlusterXml.volumes(client.xml(GlusterArgv.volumeInfo(volume), Optional.of(volume)))
          .get(0);
    } catch (GlusterException e) {
      throw new EstateException(e.getMessage(), e);
    }
  }

  /** Names of this cluster's volumes. */
  public List<String> volumeNames() {
    Matcher m = Pattern.compile("<volume>([^<]+)</volume>").matcher(gluster("volume", "list"));
    List<String> names = new ArrayList<>();
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /**
   * Waits until the first node's {@code pool list} shows {@code node} connected, or not: glusterd
   * notices a peer's glusterd stopping at once, and its return within seconds.
   */
  public void awaitPeer(Node node, boolean connected) {
    Poll.until(
        Duration.ofSeconds(60),
        first().name() + " to see " + node.name() + (connected ? " connected" : " disconnected"),
        () -> {
          try {
            return client.peers().stream()
                .anyMatch(p -> p.hostname().equals(node.name()) && p.connected() == connected);
          } catch (GlusterException e) {
            return false;
          }
        });
  }

  /** The brick processes of {@code volume} that gluster reports online, by node. */
  public Map<String, Long> brickPids(String volume) {
    Map<String, Long> pids = new LinkedHashMap<>();
    Matcher block = NODE_BLOCK.matcher(gluster("volume", "status", volume));
    while (block.find()) {
      String b = block.group(1);
      if (b.contains("<path>/srv/bricks/") && b.contains("<status>1</status>")) {
        pids.put(tag(b, "hostname"), Long.parseLong(tag(b, "pid")));
      }
    }
    return pids;
  }

  private static String tag(String xml, String tag) {
    Matcher m = Pattern.compile("<" + tag + ">([^<]*)</" + tag + ">").matcher(xml);
    return m.find() ? m.group(1) : "";
  }

  private void awaitBricks(String volume, int count) {
    Poll.until(
        Duration.ofSeconds(60),
        "the " + count + " bricks of " + volume + " on " + name,
        () -> brickPids(volume).size() == count);
  }

  /** What each node's brick of {@code volume} holds (see {@link Node#brickFiles}). */
  public Map<String, List<String>> brickFiles(String volume) {
    Map<String, List<String>> files = new LinkedHashMap<>();
    for (Node n : nodes) {
      files.put(n.name(), n.brickFiles(volume));
    }
    return files;
  }

  /** Stops and deletes one volume, and removes its bricks on every node. */
  public void deleteVolume(String volume) {
    first()
        .namespace()
        .exec(List.of("gluster", "--mode=script", "volume", "stop", volume, "force"), timeout());
    first()
        .namespace()
        .exec(List.of("gluster", "--mode=script", "volume", "delete", volume), timeout());
    for (Node n : nodes) {
      // A wipe's mount left behind by an interrupted apply would keep the brick busy.
      n.exec(
          "sh", "-c", "umount -l /run/gluster-shares/mnt/\"$1\" 2>/dev/null; true", "sh", volume);
      Exec.ok("rm", "-rf", "--one-file-system", n.brick(volume).toString());
    }
  }

  /** Deletes every volume whose name starts with {@code prefix} (a test's own). */
  public void deleteVolumes(String prefix) {
    for (String v : volumeNames()) {
      if (v.startsWith(prefix)) {
        deleteVolume(v);
      }
    }
  }

  private static Duration timeout() {
    return Duration.ofSeconds(120);
  }

  @Override
  public String toString() {
    return name;
  }
}

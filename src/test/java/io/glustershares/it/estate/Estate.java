package io.glustershares.it.estate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real gluster estate on this one machine, isolated from it: cluster {@code east} (east-1..3,
 * replica 3) and cluster {@code west} (west-1..2, replica 2), each node its own network, mount,
 * UTS, IPC and PID namespaces running glusterd and sshd with its own server certificate from one
 * throwaway CA; a managing host ({@code manila}, certificate {@code manila-host}) where the tool
 * runs; tenants made on demand. Nothing of the host is read or written beyond this estate's
 * directory, and {@link #down()} proves that nothing of it is left.
 */
public final class Estate implements AutoCloseable {

  public static final String MANAGING_CN = "manila-host";

  private final Instance instance;
  private final HostFingerprint before;
  private final Machines machines;
  private final TestCa ca;
  private final SshKeys ssh;
  private final Tool tool;
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Map<String, Cluster> clusters = new LinkedHashMap<>();
  private final Map<String, ManagingHost> managing = new ConcurrentHashMap<>();
  private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();
  private final AtomicInteger nextIp = new AtomicInteger(100);
  private final AtomicInteger nextWork = new AtomicInteger();
  private List<String> downResult;

  private Estate(Instance instance, HostFingerprint before) {
    this.instance = instance;
    this.before = before;
    this.machines = new Machines(instance);
    this.ca = TestCa.create("estate-ca", instance.dir().resolve("tls"));
    this.ssh = SshKeys.create(instance.dir().resolve("ssh"), shape(instance));
    this.tool = new Tool(instance.dir().resolve("tool.jsa"));
  }

  /** The nodes: cluster east of three, cluster west of two. */
  static List<Node.Spec> shape(Instance instance) {
    String net = instance.subnet();
    return List.of(
        new Node.Spec("east-1", "east", net + ".11"),
        new Node.Spec("east-2", "east", net + ".12"),
        new Node.Spec("east-3", "east", net + ".13"),
        new Node.Spec("west-1", "west", net + ".21"),
        new Node.Spec("west-2", "west", net + ".22"));
  }

  /**
   * Builds a whole estate: about 8 s on two cores. Clears what a crashed earlier run of the same
   * instance left; on failure, tears down what it made.
   */
  public static Estate up() {
    return up(Instance.take());
  }

  /** Builds an estate as the given instance (which it then owns). */
  static Estate up(Instance instance) {
    long t0 = System.nanoTime();
    Estate estate = null;
    try {
      Remains.clear(instance);
      HostFingerprint before = HostFingerprint.take();
      Remains.mark(instance.dir());
      estate = new Estate(instance, before);
      estate.build();
      log(instance, String.format("up in %.1f s at %s", secs(t0), instance.dir()));
      return estate;
    } catch (RuntimeException e) {
      if (estate != null) {
        estate.down();
      } else {
        instance.close();
      }
      throw e;
    }
  }

  private void build() {
    writeNetworkFiles();
    machines.bridge();
    List<Callable<Object>> starts = new ArrayList<>();
    starts.add(
        () -> {
          ManagingHost m = makeManaging("manila", instance.subnet() + ".2", MANAGING_CN);
          managing.put(m.name(), m);
          return m;
        });
    for (Node.Spec spec : shape(instance)) {
      starts.add(
          () -> {
            Namespace ns = machines.make(spec.name(), "node", spec.ip());
            Node node =
                new Node(spec, ns, instance.dir().resolve("ns").resolve(spec.name()), ssh, tool);
            node.installTls(ca.issue(node.cn()));
            node.writeSshdConfig();
            node.startGlusterd();
            node.startSshd();
            return node;
          });
    }
    for (Object made : Threads.all(starts)) {
      if (made instanceof Node n) {
        nodes.put(n.name(), n);
      }
    }
    for (String c : List.of("east", "west")) {
      clusters.put(
          c,
          new Cluster(
              c, nodes.values().stream().filter(n -> n.cluster().equals(c)).toList(), MANAGING_CN));
    }
    Threads.all(
        clusters.values().stream()
            .map(c -> (Callable<Object>) () -> ClusterFormation.form(c))
            .toList());
  }

  private void writeNetworkFiles() {
    StringBuilder hosts =
        new StringBuilder("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n");
    hosts.append(instance.subnet()).append(".2\tmanila\n");
    for (Node.Spec n : shape(instance)) {
      hosts.append(n.ip()).append('\t').append(n.name()).append('\n');
    }
    try {
      Files.writeString(instance.dir().resolve("hosts"), hosts);
      // No name server is reachable, or wanted: names come from the hosts file only.
      Files.writeString(instance.dir().resolve("resolv.conf"), "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ManagingHost makeManaging(String name, String ip, String cn) {
    Namespace ns = machines.make(name, "client", ip);
    Tls.install(ns, ca.issue(cn));
    return new ManagingHost(ns, cn, ip, tool);
  }

  // ---------------------------------------------------------------- what tests use

  public int id() {
    return instance.id();
  }

  /** This estate's directory on the host. */
  public Path dir() {
    return instance.dir();
  }

  /** A volume-name prefix no earlier run used: tests name their volumes with it. */
  public static String uniquePrefix() {
    return "gsit" + UUID.randomUUID().toString().substring(0, 6);
  }

  public Cluster cluster(String name) {
    Cluster c = clusters.get(name);
    if (c == null) {
      throw new EstateException("no cluster " + name + " (there are " + clusters.keySet() + ")");
    }
    return c;
  }

  public List<Cluster> clusters() {
    return List.copyOf(clusters.values());
  }

  public Node node(String name) {
    Node n = nodes.get(name);
    if (n == null) {
      throw new EstateException("no node " + name + " (there are " + nodes.keySet() + ")");
    }
    return n;
  }

  public List<Node> nodes() {
    return List.copyOf(nodes.values());
  }

  /** The managing host {@code manila} (certificate {@code manila-host}). */
  public ManagingHost managing() {
    return managing.get("manila");
  }

  /** Another managing host, made on first use, with its own namespace and certificate. */
  public ManagingHost managing(String name, String cn) {
    return managing.computeIfAbsent(
        name, n -> makeManaging(n, instance.subnet() + "." + nextIp.getAndIncrement(), cn));
  }

  /** The tenant machine presenting {@code cn}, made on first use. */
  public Tenant tenant(String cn) {
    return tenants.computeIfAbsent(
        cn,
        c -> {
          Namespace ns =
              machines.make(
                  "tenant-" + tenants.size() + "-" + c.replaceAll("[^a-zA-Z0-9-]", "_"),
                  "client",
                  instance.subnet() + "." + nextIp.getAndIncrement());
          Tls.install(ns, ca.issue(c));
          return new Tenant(ns, c);
        });
  }

  /** The estate's CA: certificates for any CN, valid or expired. */
  public TestCa ca() {
    return ca;
  }

  /** A CA the estate does not trust. */
  public TestCa foreignCa(String name) {
    return TestCa.create(name, instance.dir().resolve("tls-" + name));
  }

  public SshKeys ssh() {
    return ssh;
  }

  /** A fresh directory for one test's files, visible at the same path in every namespace. */
  public Path workDir(String label) {
    Path dir = instance.dir().resolve("work").resolve(label + "-" + nextWork.incrementAndGet());
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A desired-state file over this estate. */
  public DesiredYaml desired() {
    return new DesiredYaml(ssh);
  }

  /** Deletes every volume of every cluster whose name starts with {@code prefix}. */
  public void deleteVolumes(String prefix) {
    for (Cluster c : clusters.values()) {
      c.deleteVolumes(prefix);
    }
  }

  /**
   * What changed so far in the host paths the estate must never write (see {@link
   * HostFingerprint}).
   */
  public List<String> hostChanges() {
    return HostFingerprint.take().changesSince(before);
  }

  // ---------------------------------------------------------------- tear-down

  /**
   * Tears everything down: every namespace (and with them every process, mount and veth), the
   * bridge, the directory; then looks for anything left and for any change to the watched host
   * paths.
   *
   * @return one line per thing left or changed; empty when the host is as it was
   */
  public synchronized List<String> down() {
    if (downResult != null) {
      return downResult;
    }
    long t0 = System.nanoTime();
    List<String> problems = new ArrayList<>();
    Set<String> namespaces = new TreeSet<>();
    List<Callable<Object>> closes = new ArrayList<>();
    for (Namespace ns : machines.made()) {
      namespaces.addAll(ns.namespaces());
      closes.add(
          () -> {
            ns.close();
            return ns;
          });
    }
    try {
      Threads.all(closes);
      machines.removeBridge();
      Remains.removeDirectory(instance);
    } catch (RuntimeException e) {
      problems.add("tear-down failed: " + e.getMessage());
    }
    problems.addAll(Remains.of(instance, namespaces));
    problems.addAll(HostFingerprint.take().changesSince(before));
    instance.close();
    log(
        instance,
        String.format("down in %.1f s", secs(t0))
            + (problems.isEmpty() ? ", nothing left" : ", LEFT: " + problems));
    downResult = List.copyOf(problems);
    return downResult;
  }

  @Override
  public void close() {
    down();
  }

  private static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  static void log(Instance instance, String message) {
    System.out.println("[estate " + instance.id() + "] " + message);
  }
}

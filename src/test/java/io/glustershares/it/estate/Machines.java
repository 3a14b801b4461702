package io.glustershares.it.estate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Makes the estate's machines: namespaces with a veth on the estate's bridge and their private
 * mounts ({@code namespace-setup.sh}). Remembers every namespace it made, so that tear-down can
 * prove none is left.
 */
final class Machines {

  private static final String SETUP = resource("namespace-setup.sh");

  private final Instance instance;
  private final Optional<String> gsyncd = gsyncd();
  private final AtomicInteger links = new AtomicInteger();
  private final List<Namespace> made = new ArrayList<>();

  Machines(Instance instance) {
    this.instance = instance;
  }

  /** The private bridge all machines hang on; the host itself has no address on it. */
  void bridge() {
    Exec.ok("ip", "link", "add", instance.bridge(), "type", "bridge");
    Exec.ok("ip", "link", "set", instance.bridge(), "up");
  }

  void removeBridge() {
    // The veth ends on the host vanish with their network namespaces, a moment after: the kernel
    // frees a namespace on a work queue, which on a loaded machine can take longer than the wait.
    // Whatever end is still there then is deleted here (which deletes its pair), so that tear-down
    // never depends on how busy the kernel is.
    if (!Poll.within(Duration.ofSeconds(5), () -> veths().isEmpty())) {
      for (String veth : veths()) {
        Exec.run(List.of("ip", "link", "del", veth), Duration.ofSeconds(10));
      }
      Poll.until(Duration.ofSeconds(20), "the estate's veth links to go", () -> veths().isEmpty());
    }
    if (Files.exists(Path.of("/sys/class/net", instance.bridge()))) {
      Exec.ok("ip", "link", "del", instance.bridge());
    }
  }

  private List<String> veths() {
    try (Stream<Path> l = Files.list(Path.of("/sys/class/net"))) {
      return l.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(instance.linkPrefix() + "v"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A new machine.
   *
   * @param kind {@code node} (glusterd's state, bricks, no geo-replication) or {@code client}
   * @param ip its address on the bridge
   */
  Namespace make(String name, String kind, String ip) {
    Path dir = instance.dir().resolve("ns").resolve(name);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Namespace ns = Namespace.start(instance.marker(), name, dir.resolve("holder.log"));
    synchronized (made) {
      made.add(ns);
    }
    String veth = instance.linkPrefix() + "v" + links.incrementAndGet();
    Exec.ok(
        "ip", "link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", "" + ns.pid());
    Exec.ok("ip", "link", "set", veth, "master", instance.bridge(), "up");
    ns.exec(
            List.of(
                "bash",
                "-c",
                SETUP,
                "namespace-setup",
                name,
                kind,
                dir.toString(),
                instance.dir().toString(),
                ip + "/24",
                kind.equals("node") ? gsyncd.orElse("") : ""),
            Duration.ofSeconds(60))
        .orThrow();
    return ns;
  }

  /** Every namespace made so far. */
  List<Namespace> made() {
    synchronized (made) {
      return List.copyOf(made);
    }
  }

  private static Optional<String> gsyncd() {
    List<Path> candidates =
        new ArrayList<>(
            List.of(
                Path.of("/usr/libexec/glusterfs/gsyncd"),
                Path.of("/usr/lib/glusterfs/gsyncd"),
                Path.of("/usr/lib64/glusterfs/gsyncd")));
    try (Stream<Path> dirs = Files.list(Path.of("/usr/lib"))) {
      dirs.forEach(d -> candidates.add(d.resolve("glusterfs/gsyncd")));
    } catch (IOException e) {
      // No /usr/lib subdirectories to look in.
    }
    return candidates.stream().filter(Files::isRegularFile).map(Path::toString).findFirst();
  }

  private static String resource(String name) {
    try (InputStream in = Machines.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is not on the test class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.glustershares.it.estate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A FUSE mount of a share, made inside a client's namespace with {@code mount -t glusterfs}, so
 * with that namespace's own certificate. The test reads and writes it from the host through the
 * namespace's {@code /proc/PID/root}: a refused or cut-off client shows as the I/O error a tenant
 * would see.
 */
public final class Mount {

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final Namespace ns;
  private final String point;
  private final String export;

  private Mount(Namespace ns, String point, String export) {
    this.ns = ns;
    this.point = point;
    this.export = export;
  }

  /**
   * Mounts {@code export} ({@code HOST:/VOLUME}) in {@code ns}. gluster's client may exit 0 before
   * it is authenticated, so a mount counts only once its root inode is 1 (CLI reference §8.2).
   *
   * @return the mount, or empty when gluster refused it; then nothing stays mounted
   */
  static Optional<Mount> attempt(Namespace ns, String export) {
    String point = "/mnt/m" + COUNTER.incrementAndGet();
    ns.exec("mkdir", "-p", point).orThrow();
    Mount m = new Mount(ns, point, export);
    Exec.Result r =
        ns.exec(List.of("mount", "-t", "glusterfs", export, point), Duration.ofSeconds(60));
    if (r.ok()
        && Poll.within(
            Duration.ofSeconds(15),
            () -> !m.mounted() || ns.exec("stat", "-c", "%i", point).out().strip().equals("1"))
        && m.mounted()) {
      return Optional.of(m);
    }
    m.unmount();
    return Optional.empty();
  }

  /** What was mounted, {@code HOST:/VOLUME}. */
  public String export() {
    return export;
  }

  /** The mount point inside the namespace. */
  public String point() {
    return point;
  }

  /** The mount point as the host reaches it. */
  public Path path() {
    return ns.inside(point);
  }

  public Path file(String relative) {
    return path().resolve(relative);
  }

  public void write(String relative, String text) throws IOException {
    Path f = file(relative);
    if (f.getParent() != null) {
      Files.createDirectories(f.getParent());
    }
    Files.writeString(f, text);
  }

  public String read(String relative) throws IOException {
    return Files.readString(file(relative));
  }

  /** The names at the top of the volume. */
  public List<String> list() {
    try (Stream<Path> files = Files.list(path())) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the FUSE mount is still there (a revoked client unmounts itself). */
  public boolean mounted() {
    return ns.mounts().contains(" " + point + " fuse.glusterfs ");
  }

  /** Waits until the client has lost its mount; whether it did within {@code timeout}. */
  public boolean awaitGone(Duration timeout) {
    return Poll.within(timeout, () -> !mounted());
  }

  /** Unmounts (lazily: a cut-off client must not hang the test); nothing if already gone. */
  public void unmount() {
    if (mounted()) {
      ns.exec("umount", "-l", point);
    }
    Poll.within(Duration.ofSeconds(10), () -> !mounted());
  }
}

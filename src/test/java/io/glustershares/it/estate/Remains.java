package io.glustershares.it.estate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What is left of an estate on the host: processes (found by the marker in their command line or by
 * living in one of its namespaces), network links, mounts and its directory. Used twice: after a
 * tear-down, to prove nothing is left; before a start, to clear what a crashed run of the same
 * instance left.
 */
final class Remains {

  private static final Path MARKER_FILE = Path.of(".gluster-shares-estate");

  private Remains() {}

  /** One line per thing left; empty when nothing is. */
  static List<String> of(Instance instance, Set<String> namespaces) {
    List<String> left = new ArrayList<>();
    for (long pid : processes(instance, namespaces)) {
      left.add("process " + pid + " (" + Namespace.cmdline(pid) + ")");
    }
    for (String link : links(instance)) {
      left.add("network link " + link);
    }
    for (String mount : mounts(instance)) {
      left.add("mount " + mount);
    }
    if (Files.exists(instance.dir())) {
      left.add("directory " + instance.dir());
    }
    return left;
  }

  /**
   * Clears what a crashed earlier run of this instance left. Only ever called while this JVM holds
   * the instance, so nothing here belongs to a live estate.
   */
  static void clear(Instance instance) {
    for (long pid : processes(instance, Set.of())) {
      // A leftover PID 1 takes its whole namespace with it.
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
    Poll.until(
        Duration.ofSeconds(20),
        "the processes of a crashed estate " + instance.id() + " to end",
        () -> processes(instance, Set.of()).isEmpty());
    for (String link : links(instance)) {
      Exec.ok("ip", "link", "del", link);
    }
    removeDirectory(instance);
  }

  /** Removes the estate's directory, but only one that an estate made (it has the marker). */
  static void removeDirectory(Instance instance) {
    Path dir = instance.dir();
    if (!Files.exists(dir)) {
      return;
    }
    if (!Files.exists(dir.resolve(MARKER_FILE))) {
      throw new EstateException(dir + " exists but was not made by an estate; not removing it");
    }
    Exec.ok("rm", "-rf", "--one-file-system", dir.toString());
    // The directory of all estates goes too once the last one is gone.
    try {
      Files.deleteIfExists(dir.getParent());
    } catch (DirectoryNotEmptyException e) {
      // Another estate lives there.
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void mark(Path dir) {
    for (int attempt = 1; ; attempt++) {
      try {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(MARKER_FILE), "made by the gluster-shares test estate\n");
        return;
      } catch (NoSuchFileException e) {
        // Another estate's tear-down removed the shared parent directory just now: make it again.
        if (attempt == 3) {
          throw new UncheckedIOException(e);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static List<Long> processes(Instance instance, Set<String> namespaces) {
    List<Long> found = new ArrayList<>();
    long self = ProcessHandle.current().pid();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.toList()) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        long pid = Long.parseLong(name);
        if (pid == self) {
          continue;
        }
        if (mentions(pid, instance.marker())
            || Namespace.inodes(pid).stream().anyMatch(namespaces::contains)) {
          found.add(pid);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  /** Whether any word of the process's command line contains {@code marker}. */
  private static boolean mentions(long pid, String marker) {
    try {
      String all = new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")));
      return all.contains(marker);
    } catch (IOException e) {
      return false;
    }
  }

  private static List<String> links(Instance instance) {
    try (Stream<Path> links = Files.list(Path.of("/sys/class/net"))) {
      return links
          .map(l -> l.getFileName().toString())
          .filter(l -> l.startsWith(instance.linkPrefix() + "v") || l.equals(instance.bridge()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> mounts(Instance instance) {
    try {
      return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
          .filter(l -> l.contains(instance.dir().toString()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

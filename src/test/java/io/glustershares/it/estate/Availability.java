package io.glustershares.it.estate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Whether this machine can build an estate, and if not, why not (one sentence). */
final class Availability {

  private static final List<String> PROGRAMS =
      List.of(
          "/usr/sbin/glusterd",
          "/usr/sbin/glusterfs",
          "/sbin/mount.glusterfs",
          "/usr/sbin/sshd",
          "/usr/bin/ssh-keygen",
          "/usr/bin/unshare",
          "/usr/bin/nsenter",
          "/usr/bin/perl");

  private Availability() {}

  static Optional<String> problem() {
    if (!System.getProperty("os.name").equals("Linux")) {
      return Optional.of(
          "it needs Linux namespaces (this is " + System.getProperty("os.name") + ")");
    }
    if (!root()) {
      return Optional.of("it needs root (namespaces, mounts, bridges)");
    }
    for (String p : PROGRAMS) {
      if (!Files.isExecutable(Path.of(p))) {
        return Optional.of(
            p
                + " is missing (.ci/run installs glusterfs-server, glusterfs-client,"
                + " openssh-server)");
      }
    }
    if (!Files.exists(Path.of("/dev/fuse"))) {
      return Optional.of("/dev/fuse is missing (FUSE mounts)");
    }
    Optional<Long> hostGlusterd = hostGlusterd();
    if (hostGlusterd.isPresent()) {
      return Optional.of(
          "a glusterd runs on this host (PID "
              + hostGlusterd.get()
              + "): the estate never runs beside the host's own gluster");
    }
    Exec.Result probe =
        Exec.run(
            List.of("unshare", "--net", "--mount", "--uts", "--ipc", "--pid", "--fork", "true"),
            Duration.ofSeconds(20));
    if (!probe.ok()) {
      return Optional.of("namespaces cannot be made here: " + probe.err().strip());
    }
    return Optional.empty();
  }

  private static boolean root() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[1].equals("0"));
    } catch (IOException e) {
      return false;
    }
  }

  /** A glusterd in this host's own PID namespace (estates' glusterds live in their own). */
  private static Optional<Long> hostGlusterd() {
    Path self = Path.of("/proc/self/ns/pid");
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      String ours = Files.readSymbolicLink(self).toString();
      for (Path p : procs.toList()) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          if (Files.readString(p.resolve("comm")).strip().equals("glusterd")
              && Files.readSymbolicLink(p.resolve("ns/pid")).toString().equals(ours)) {
            return Optional.of(Long.parseLong(name));
          }
        } catch (IOException e) {
          // Gone meanwhile.
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}

package io.glustershares.it.estate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The state of the host paths the estate must never write: its TLS files, hosts file, glusterd's
 * state and logs, root's SSH and jgit settings. Taken before the estate starts and compared when it
 * ends: a difference is a bug of the harness or of the product.
 */
public record HostFingerprint(Map<String, String> entries) {

  /** The paths watched (each recursively, those that exist). */
  public static final List<Path> WATCHED =
      List.of(
          Path.of("/etc/ssl"),
          Path.of("/usr/lib/ssl"),
          Path.of("/etc/hosts"),
          Path.of("/etc/resolv.conf"),
          Path.of("/var/lib/glusterd"),
          Path.of("/var/log/glusterfs"),
          Path.of("/root/.ssh"),
          Path.of("/root/.bashrc"),
          Path.of("/root/.config/jgit"));

  public static HostFingerprint take() {
    Map<String, String> entries = new TreeMap<>();
    for (Path root : WATCHED) {
      if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
        entries.put(root.toString(), "absent");
        continue;
      }
      try (Stream<Path> paths = Files.walk(root)) {
        for (Path p : paths.toList()) {
          entries.put(p.toString(), describe(p));
        }
      } catch (IOException e) {
        entries.put(root.toString(), "unreadable: " + e.getMessage());
      }
    }
    return new HostFingerprint(entries);
  }

  private static String describe(Path p) throws IOException {
    BasicFileAttributes a =
        Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (a.isSymbolicLink()) {
      return "link " + Files.readSymbolicLink(p);
    }
    if (a.isDirectory()) {
      return "dir";
    }
    return "file " + a.size() + " " + a.lastModifiedTime() + " " + sha256(p);
  }

  private static String sha256(Path p) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One line per path that differs from {@code before}. */
  public List<String> changesSince(HostFingerprint before) {
    List<String> changes = new ArrayList<>();
    TreeMap<String, String> all = new TreeMap<>(before.entries);
    all.putAll(entries);
    for (String path : all.keySet()) {
      String was = before.entries.getOrDefault(path, "absent");
      String is = entries.getOrDefault(path, "absent");
      if (!was.equals(is)) {
        changes.add(path + ": " + was + " -> " + is);
      }
    }
    return changes;
  }
}

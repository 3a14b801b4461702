package io.glustershares.gluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;

/**
 * A known_hosts file read as OpenSSH reads it (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"): per line an
 * optional {@code @revoked} or {@code @cert-authority} marker, the host field, the key type and the
 * base64 key. Lines ssh would skip (comments, unknown markers or key types, keys that do not
 * decode) are skipped. The keys themselves are decoded by sshj.
 *
 * <p>The file is read here rather than by sshj's {@code OpenSSHKnownHosts} because that class loses
 * the line numbers an operator needs to fix the file, and throws on some malformed lines.
 */
final class KnownHostsFile {

  /** Far above any real estate's file; only there so a wrong path cannot exhaust memory. */
  static final int MAX_BYTES = 64 << 20;

  enum Marker {
    NONE,
    REVOKED,
    CERT_AUTHORITY
  }

  /** One usable line of the file. {@code line} counts from 1, as editors and ssh do. */
  record Entry(int line, Marker marker, KeyType type, PublicKey key) {}

  private final Path path;
  private final List<String> lines;
  private boolean endsWithNewline;

  private KnownHostsFile(Path path, List<String> lines, boolean endsWithNewline) {
    this.path = path;
    this.lines = lines;
    this.endsWithNewline = endsWithNewline;
  }

  /**
   * Reads the file; a missing file is an empty one. Links are followed, as ssh follows them, but
   * only a regular file is opened: a FIFO or a device would block or never end.
   */
  static KnownHostsFile read(Path path) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return new KnownHostsFile(path, new ArrayList<>(), true);
    }
    if (!attributes.isRegularFile()) {
      throw new IOException("not a regular file");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(path)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    }
    if (bytes.length > MAX_BYTES) {
      throw new IOException("larger than " + (MAX_BYTES >> 20) + " MiB");
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    return new KnownHostsFile(
        path,
        new ArrayList<>(Arrays.asList(text.split("\n", -1))),
        text.isEmpty() || text.endsWith("\n"));
  }

  Path path() {
    return path;
  }

  /**
   * Every usable line whose host field names {@code hostName} ({@code host} or {@code
   * [host]:port}).
   */
  List<Entry> entriesFor(String hostName) {
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] words = line.split("[ \t]+");
      int at = 0;
      Marker marker = Marker.NONE;
      if (words[0].startsWith("@")) {
        switch (words[0]) {
          case "@revoked" -> marker = Marker.REVOKED;
          case "@cert-authority" -> marker = Marker.CERT_AUTHORITY;
          default -> {
            continue; // ssh: "invalid marker"
          }
        }
        at = 1;
      }
      if (words.length < at + 3 || !HostPatterns.matches(words[at], hostName)) {
        continue;
      }
      PublicKey key = decode(words[at + 1], words[at + 2]);
      if (key != null) {
        entries.add(new Entry(i + 1, marker, KeyType.fromKey(key), key));
      }
    }
    return entries;
  }

  /** The key, or null when ssh would skip the line (unknown type, bad base64, type mismatch). */
  private static PublicKey decode(String type, String base64) {
    try {
      PublicKey key = new Buffer.PlainBuffer(Base64.getDecoder().decode(base64)).readPublicKey();
      return KeyType.fromKey(key).toString().equals(type) ? key : null;
    } catch (IOException | RuntimeException e) {
      // sshj reports undecodable keys as Buffer/SSH exceptions or runtime exceptions alike.
      return null;
    }
  }

  /** The known_hosts line OpenSSH writes for a new key: {@code NAME TYPE BASE64}. */
  static String line(String hostName, PublicKey key) {
    return hostName
        + " "
        + KeyType.fromKey(key)
        + " "
        + Base64.getEncoder().encodeToString(blob(key));
  }

  /** The SSH wire encoding of a public key: what known_hosts stores and fingerprints hash. */
  static byte[] blob(PublicKey key) {
    return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
  }

  /**
   * Appends one line in one write to a file opened with O_APPEND, so concurrent appends do not
   * interleave. The final path component must not be a link (checked, and refused by the open
   * itself with NOFOLLOW_LINKS should it become one in between): a link planted at a writable path
   * could otherwise redirect the write into any file the user may write. A missing file is created
   * 0600, missing directories 0700, as ssh creates ~/.ssh.
   */
  void append(String hostName, PublicKey key) throws IOException {
    if (hostName.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      throw new IOException("the host name '" + hostName.strip() + "' cannot be written");
    }
    try {
      BasicFileAttributes now =
          Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (now.isSymbolicLink()) {
        throw new IOException(
            path
                + " is a symbolic link, and a new key is never appended through one (it could"
                + " point anywhere); point ssh.knownHosts at the file itself");
      }
      if (!now.isRegularFile()) {
        throw new IOException(path + " is not a regular file");
      }
    } catch (NoSuchFileException e) {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        Files.createDirectories(
            parent,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
    }
    String text = (endsWithNewline ? "" : "\n") + line(hostName, key) + "\n";
    ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    try (FileChannel channel =
        FileChannel.open(
            path,
            Set.of(
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND,
                LinkOption.NOFOLLOW_LINKS),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      channel.force(false);
    }
    // A re-key later in the run offers the key again: it is known from now on.
    lines.add(line(hostName, key));
    endsWithNewline = true;
  }

  /** Java's file exceptions often carry only the path; this says what went wrong. */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e.getMessage();
  }
}

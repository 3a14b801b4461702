package io.glustershares.gluster;

import com.hierynomus.sshj.userauth.certificate.Certificate;
import io.glustershares.gluster.KnownHostsFile.Entry;
import io.glustershares.gluster.KnownHostsFile.Marker;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;

/**
 * Decides whether a server's host key is trusted, as OpenSSH does with {@code
 * StrictHostKeyChecking=yes} or, with {@code acceptNew}, {@code accept-new} ({@code
 * check_hostkeys_by_key_or_type} in hostfile.c):
 *
 * <ul>
 *   <li>a key listed for the host is trusted, unless a {@code @revoked} line lists it: revocation
 *       wins over any plain line;
 *   <li>a host with any listed key, of any type, is known: another key is a <em>changed</em> key
 *       and refused, with or without accept-new;
 *   <li>only a host with no key at all is new: refused, or recorded with accept-new.
 * </ul>
 *
 * Host certificates are not used: the client never asks for one, and a host that known_hosts covers
 * with a {@code @cert-authority} line but lists no key for is refused rather than taken as new
 * (OpenSSH would accept a plain key there with accept-new).
 *
 * <p>sshj's {@code OpenSSHKnownHosts} is not used because it compares only keys of the offered type
 * (a host known by its RSA key looked new when it offered ed25519) and lets a plain line outvote
 * {@code @revoked}.
 */
final class HostKeyPolicy implements HostKeyVerifier {

  private final KnownHostsFile file;
  private final boolean acceptNew;
  private String refusal;

  private HostKeyPolicy(KnownHostsFile file, boolean acceptNew) {
    this.file = file;
    this.acceptNew = acceptNew;
  }

  /** Reads the known_hosts file now, before any connection, so a bad file fails early. */
  static HostKeyPolicy load(Path knownHosts, boolean acceptNew) throws IOException {
    return new HostKeyPolicy(KnownHostsFile.read(knownHosts), acceptNew);
  }

  /** Why the last key was refused, in one line that names the fix. */
  String refusal() {
    return refusal == null ? "the SSH host key was refused" : refusal;
  }

  /** How OpenSSH names a host in known_hosts: {@code host}, or {@code [host]:port} off port 22. */
  static String hostName(String host, int port) {
    String lower = host.toLowerCase(Locale.ROOT);
    return port == 22 ? lower : "[" + lower + "]:" + port;
  }

  @Override
  public List<String> findExistingAlgorithms(String host, int port) {
    // The types known for the host go first in the offer, so a server with several host keys
    // shows the one we know (OpenSSH's order_hostkeyalgs). RSA keys sign as rsa-sha2-*.
    List<String> algorithms = new ArrayList<>();
    for (Entry entry : file.entriesFor(hostName(host, port))) {
      if (entry.marker() != Marker.NONE) {
        continue;
      }
      List<String> names =
          entry.type() == KeyType.RSA
              ? List.of("rsa-sha2-512", "rsa-sha2-256", "ssh-rsa")
              : List.of(entry.type().toString());
      names.stream().filter(n -> !algorithms.contains(n)).forEach(algorithms::add);
    }
    return algorithms;
  }

  @Override
  public boolean verify(String host, int port, PublicKey key) {
    String name = hostName(host, port);
    if (key instanceof Certificate<?>) {
      refusal =
          "the SSH server "
              + name
              + " offers a host certificate, which gluster-shares does not use; list the host's"
              + " own key in "
              + file.path()
              + "; nothing was run";
      return false;
    }
    byte[] offered = KnownHostsFile.blob(key);
    List<Entry> trusting = new ArrayList<>();
    List<Entry> others = new ArrayList<>();
    List<Entry> revoking = new ArrayList<>();
    List<Entry> authorities = new ArrayList<>();
    for (Entry entry : file.entriesFor(name)) {
      boolean same = Arrays.equals(offered, KnownHostsFile.blob(entry.key()));
      switch (entry.marker()) {
        case NONE -> (same ? trusting : others).add(entry);
        case REVOKED -> {
          if (same) {
            revoking.add(entry);
          }
        }
        case CERT_AUTHORITY -> authorities.add(entry);
      }
    }
    if (!revoking.isEmpty()) {
      refusal = revoked(name, key, revoking.get(0));
      return false;
    }
    if (!trusting.isEmpty()) {
      return true;
    }
    if (!others.isEmpty()) {
      refusal = changed(name, key, others);
      return false;
    }
    if (!authorities.isEmpty()) {
      refusal = certificateAuthority(name, host, port, key, authorities.get(0));
      return false;
    }
    if (acceptNew) {
      try {
        file.append(name, key);
        return true;
      } catch (IOException e) {
        refusal =
            "cannot record the new SSH host key of "
                + name
                + ": "
                + KnownHostsFile.reason(e)
                + "; nothing was run";
        return false;
      }
    }
    refusal =
        "the SSH host key of "
            + name
            + " ("
            + describe(key)
            + ") is not in "
            + file.path()
            + "; nothing was run. Check the fingerprint with the server's administrator, then add"
            + " it: "
            + keyscan(host, port)
            + " (or set ssh.acceptNewHostKey: true in the file)";
    return false;
  }

  private String revoked(String name, PublicKey key, Entry line) {
    return "the SSH host key of "
        + name
        + " ("
        + describe(key)
        + ") is REVOKED in "
        + file.path()
        + ":"
        + line.line()
        + "; nothing was run. A revoked key is never accepted (it may be in an attacker's hands):"
        + " ask the server's administrator for the host's new key";
  }

  private String changed(String name, PublicKey key, List<Entry> offending) {
    String lines =
        offending.stream()
            .map(e -> "Offending " + typeName(e.type()) + " key in " + file.path() + ":" + e.line())
            .collect(Collectors.joining("; "));
    return "the SSH host key of "
        + name
        + " has CHANGED: the server offers "
        + article(key)
        + " "
        + describe(key)
        + ", but "
        + file.path()
        + " holds another key for this host ("
        + lines
        + "); nothing was run. This can be an attack; if the server was reinstalled, check the new"
        + " fingerprint with its administrator, then remove the old key with: ssh-keygen -R "
        + ShellQuote.word(name)
        + " -f "
        + ShellQuote.readable(List.of(file.path().toString()));
  }

  private String certificateAuthority(
      String name, String host, int port, PublicKey key, Entry line) {
    return "the SSH host key of "
        + name
        + " ("
        + describe(key)
        + ") is not in "
        + file.path()
        + ", which trusts a host certificate authority for it (@cert-authority at "
        + file.path()
        + ":"
        + line.line()
        + "); gluster-shares does not use host certificates, and for a host a certificate"
        + " authority covers it never records a new key, also not with ssh.acceptNewHostKey;"
        + " nothing was run. Check the fingerprint with the server's administrator, then add it: "
        + keyscan(host, port);
  }

  private String keyscan(String host, int port) {
    return "ssh-keyscan "
        + (port == 22 ? "" : "-p " + port + " ")
        + host
        + " >> "
        + ShellQuote.readable(List.of(file.path().toString()));
  }

  /** {@code ED25519 key SHA256:…}, the way ssh names a key to a person. */
  static String describe(PublicKey key) {
    return typeName(KeyType.fromKey(key)) + " key " + fingerprint(key);
  }

  private static String article(PublicKey key) {
    return KeyType.fromKey(key) == KeyType.DSA ? "a" : "an";
  }

  /** ssh's short names (sshkey_type): RSA, ECDSA, ED25519, DSA. */
  private static String typeName(KeyType type) {
    return switch (type) {
      case RSA -> "RSA";
      case DSA -> "DSA";
      case ECDSA256, ECDSA384, ECDSA521 -> "ECDSA";
      case ED25519 -> "ED25519";
      default -> type.toString();
    };
  }

  /** The OpenSSH form of a key's fingerprint: {@code SHA256:} and unpadded base64. */
  static String fingerprint(PublicKey key) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(KnownHostsFile.blob(key));
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}

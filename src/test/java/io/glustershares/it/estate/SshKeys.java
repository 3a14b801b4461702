package io.glustershares.it.estate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The estate's SSH material: one client key that every node accepts for root, a host key per node,
 * the known_hosts file listing them, and an OpenSSH client config for people poking at a running
 * estate. Nothing is read from or written to any {@code ~/.ssh}.
 */
public final class SshKeys {

  private final Path dir;

  private SshKeys(Path dir) {
    this.dir = dir;
  }

  static SshKeys create(Path dir, List<Node.Spec> nodes) {
    try {
      Files.createDirectories(dir);
      SshKeys keys = new SshKeys(dir);
      keygen(keys.identity(), "estate-client");
      Files.copy(Path.of(keys.identity() + ".pub"), keys.authorizedKeys());
      StringBuilder known = new StringBuilder();
      StringBuilder config = new StringBuilder();
      for (Node.Spec n : nodes) {
        Path hostKey = keys.hostKey(n.name());
        keygen(hostKey, n.name());
        String[] pub = Files.readString(Path.of(hostKey + ".pub")).strip().split(" ");
        known.append(n.name()).append(',').append(n.ip()).append(' ');
        known.append(pub[0]).append(' ').append(pub[1]).append('\n');
        config.append("Host ").append(n.name()).append("\n  HostName ").append(n.ip());
        config.append("\n");
      }
      Files.writeString(keys.knownHosts(), known);
      config.append(
          """
          Host *
            User root
            IdentityFile IDENTITY
            IdentitiesOnly yes
            UserKnownHostsFile KNOWN
            GlobalKnownHostsFile /dev/null
            StrictHostKeyChecking yes
            BatchMode yes
            ConnectTimeout 5
            LogLevel ERROR
          """
              .replace("IDENTITY", keys.identity().toString())
              .replace("KNOWN", keys.knownHosts().toString()));
      Files.writeString(keys.config(), config);
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new ed25519 key pair at {@code file} (and {@code file.pub}). */
  public static Path keygen(Path file, String comment) {
    Exec.ok("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", file.toString());
    return file;
  }

  /** The private key every node accepts for root. */
  public Path identity() {
    return dir.resolve("id_ed25519");
  }

  /** Every node's host keys, by name and address. */
  public Path knownHosts() {
    return dir.resolve("known_hosts");
  }

  /** For {@code ssh -F CONFIG east-1} from a namespace of the estate. */
  public Path config() {
    return dir.resolve("config");
  }

  Path authorizedKeys() {
    return dir.resolve("authorized_keys");
  }

  Path hostKey(String node) {
    return dir.resolve("host_" + node);
  }
}

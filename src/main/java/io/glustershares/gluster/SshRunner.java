package io.glustershares.gluster;

import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPassword;
import net.schmizz.sshj.userauth.method.AuthPublickey;
import net.schmizz.sshj.userauth.password.PasswordUtils;

/**
 * Runs commands over SSH (sshj). One connection per cluster per run, opened on first use. The
 * server's host key must be in known_hosts (an unknown key is accepted only when the file says so;
 * a changed key never is), and every argv word is quoted for the remote shell.
 */
public final class SshRunner implements Runner {

  /** How to reach and log into the server. The password is never printed. */
  public record Target(
      String cluster,
      String user,
      String host,
      int port,
      Path knownHosts,
      boolean acceptNewHostKey,
      Optional<Path> identityFile,
      Optional<String> password) {

    @Override
    public String toString() {
      // Records print their fields; this one holds a secret.
      return user + "@" + host + ":" + port;
    }
  }

  private static final int CONNECT_TIMEOUT_MS = 15_000;

  private final Target target;
  private SSHClient client;

  public SshRunner(Target target) {
    this.target = target;
  }

  @Override
  public ProcessResult run(List<String> argv, Duration timeout) throws RunnerException {
    long start = System.nanoTime();
    SSHClient ssh = connect();
    try (Session session = ssh.startSession()) {
      Session.Command command = session.exec(ShellQuote.command(argv));
      CompletableFuture<String> stdout = Streams.drain(command.getInputStream());
      CompletableFuture<String> stderr = Streams.drain(command.getErrorStream());
      try {
        command.join(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (net.schmizz.sshj.connection.ConnectionException e) {
        // sshj signals an expired join this way; the channel still being open tells it apart.
        if (!command.isOpen()) {
          throw e;
        }
      }
      if (command.isOpen()) {
        command.close();
        throw new RunnerException(
            RunnerException.Kind.TIMEOUT,
            "'"
                + ShellQuote.readable(argv)
                + "' ran longer than "
                + timeout.toSeconds()
                + " s on "
                + describe());
      }
      String out = stdout.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      String err = stderr.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      Integer status = command.getExitStatus();
      if (status == null) {
        throw new RunnerException(
            RunnerException.Kind.CONNECTION,
            "'"
                + ShellQuote.readable(argv)
                + "' ended without an exit status on "
                + describe()
                + (command.getExitSignal() == null
                    ? ""
                    : " (signal " + command.getExitSignal() + ")"));
      }
      return new ProcessResult(status, out, err, Duration.ofNanos(System.nanoTime() - start));
    } catch (IOException e) {
      throw new RunnerException(
          RunnerException.Kind.CONNECTION,
          "SSH to " + describe() + " failed: " + e.getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunnerException(RunnerException.Kind.TIMEOUT, "interrupted", e);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new RunnerException(
          RunnerException.Kind.CONNECTION, "cannot read the output of " + argv.get(0), e);
    }
  }

  private synchronized SSHClient connect() throws RunnerException {
    if (client != null && client.isConnected()) {
      return client;
    }
    Verifier verifier;
    try {
      verifier = new Verifier(target.knownHosts().toFile(), target.acceptNewHostKey());
    } catch (IOException e) {
      throw new RunnerException(
          RunnerException.Kind.HOST_KEY,
          "cannot read known_hosts file " + target.knownHosts() + ": " + e.getMessage(),
          e);
    }
    SSHClient ssh = new SSHClient(new DefaultConfig());
    ssh.addHostKeyVerifier(verifier);
    ssh.setConnectTimeout(CONNECT_TIMEOUT_MS);
    try {
      ssh.connect(target.host(), target.port());
    } catch (TransportException e) {
      close(ssh);
      if (e.getDisconnectReason() == DisconnectReason.HOST_KEY_NOT_VERIFIABLE) {
        throw new RunnerException(RunnerException.Kind.HOST_KEY, verifier.refusal(), e);
      }
      throw connectionFailed(e);
    } catch (IOException e) {
      close(ssh);
      throw connectionFailed(e);
    }
    try {
      ssh.auth(target.user(), authMethods(ssh));
    } catch (UserAuthException e) {
      close(ssh);
      throw new RunnerException(
          RunnerException.Kind.CONNECTION,
          "SSH login as '"
              + target.user()
              + "' to "
              + target.host()
              + ":"
              + target.port()
              + " was refused (tried: "
              + String.join(", ", triedMethods())
              + ")",
          e);
    } catch (IOException e) {
      close(ssh);
      throw connectionFailed(e);
    }
    client = ssh;
    return ssh;
  }

  private List<AuthMethod> authMethods(SSHClient ssh) throws RunnerException {
    List<AuthMethod> methods = new ArrayList<>();
    if (target.identityFile().isPresent()) {
      Path key = target.identityFile().get();
      if (!Files.isReadable(key)) {
        throw new RunnerException(
            RunnerException.Kind.CONNECTION, "cannot read SSH identity file " + key);
      }
      try {
        methods.add(new AuthPublickey(ssh.loadKeys(key.toString())));
      } catch (IOException e) {
        throw new RunnerException(
            RunnerException.Kind.CONNECTION,
            "cannot load SSH identity file " + key + ": " + e.getMessage(),
            e);
      }
    } else if (target.password().isEmpty()) {
      // The usual ~/.ssh/id_* keys, as ssh would try them.
      for (String name : List.of("id_ed25519", "id_ecdsa", "id_rsa")) {
        Path key = Path.of(System.getProperty("user.home"), ".ssh", name);
        if (Files.isReadable(key)) {
          try {
            methods.add(new AuthPublickey(ssh.loadKeys(key.toString())));
          } catch (IOException e) {
            // An unreadable default key is skipped, as ssh skips it.
          }
        }
      }
    }
    target
        .password()
        .ifPresent(
            password ->
                methods.add(new AuthPassword(PasswordUtils.createOneOff(password.toCharArray()))));
    if (methods.isEmpty()) {
      throw new RunnerException(
          RunnerException.Kind.CONNECTION,
          "no way to log into "
              + target
              + ": give ssh.identityFile or ssh.passwordEnv, or put a"
              + " key in ~/.ssh");
    }
    return methods;
  }

  private List<String> triedMethods() {
    List<String> tried = new ArrayList<>();
    if (target.identityFile().isPresent() || target.password().isEmpty()) {
      tried.add("public key");
    }
    if (target.password().isPresent()) {
      tried.add("password");
    }
    return tried;
  }

  private RunnerException connectionFailed(IOException e) {
    String why =
        e instanceof ConnectException || e.getCause() instanceof ConnectException
            ? "connection refused"
            : e instanceof UnknownHostException
                ? "unknown host"
                : e instanceof NoRouteToHostException ? "no route to host" : e.getMessage();
    return new RunnerException(
        RunnerException.Kind.CONNECTION,
        "cannot connect to SSH server " + target.host() + ":" + target.port() + ": " + why,
        e);
  }

  private static void close(SSHClient ssh) {
    try {
      ssh.disconnect();
    } catch (IOException e) {
      // Closing a failed connection: nothing to report.
    }
  }

  @Override
  public String describe() {
    return "ssh " + target;
  }

  @Override
  public String host() {
    return target.host();
  }

  @Override
  public String lockKey() {
    return "ssh-" + target.user() + "@" + target.host() + "-" + target.port();
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      close(client);
      client = null;
    }
  }

  /** The OpenSSH form of a key's fingerprint: {@code SHA256:} and unpadded base64. */
  static String fingerprint(PublicKey key) {
    try {
      byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(blob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** known_hosts checking that remembers why a key was refused, to say it plainly. */
  private final class Verifier extends OpenSSHKnownHosts {
    private final boolean acceptNew;
    private String refusal = "the SSH host key of " + target.host() + " was refused";

    Verifier(File knownHosts, boolean acceptNew) throws IOException {
      super(knownHosts);
      this.acceptNew = acceptNew;
    }

    String refusal() {
      return refusal;
    }

    private String hostArgument() {
      return target.port() == 22 ? target.host() : "-p " + target.port() + " " + target.host();
    }

    @Override
    protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
      if (acceptNew) {
        try {
          Path file = target.knownHosts();
          if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
          }
          write(new HostEntry(null, hostname, KeyType.fromKey(key), key));
          return true;
        } catch (IOException e) {
          refusal =
              "cannot record the new host key in " + target.knownHosts() + ": " + e.getMessage();
          return false;
        }
      }
      refusal =
          "the SSH host key of "
              + hostname
              + " ("
              + fingerprint(key)
              + ") is not in "
              + target.knownHosts()
              + "; nothing was run. Check the fingerprint with the server's administrator, then add"
              + " it: ssh-keyscan "
              + hostArgument()
              + " >> "
              + target.knownHosts()
              + " (or set ssh.acceptNewHostKey: true in the file)";
      return false;
    }

    @Override
    protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
      refusal =
          "the SSH host key of "
              + hostname
              + " has CHANGED (it now offers "
              + fingerprint(key)
              + ", "
              + target.knownHosts()
              + " holds another key); nothing was run. This can be an attack; if the server was"
              + " reinstalled, remove the old key with: ssh-keygen -R '"
              + hostname
              + "' -f "
              + target.knownHosts();
      return false;
    }
  }
}

package io.glustershares.gluster;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPassword;
import net.schmizz.sshj.userauth.method.AuthPublickey;
import net.schmizz.sshj.userauth.password.PasswordUtils;

/**
 * Runs commands over SSH (sshj). One connection per cluster per run, opened on first use. The
 * server's host key is checked as strictly as OpenSSH checks it ({@link HostKeyPolicy}), the key
 * file must be one ssh would use ({@link IdentityFile}), and every argv word is quoted for the
 * remote shell.
 */
public final class SshRunner implements Runner {

  /**
   * How to reach and log into the server. The password and the passphrase (of the identity file, or
   * of the default keys) are never printed.
   */
  public record Target(
      String cluster,
      String user,
      String host,
      int port,
      Path knownHosts,
      boolean acceptNewHostKey,
      Optional<Path> identityFile,
      Optional<String> password,
      Optional<String> passphrase) {

    @Override
    public String toString() {
      // Records print their fields; this one holds secrets.
      return user + "@" + host + ":" + port;
    }
  }

  private static final int CONNECT_TIMEOUT_MS = 15_000;

  private final Target target;
  private final List<String> skipped = new ArrayList<>();
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
    } catch (ExecutionException | TimeoutException e) {
      throw new RunnerException(
          RunnerException.Kind.CONNECTION, "cannot read the output of " + argv.get(0), e);
    }
  }

  /**
   * Runs {@code argv} in a session of its own on this runner's connection and keeps it: it ends
   * when closed, and with the connection, whoever drops it (a killed apply, a killed sshd).
   */
  @Override
  public HeldCommand hold(List<String> argv) throws RunnerException {
    SSHClient ssh = connect();
    Session session;
    Session.Command command;
    try {
      session = ssh.startSession();
      command = session.exec(ShellQuote.command(argv));
    } catch (IOException e) {
      throw new RunnerException(
          RunnerException.Kind.CONNECTION,
          "SSH to " + describe() + " failed: " + e.getMessage(),
          e);
    }
    OutputLines out =
        OutputLines.of(command.getInputStream(), "'" + argv.get(0) + "' on " + host());
    CompletableFuture<String> err = Streams.drain(command.getErrorStream());
    return new HeldCommand() {
      @Override
      public Optional<String> readLine(Duration timeout) throws RunnerException {
        return out.next(timeout);
      }

      @Override
      public Optional<String> ended() {
        // A stream that broke means the transport did, even before sshj marks it disconnected.
        if (!ssh.isConnected() || err.isCompletedExceptionally()) {
          return Optional.of("the SSH connection to " + target + " was lost");
        }
        if (!command.isOpen()) {
          return Optional.of(
              "it ended on "
                  + target
                  + (command.getExitStatus() == null ? "" : " with exit " + command.getExitStatus())
                  + stderr(err));
        }
        return Optional.empty();
      }

      @Override
      public void close() {
        try {
          // End of input: the command ends on its own, and its lock goes with it.
          command.getOutputStream().close();
          command.join(5, TimeUnit.SECONDS);
        } catch (IOException e) {
          // The connection is gone: so is the command.
        }
        try {
          session.close();
        } catch (IOException e) {
          // Closing: nothing to report.
        }
      }
    };
  }

  private static String stderr(CompletableFuture<String> err) {
    String text;
    try {
      text = err.getNow("").strip();
    } catch (CompletionException | CancellationException e) {
      text = "";
    }
    return text.isEmpty() ? "" : ": " + text.lines().findFirst().orElse("");
  }

  /** This runner's login (user, port, keys, known_hosts) for another host of the cluster. */
  public SshRunner forHost(String host) {
    return new SshRunner(
        new Target(
            target.cluster(),
            target.user(),
            host,
            target.port(),
            target.knownHosts(),
            target.acceptNewHostKey(),
            target.identityFile(),
            target.password(),
            target.passphrase()));
  }

  @Override
  public void open() throws RunnerException {
    connect();
  }

  /** Whether this runner's connection sends small packets at once (Nagle off); for the tests. */
  synchronized boolean sendsAtOnce() throws SocketException {
    return client != null && client.isConnected() && client.getSocket().getTcpNoDelay();
  }

  private synchronized SSHClient connect() throws RunnerException {
    if (client != null && client.isConnected()) {
      return client;
    }
    if (client != null) {
      // Never again over a new connection in this run: what was held on the lost one (the
      // apply's lock on this server) is gone with it.
      throw new RunnerException(
          RunnerException.Kind.CONNECTION,
          "the SSH connection to "
              + target
              + " was lost earlier in this run; nothing more is run over it");
    }
    HostKeyPolicy verifier;
    try {
      verifier = HostKeyPolicy.load(target.knownHosts(), target.acceptNewHostKey());
    } catch (IOException e) {
      throw new RunnerException(
          RunnerException.Kind.HOST_KEY,
          "cannot read known_hosts file " + target.knownHosts() + ": " + KnownHostsFile.reason(e),
          e);
    }
    SSHClient ssh = new SSHClient(config());
    // Keys are loaded (and decrypted) before connecting: a key ssh would refuse, or a wrong
    // passphrase, is reported as such and nothing reaches the server.
    List<AuthMethod> methods = authMethods(ssh);
    ssh.addHostKeyVerifier(verifier);
    ssh.setConnectTimeout(CONNECT_TIMEOUT_MS);
    try {
      ssh.connect(target.host(), target.port());
      // Nagle's algorithm off: a command is a handful of small packets (open a channel, exec,
      // close), and with Nagle on each waited for the server's delayed ACK of the one before, most
      // of the time between two commands (issue 17).
      ssh.getSocket().setTcpNoDelay(true);
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
      ssh.auth(target.user(), methods);
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
              + ")"
              + skippedNote(),
          e);
    } catch (IOException e) {
      close(ssh);
      throw connectionFailed(e);
    }
    client = ssh;
    return ssh;
  }

  /** sshj's defaults without host-certificate algorithms: certificates are not used here. */
  private static DefaultConfig config() {
    DefaultConfig config = new DefaultConfig();
    config.setKeyAlgorithms(
        config.getKeyAlgorithms().stream().filter(a -> !a.getName().contains("-cert-")).toList());
    return config;
  }

  private List<AuthMethod> authMethods(SSHClient ssh) throws RunnerException {
    List<AuthMethod> methods = new ArrayList<>();
    skipped.clear();
    if (target.identityFile().isPresent()) {
      try {
        methods.add(
            new AuthPublickey(
                IdentityFile.load(ssh, target.identityFile().get(), target.passphrase())));
      } catch (IdentityFile.Refused e) {
        throw new RunnerException(RunnerException.Kind.CONNECTION, e.getMessage(), e);
      }
    } else if (target.password().isEmpty()) {
      // The usual ~/.ssh/id_* keys, as ssh would try them; one ssh would refuse is skipped.
      for (String name : List.of("id_ed25519", "id_ecdsa", "id_rsa")) {
        Path key = Path.of(System.getProperty("user.home"), ".ssh", name);
        if (Files.exists(key)) {
          try {
            methods.add(new AuthPublickey(IdentityFile.load(ssh, key, target.passphrase())));
          } catch (IdentityFile.Refused e) {
            skipped.add(e.getMessage());
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
              + " key in ~/.ssh"
              + skippedNote());
    }
    return methods;
  }

  /** Default keys ssh would have refused too, so a refused login says why they were not tried. */
  private String skippedNote() {
    return skipped.isEmpty() ? "" : " (skipped: " + String.join("; ", skipped) + ")";
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
}

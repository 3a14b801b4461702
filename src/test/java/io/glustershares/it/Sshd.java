package io.glustershares.it;

import io.glustershares.gluster.LocalRunner;
import io.glustershares.gluster.ProcessResult;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's OpenSSH server, run by the test on a loopback port with its own host key, accepting root
 * with a test key only: the SSH path of the tool is tested against the real thing.
 */
public final class Sshd implements AutoCloseable {

  private static final LocalRunner SHELL = new LocalRunner("localhost");

  private final Path dir;
  private final int port;
  private final Process process;

  private Sshd(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  private static void keygen(String comment, Path file) throws Exception {
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", file.toString());
  }

  public static Sshd start(Path dir) throws Exception {
    if (!Files.isExecutable(Path.of("/usr/sbin/sshd"))) {
      throw new AssertionError("Debian's openssh-server is required (.ci/run installs it)");
    }
    Files.createDirectories(dir);
    Files.createDirectories(Path.of("/run/sshd"));
    keygen("gluster-shares test host", dir.resolve("host_key"));
    keygen("gluster-shares test user", dir.resolve("user_key"));
    Files.copy(dir.resolve("user_key.pub"), dir.resolve("authorized_keys"));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Files.writeString(
        dir.resolve("sshd_config"),
        String.join(
            "\n",
            "Port " + port,
            "ListenAddress 127.0.0.1",
            "HostKey " + dir.resolve("host_key"),
            "PidFile " + dir.resolve("sshd.pid"),
            "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
            "PermitRootLogin prohibit-password",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "UsePAM no",
            "StrictModes no",
            "LogLevel VERBOSE",
            ""));
    Process process =
        new ProcessBuilder(
                "/usr/sbin/sshd", "-D", "-e", "-f", dir.resolve("sshd_config").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("sshd.log").toFile())
            .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        break;
      } catch (IOException e) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError(
              "sshd did not start: " + Files.readString(dir.resolve("sshd.log")));
        }
        Thread.sleep(100);
      }
    }
    return new Sshd(dir, port, process);
  }

  public int port() {
    return port;
  }

  public Path userKey() {
    return dir.resolve("user_key");
  }

  /** A known_hosts line for this server as {@code host}. */
  public String knownHostsLine(String host) throws IOException {
    String[] key = Files.readString(dir.resolve("host_key.pub")).strip().split(" ");
    return "[" + host + "]:" + port + " " + key[0] + " " + key[1] + "\n";
  }

  /** The commands the server ran, from its log. */
  public String log() throws IOException {
    return Files.readString(dir.resolve("sshd.log"));
  }

  private static void run(String... argv) throws Exception {
    ProcessResult r = SHELL.run(List.of(argv), Duration.ofSeconds(60));
    if (r.exitCode() != 0) {
      throw new IllegalStateException(String.join(" ", argv) + ": " + r.stderr());
    }
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    process.waitFor(10, TimeUnit.SECONDS);
  }
}

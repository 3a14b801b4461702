package io.glustershares.it.estate;

import io.glustershares.cli.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A gluster server of the estate: its own namespaces running {@code glusterd} and {@code sshd}
 * (port 22 of its address, root by the estate's key only), with its certificate {@code
 * glusterfs-server-NAME}. Bricks live in {@code /srv/bricks/VOLUME} inside, a directory of the
 * estate outside.
 */
public final class Node {

  /** Where a node sits in the estate. */
  public record Spec(String name, String cluster, String ip) {}

  private final Spec spec;
  private final Namespace ns;
  private final Path dir;
  private final SshKeys ssh;
  private final Tool tool;

  Node(Spec spec, Namespace ns, Path dir, SshKeys ssh, Tool tool) {
    this.spec = spec;
    this.ns = ns;
    this.dir = dir;
    this.ssh = ssh;
    this.tool = tool;
  }

  public String name() {
    return spec.name();
  }

  public String cluster() {
    return spec.cluster();
  }

  public String ip() {
    return spec.ip();
  }

  /** The server certificate's CN. */
  public String cn() {
    return "glusterfs-server-" + name();
  }

  public Namespace namespace() {
    return ns;
  }

  public Exec.Result exec(String... argv) {
    return ns.exec(argv);
  }

  /** {@code gluster ARGS} on this node, as it answers (no check of the outcome). */
  public Exec.Result gluster(String... args) {
    List<String> argv = new ArrayList<>(List.of("gluster"));
    argv.addAll(List.of(args));
    return ns.exec(argv, Duration.ofSeconds(120));
  }

  /** Runs gluster-shares on this node: the local-CLI path ({@code server: HOST}). */
  public Main.Captured tool(Path workDir, String... args) {
    return tool.run(ns, workDir, Map.of(), List.of(args));
  }

  public Main.Captured tool(Path workDir, Map<String, String> env, String... args) {
    return tool.run(ns, workDir, env, List.of(args));
  }

  /** Installs a TLS identity as this node's {@code glusterfs.{pem,key,ca}}. */
  public void installTls(Credentials c) {
    Tls.install(ns, c);
  }

  // ---------------------------------------------------------------- daemons

  void writeSshdConfig() {
    write(
        dir.resolve("sshd_config"),
        String.join(
            "\n",
            "Port 22",
            "ListenAddress " + ip(),
            "HostKey " + ssh.hostKey(name()),
            "PidFile /run/sshd.pid",
            "AuthorizedKeysFile " + ssh.authorizedKeys(),
            "PermitRootLogin prohibit-password",
            "PubkeyAuthentication yes",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "UsePAM no",
            "StrictModes no",
            "PrintMotd no",
            "PrintLastLog no",
            "UseDNS no",
            "LogLevel VERBOSE",
            "Subsystem sftp /usr/lib/openssh/sftp-server",
            ""));
  }

  /** Starts glusterd (default options: the namespaces isolate it) and waits until it answers. */
  public void startGlusterd() {
    ns.daemon(List.of("glusterd", "-p", "/run/glusterd.pid"), dir.resolve("daemons.log"));
    Poll.until(
        Duration.ofSeconds(30),
        "glusterd on " + name(),
        () -> gluster("--xml", "peer", "status").out().contains("<opRet>0</opRet>"));
  }

  /**
   * Stops glusterd only: the brick processes go on serving, as when a server's management daemon
   * dies. Returns once glusterd is gone.
   */
  public void stopGlusterd() {
    String pid = exec("cat", "/run/glusterd.pid").orThrow().out().strip();
    exec("kill", pid).orThrow();
    Poll.until(
        Duration.ofSeconds(30),
        "glusterd on " + name() + " to stop",
        () -> !exec("kill", "-0", pid).ok());
  }

  public void startSshd() {
    ns.daemon(
        List.of(
            "/usr/sbin/sshd",
            "-f",
            dir.resolve("sshd_config").toString(),
            "-E",
            dir.resolve("sshd.log").toString()),
        dir.resolve("daemons.log"));
    Poll.until(
        Duration.ofSeconds(20),
        "sshd on " + name(),
        () -> exec("bash", "-c", "exec 3<>/dev/tcp/" + ip() + "/22").ok());
  }

  /** Kills the listening sshd and every session it runs (an SSH connection cut mid-apply). */
  public void killSshd() {
    String pid = exec("cat", "/run/sshd.pid").orThrow().out().strip();
    // The sessions are children of the listener; kill them first, then the listener.
    exec("pkill", "-KILL", "-P", pid);
    exec("kill", "-KILL", pid).orThrow();
    Poll.until(
        Duration.ofSeconds(20),
        "sshd on " + name() + " to die",
        () -> !exec("kill", "-0", pid).ok());
  }

  /** What sshd logged (LogLevel VERBOSE: every login, accepted or refused). */
  public String sshdLog() {
    return read(dir.resolve("sshd.log"));
  }

  // ---------------------------------------------------------------- bricks

  /** The brick directory of {@code volume} on this node, as the host sees it. */
  public Path brick(String volume) {
    return dir.resolve("srv/bricks").resolve(volume);
  }

  /**
   * The files and directories in this node's brick of {@code volume}, relative to it, without
   * gluster's own {@code .glusterfs} store: what a tenant's data looks like on the disk.
   */
  public List<String> brickFiles(String volume) {
    Path brick = brick(volume);
    if (!Files.isDirectory(brick)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(brick)) {
      return files
          .filter(p -> !p.equals(brick))
          .map(p -> brick.relativize(p).toString())
          .filter(p -> !internal(p))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** gluster's own store and the directory AFR keeps for orphaned inodes of a replica. */
  private static boolean internal(String relative) {
    String top = relative.split("/", 2)[0];
    return top.equals(".glusterfs") || top.startsWith(".glusterfs-anonymous-inode-");
  }

  Path dir() {
    return dir;
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return name();
  }
}

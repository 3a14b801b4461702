package io.glustershares.it.estate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A desired-state file naming the estate's clusters, as an operator would write it: {@code server:
 * root@east-1} with the estate's key and known_hosts (or {@code server: east-1}, the local CLI, for
 * a tool run on that node). The wipe's {@code mountBase} is under the node's private {@code /run}:
 * a node shares the host's file system outside its private mounts.
 */
public final class DesiredYaml {

  /** Where wipes mount volumes on the nodes: node-private. */
  public static final String MOUNT_BASE = "/run/gluster-shares/mnt";

  private final SshKeys ssh;
  private String stack = "it";
  private String pattern;
  private String extra = "";
  private final List<String> clusters = new ArrayList<>();

  DesiredYaml(SshKeys ssh) {
    this.ssh = ssh;
  }

  public DesiredYaml stack(String stack) {
    this.stack = stack;
    return this;
  }

  /** The volume pattern, e.g. {@code PREFIX-#{size}G-\d+$}. */
  public DesiredYaml pattern(String pattern) {
    this.pattern = pattern;
    return this;
  }

  /** A cluster reached over SSH as root on its first node. */
  public DesiredYaml overSsh(Cluster cluster) {
    return cluster(cluster.name(), sshBody(cluster.first().name(), "") + infrastructure(cluster));
  }

  /** A cluster reached over SSH as root on {@code via}, another of its servers. */
  public DesiredYaml overSsh(Cluster cluster, Node via) {
    return cluster(cluster.name(), sshBody(via.name(), "") + infrastructure(cluster));
  }

  /**
   * The exact infrastructure CNs, as an operator of a cluster of several servers declares them:
   * every server's certificate and the managing host's.
   */
  static String infrastructure(Cluster cluster) {
    return "infrastructureCns: [" + cluster.readyAllow().replace(",", ", ") + "]\n";
  }

  /**
   * A cluster reached over SSH; {@code moreSsh} adds lines to its {@code ssh:} map (e.g. {@code
   * passwordEnv: X}).
   */
  public DesiredYaml overSsh(String name, String host, String moreSsh) {
    return cluster(name, sshBody(host, moreSsh));
  }

  private String sshBody(String host, String moreSsh) {
    return "server: root@"
        + host
        + "\nssh:\n  identityFile: "
        + ssh.identity()
        + "\n  knownHosts: "
        + ssh.knownHosts()
        + "\n"
        + moreSsh.indent(2);
  }

  /** A cluster reached with the local gluster CLI: the tool runs on that node. */
  public DesiredYaml local(Cluster cluster) {
    return cluster(
        cluster.name(), "server: " + cluster.first().name() + "\n" + infrastructure(cluster));
  }

  /** A cluster reached with the local gluster CLI of {@code node}: the tool runs there. */
  public DesiredYaml local(Cluster cluster, Node node) {
    return cluster(cluster.name(), "server: " + node.name() + "\n" + infrastructure(cluster));
  }

  /** A cluster entry written as given (the lines below its name). */
  public DesiredYaml cluster(String name, String body) {
    clusters.add(name + ":\n" + body.stripTrailing().indent(2));
    return this;
  }

  /** Top-level lines added as given (e.g. {@code tls: ...}). */
  public DesiredYaml extra(String lines) {
    this.extra = extra + lines.stripTrailing() + "\n";
    return this;
  }

  /** The whole file with {@code shares} (YAML list items, unindented) as its shares. */
  public String render(String shares) {
    if (pattern == null) {
      throw new IllegalStateException("a desired state needs a volume pattern");
    }
    return "apiVersion: gluster-shares/v1\nstack: "
        + stack
        + "\nvolumePattern: '"
        + pattern
        + "'\nmountBase: "
        + MOUNT_BASE
        + "\n"
        + extra
        + "clusters:\n"
        + String.join("", clusters).indent(2)
        + (shares.isBlank() ? "" : "shares:\n" + shares.stripTrailing().indent(2));
  }

  /** Writes the file; returns it. */
  public Path write(Path file, String shares) {
    try {
      Files.writeString(file, render(shares));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

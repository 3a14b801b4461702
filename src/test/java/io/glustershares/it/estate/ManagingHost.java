package io.glustershares.it.estate;

import io.glustershares.cli.Main;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A managing host: a namespace of its own on the estate's network with a {@code manila-host}-style
 * certificate, the estate's hosts file and nothing of the host's home. The tool under test runs
 * here and reaches the clusters over SSH.
 */
public final class ManagingHost {

  private final Namespace ns;
  private final String cn;
  private final String ip;
  private final Tool tool;

  ManagingHost(Namespace ns, String cn, String ip, Tool tool) {
    this.ns = ns;
    this.cn = cn;
    this.ip = ip;
    this.tool = tool;
  }

  public String name() {
    return ns.name();
  }

  /** The CN of its certificate. */
  public String cn() {
    return cn;
  }

  public String ip() {
    return ip;
  }

  public Namespace namespace() {
    return ns;
  }

  /** Runs gluster-shares here, in {@code workDir}, and waits for it. */
  public Main.Captured tool(Path workDir, String... args) {
    return tool.run(ns, workDir, Map.of(), List.of(args));
  }

  public Main.Captured tool(Path workDir, Map<String, String> env, String... args) {
    return tool.run(ns, workDir, env, List.of(args));
  }

  /**
   * Runs gluster-shares here and tells {@code onLine} each line of its stdout as it comes: a test
   * can act when a progress line appears (stop a node while the apply goes on).
   */
  public Main.Captured tool(
      Path workDir, Map<String, String> env, Consumer<String> onLine, String... args) {
    return tool.run(ns, workDir, env, List.of(args), onLine);
  }

  /** Starts gluster-shares here without waiting: two applies at once, from two hosts. */
  public CompletableFuture<Main.Captured> toolAsync(
      Path workDir, Map<String, String> env, String... args) {
    return CompletableFuture.supplyAsync(
        () -> tool.run(ns, workDir, env, List.of(args)), Threads.IO);
  }

  /** Starts gluster-shares here without waiting; the test may kill it (SIGKILL) at any point. */
  public Exec.Running start(Path workDir, Map<String, String> env, String... args) {
    return tool.start(ns, workDir, env, List.of(args));
  }

  public Exec.Result exec(String... argv) {
    return ns.exec(argv);
  }

  /** Mounts {@code export} with this host's certificate; empty when gluster refuses it. */
  public java.util.Optional<Mount> mount(String export) {
    return Mount.attempt(ns, export);
  }

  /** Replaces this host's {@code glusterfs.{pem,key,ca}}. */
  public void installTls(Credentials c) {
    Tls.install(ns, c);
  }
}

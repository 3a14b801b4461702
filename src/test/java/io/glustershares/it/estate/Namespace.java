package io.glustershares.it.estate;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * One estate machine: network, mount, UTS, IPC and PID namespaces held by a tiny PID 1. That PID 1
 * reads its standard input, a pipe from this JVM, and exits at end of file: when the JVM ends, in
 * whatever way, the kernel kills everything in the namespace, and its mounts and network go with
 * it. Commands enter it with {@code nsenter}.
 */
public final class Namespace implements AutoCloseable {

  /**
   * PID 1: named by the marker (so leftovers can be found), reaps orphans, ends at EOF on stdin.
   */
  private static final String INIT =
      "$0 = shift; $SIG{TERM} = sub { exit 0 };"
          + " $SIG{CHLD} = sub { 1 while waitpid(-1, 1) > 0 };"
          + " while (1) { my $n = sysread(STDIN, my $b, 64);"
          + " last if defined $n && $n == 0; last if !defined $n && !$!{EINTR}; }";

  private static final Duration START = Duration.ofSeconds(10);

  private final String name;
  private final Process holder;
  private final OutputStream lifeline;
  private final long pid;
  private final Set<String> namespaces;

  private Namespace(
      String name, Process holder, OutputStream lifeline, long pid, Set<String> namespaces) {
    this.name = name;
    this.holder = holder;
    this.lifeline = lifeline;
    this.pid = pid;
    this.namespaces = namespaces;
  }

  /** Starts the namespaces; nothing is mounted or configured in them yet. */
  static Namespace start(String marker, String name, Path log) {
    ProcessBuilder pb =
        new ProcessBuilder(
            "unshare",
            "--net",
            "--mount",
            "--uts",
            "--ipc",
            "--pid",
            "--fork",
            "--kill-child=SIGKILL",
            "--mount-proc",
            "--propagation",
            "private",
            "perl",
            "-e",
            INIT,
            marker + name);
    pb.environment().clear();
    pb.environment().putAll(Exec.BASE_ENV);
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Process holder;
    try {
      holder = pb.start();
    } catch (IOException e) {
      throw new EstateException("cannot start unshare for " + name + ": " + e.getMessage(), e);
    }
    long[] init = {-1};
    boolean started =
        Poll.within(
            START,
            () -> {
              Optional<ProcessHandle> child =
                  holder
                      .children()
                      .filter(c -> (marker + name).equals(cmdline(c.pid())))
                      .findFirst();
              child.ifPresent(c -> init[0] = c.pid());
              return child.isPresent() || !holder.isAlive();
            });
    if (!started || init[0] < 0) {
      holder.destroyForcibly();
      throw new EstateException(
          "the namespaces of " + name + " did not start (see " + log + "): " + read(log));
    }
    return new Namespace(name, holder, holder.getOutputStream(), init[0], inodes(init[0]));
  }

  /** {@code /proc/PID/cmdline} up to the first NUL, or "" when the process is gone. */
  static String cmdline(long pid) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"));
      int end = 0;
      while (end < raw.length && raw[end] != 0) {
        end++;
      }
      return new String(raw, 0, end, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** The namespace identities ({@code net:[4026532...]}) of a process, empty when it is gone. */
  static Set<String> inodes(long pid) {
    Set<String> ids = new TreeSet<>();
    for (String ns : List.of("net", "mnt", "pid", "uts", "ipc")) {
      try {
        ids.add(Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/" + ns)).toString());
      } catch (IOException e) {
        // Gone, or not ours to read: nothing to record.
      }
    }
    return ids;
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log).strip() : "";
    } catch (IOException e) {
      return "";
    }
  }

  public String name() {
    return name;
  }

  /** The host's PID of this namespace's PID 1. */
  public long pid() {
    return pid;
  }

  /** Its namespace identities, to prove later that nothing of it is left. */
  Set<String> namespaces() {
    return namespaces;
  }

  /**
   * A path as seen inside the namespace, reachable from the host (through {@code /proc/PID/root},
   * which follows the namespace's own mounts): tests read and write tenants' mounts this way.
   */
  public Path inside(String path) {
    return Path.of("/proc/" + pid + "/root" + path);
  }

  private List<String> enter(Path workDir, List<String> argv) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "nsenter",
                "-t",
                String.valueOf(pid),
                "-m",
                "-u",
                "-i",
                "-n",
                "-p",
                "--wd=" + workDir,
                "--"));
    all.addAll(argv);
    return all;
  }

  /** Runs a command inside, in {@code /}. */
  public Exec.Result exec(List<String> argv, Duration timeout) {
    return Exec.run(enter(Path.of("/"), argv), timeout);
  }

  public Exec.Result exec(String... argv) {
    return exec(List.of(argv), Duration.ofSeconds(120));
  }

  /** Runs a command inside, in {@code workDir}, with more environment and optional stdin. */
  public Exec.Result exec(
      Path workDir, Map<String, String> env, String stdin, List<String> argv, Duration timeout) {
    return Exec.run(enter(workDir, argv), env, stdin, timeout);
  }

  /** The same, telling {@code onLine} each line of standard output as it comes. */
  public Exec.Result exec(
      Path workDir,
      Map<String, String> env,
      List<String> argv,
      Duration timeout,
      Consumer<String> onLine) {
    return Exec.run(enter(workDir, argv), env, null, timeout, onLine);
  }

  /** Starts a command inside, in {@code workDir}, without waiting for it. */
  public Exec.Running start(Path workDir, Map<String, String> env, List<String> argv) {
    return Exec.start(enter(workDir, argv), env);
  }

  /** Starts a daemon that detaches; its output goes to {@code log}, never to a pipe of ours. */
  public void daemon(List<String> argv, Path log) {
    ProcessBuilder pb = new ProcessBuilder(enter(Path.of("/"), argv));
    pb.environment().clear();
    pb.environment().putAll(Exec.BASE_ENV);
    pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      Process p = pb.start();
      if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new EstateException(
            String.join(" ", argv) + " did not start in " + name + ": " + read(log));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EstateException("interrupted", e);
    }
  }

  /** The mount table inside ({@code /proc/PID/mounts}). */
  public String mounts() {
    try {
      return Files.readString(Path.of("/proc/" + pid + "/mounts"));
    } catch (IOException e) {
      return "";
    }
  }

  public boolean alive() {
    return holder.isAlive() && ProcessHandle.of(pid).isPresent();
  }

  /**
   * Ends everything inside: PID 1 sees end of file and exits, the kernel kills the rest. Waits for
   * the holder to end.
   */
  @Override
  public void close() {
    try {
      lifeline.close();
    } catch (IOException e) {
      // Already closed: PID 1 is going anyway.
    }
    if (!Poll.within(Duration.ofSeconds(10), () -> !holder.isAlive())) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      holder.destroyForcibly();
      Poll.within(Duration.ofSeconds(10), () -> !holder.isAlive());
    }
  }
}

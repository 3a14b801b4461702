package io.glustershares.it.estate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Test-only, and nothing of the product: a stand-in {@code gluster} on one node, in front of the
 * real {@code /usr/sbin/gluster}, for the SSH sessions of one managing host. It sits in a tmpfs
 * over {@code /usr/local/sbin} (first on sshd's PATH) in the node's own mount namespace, so only
 * that node sees it, and it runs the real gluster for everyone else unchanged. Armed, it counts the
 * calls of that host's sessions and, at call N, lets the call take effect (or fails it, as gluster
 * fails) and then holds its answer back until the test lets it go: the test meanwhile kills the
 * tool (kill -9, as after any call of the simulator's {@code die=N}), cuts its connection, or runs
 * another apply.
 */
public final class GlusterTrigger implements AutoCloseable {

  /** What call N does before its answer is held back. */
  public enum Mode {
    /** The real gluster runs: the call takes effect. */
    RUN,
    /** Nothing runs; the answer is gluster's failure XML (opRet -1). */
    FAIL
  }

  private static final String SCRIPT =
      String.join(
          "\n",
          "#!/bin/sh",
          "# Test-only stand-in for gluster (gluster-shares' GlusterTrigger); see that class.",
          "ctl='CTL'",
          "client=${SSH_CONNECTION%% *}",
          "[ -n \"$client\" ] && [ -f \"$ctl/armed\" ] || exec /usr/sbin/gluster \"$@\"",
          "read -r at ip mode < \"$ctl/armed\"",
          "[ \"$client\" = \"$ip\" ] || exec /usr/sbin/gluster \"$@\"",
          "exec 8>> \"$ctl/count.lock\"",
          "flock 8",
          "n=$(( $(cat \"$ctl/count\" 2>/dev/null || echo 0) + 1 ))",
          "echo \"$n\" > \"$ctl/count\"",
          "printf '%s\\n' \"$*\" >> \"$ctl/calls\"",
          "hit=",
          "if [ \"$at\" = NEW ]; then",
          "  case \" $* \" in *' volume set '*|*' volume stop '*|*' volume start '*)",
          "    grep -qxF -e \"$*\" \"$ctl/seen\" 2>/dev/null || { hit=1; printf '%s\\n' \"$*\" >> \"$ctl/seen\"; }",
          "  esac",
          "elif [ \"$n\" = \"$at\" ]; then",
          "  hit=1",
          "fi",
          "flock -u 8",
          "exec 8>&-",
          "tmp=$(mktemp -d)",
          "if [ -n \"$hit\" ] && [ \"$mode\" = FAIL ]; then",
          "  printf '%s\\n' '<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>'"
              + " '<cliOutput>' '  <opRet>-1</opRet>' '  <opErrno>30800</opErrno>'"
              + " '  <opErrstr>injected failure of call '$n' (test)</opErrstr>' '</cliOutput>'"
              + " > \"$tmp/out\"",
          "  status=0",
          "else",
          "  /usr/sbin/gluster \"$@\" > \"$tmp/out\" 2> \"$tmp/err\"",
          "  status=$?",
          "fi",
          "if [ -n \"$hit\" ]; then",
          "  printf '%s\\n' \"$*\" > \"$ctl/hit.new\" && mv \"$ctl/hit.new\" \"$ctl/hit\"",
          "  i=0",
          "  while [ ! -e \"$ctl/release\" ] && [ -e \"$ctl/hit\" ] && [ $i -lt 6000 ]; do",
          "    sleep 0.05; i=$((i+1))",
          "  done",
          "fi",
          "cat \"$tmp/out\"",
          "[ -f \"$tmp/err\" ] && cat \"$tmp/err\" >&2",
          "rm -rf \"$tmp\"",
          "exit $status",
          "");

  private final Node node;
  private final Path ctl;

  private GlusterTrigger(Node node, Path ctl) {
    this.node = node;
    this.ctl = ctl;
  }

  /**
   * Puts the stand-in on {@code node}; {@code ctl} is a directory of the test's (the same path on
   * the host and in every namespace) where it keeps its counts.
   */
  public static GlusterTrigger install(Node node, Path ctl) {
    node.exec("mount", "-t", "tmpfs", "-o", "size=1m,mode=0755", "tmpfs", "/usr/local/sbin")
        .orThrow();
    GlusterTrigger trigger = new GlusterTrigger(node, ctl);
    try {
      Files.createDirectories(ctl);
      Files.deleteIfExists(ctl.resolve("seen"));
      Path script = node.namespace().inside("/usr/local/sbin/gluster");
      Files.writeString(script, SCRIPT.replace("CTL", ctl.toString()));
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException | RuntimeException e) {
      trigger.close();
      throw new EstateException("cannot install the gluster trigger on " + node, e);
    }
    return trigger;
  }

  /** Counts the calls of {@code host}'s sessions and holds back the answer of call {@code n}. */
  public void arm(int n, ManagingHost host, Mode mode) {
    reset();
    write("armed", n + " " + host.ip() + " " + mode.name() + "\n");
  }

  /**
   * Holds back the answer of the first call of {@code host}'s sessions that changes something
   * ({@code volume set}, {@code stop}, {@code start}) with an argv not held back before since the
   * trigger was installed: an apply that redoes a change it finds undone is stopped at the first
   * change it makes that is new, so that a run of such applies, each killed there, gets on.
   */
  public void armAtNewChange(ManagingHost host) {
    reset();
    write("armed", "NEW " + host.ip() + " " + Mode.RUN.name() + "\n");
  }

  /** The argv of the call whose answer is held back, once it was reached. */
  public String held() {
    try {
      return Files.readString(ctl.resolve("hit")).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Only counts (and records) the calls of {@code host}'s sessions. */
  public void count(ManagingHost host) {
    arm(0, host, Mode.RUN);
  }

  /** Back to the real gluster for everyone; a held answer goes (to whoever still reads it). */
  public void disarm() {
    reset();
  }

  /**
   * Waits until the armed call was made, or {@code ended} says the run is over first.
   *
   * @return whether the armed call was reached
   */
  public boolean awaitHit(Duration timeout, BooleanSupplier ended) {
    Poll.within(timeout, () -> Files.exists(ctl.resolve("hit")) || ended.getAsBoolean());
    return Files.exists(ctl.resolve("hit"));
  }

  /** Lets the held answer go. */
  public void release() {
    write("release", "");
  }

  /** The calls counted since it was armed, one line of argv each (without {@code gluster}). */
  public List<String> calls() {
    Path calls = ctl.resolve("calls");
    try {
      return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void reset() {
    for (String f : List.of("armed", "count", "calls", "hit", "release")) {
      try {
        Files.deleteIfExists(ctl.resolve(f));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private void write(String file, String text) {
    try {
      Files.writeString(ctl.resolve(file), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Takes the stand-in away: the node's gluster is the real one again. */
  @Override
  public void close() {
    reset();
    release();
    node.exec("umount", "-l", "/usr/local/sbin");
  }
}

package io.glustershares.cli;

import io.glustershares.apply.ClusterLock;
import io.glustershares.apply.ClusterLocks;
import io.glustershares.apply.HostLock;
import io.glustershares.apply.LockDirectory;
import io.glustershares.apply.LockedRunner;
import io.glustershares.apply.PoolLock;
import io.glustershares.gluster.GlusterClient;
import io.glustershares.gluster.LocalRunner;
import io.glustershares.gluster.SshRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which lock each cluster of an apply takes, and the clients the apply runs through while it holds
 * them. A cluster over SSH is locked on its servers ({@link PoolLock}), one run by the local CLI on
 * this host ({@link HostLock}), a simulated one by a lock file in this host's lock directory.
 */
final class ApplyLocks {

  static final String LOCK_DIR_VARIABLE = "GLUSTER_SHARES_LOCK_DIR";

  /** A user's own runtime directory (XDG Base Directory): the lock directory goes there. */
  static final String RUNTIME_DIR_VARIABLE = "XDG_RUNTIME_DIR";

  private ApplyLocks() {}

  /**
   * Takes the lock of every cluster of {@code connections}, telling on stderr when one waits.
   *
   * @throws UserError exit 4 when another apply holds a lock past the timeout or a lock place is
   *     unsafe; exit 1 when a lock cannot be taken at all
   */
  static ClusterLocks take(
      Context context, String stack, Connections connections, Duration timeout) {
    String host = hostName();
    long pid = ProcessHandle.current().pid();
    String since = Instant.now(context.environment.clock()).toString();
    List<ClusterLock> locks = new ArrayList<>();
    Map<String, String> lockFiles = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, GlusterClient> e : connections.executors().entrySet()) {
        String cluster = e.getKey();
        GlusterClient client = e.getValue();
        String holder =
            "PID "
                + pid
                + " on "
                + host
                + " since "
                + since
                + ", stack '"
                + stack
                + "' through "
                + client.runner().describe();
        if (client.runner() instanceof SshRunner ssh) {
          locks.add(new PoolLock(cluster, client, ssh::forHost, holder));
        } else if (client.runner() instanceof LocalRunner local) {
          locks.add(new HostLock(cluster, local, holder));
        } else {
          lockFiles.put(cluster, client.runner().lockKey());
        }
      }
      if (!lockFiles.isEmpty()) {
        Path dir =
            LockDirectory.location(
                context.environment.variable(LOCK_DIR_VARIABLE),
                context.environment.variable(RUNTIME_DIR_VARIABLE));
        locks.addAll(
            ClusterLocks.lockFiles(
                dir,
                lockFiles,
                context.environment.clock(),
                p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false),
                host));
      }
      return ClusterLocks.acquire(
          locks,
          timeout,
          message -> {
            context.err.println("gluster-shares: " + message);
            context.err.flush();
          });
    } catch (ClusterLocks.HeldException | ClusterLocks.UnsafeException e) {
      throw new UserError(ExitCode.REFUSED, e.getMessage());
    } catch (ClusterLocks.UnavailableException e) {
      throw new UserError(ExitCode.GLUSTER_ERROR, e.getMessage());
    } catch (UncheckedIOException e) {
      throw new UserError(ExitCode.GLUSTER_ERROR, e.getMessage(), e.getCause());
    }
  }

  /**
   * The clients an apply runs its actions through: each stops before its next command once its
   * cluster's lock is lost.
   */
  static Map<String, GlusterClient> guarded(Connections connections, ClusterLocks locks) {
    Map<String, GlusterClient> guarded = new LinkedHashMap<>();
    connections
        .executors()
        .forEach(
            (cluster, client) ->
                guarded.put(
                    cluster,
                    client.through(new LockedRunner(client.runner(), () -> locks.lost(cluster)))));
    return guarded;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}

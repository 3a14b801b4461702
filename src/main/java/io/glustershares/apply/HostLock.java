package io.glustershares.apply;

import io.glustershares.gluster.HeldCommand;
import io.glustershares.gluster.Runner;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The apply lock of a cluster whose gluster commands run on this host (the local CLI, {@code
 * server: HOST}): the {@link ServerLock} of this host, the same file an apply over SSH takes here.
 * It cannot reach the cluster's other servers (the local CLI has no login to them), so it excludes
 * the applies that lock this host: those run here, and those over SSH that lock this server too.
 */
public final class HostLock implements ClusterLock {

  private final String cluster;
  private final Runner runner;
  private final String holder;

  /**
   * @param holder who we are, written for whoever waits (PID, host, start time)
   */
  public HostLock(String cluster, Runner runner, String holder) {
    this.cluster = cluster;
    this.runner = runner;
    this.holder = holder;
  }

  @Override
  public String cluster() {
    return cluster;
  }

  @Override
  public Held acquire(Duration timeout, Consumer<String> waiting)
      throws ClusterLocks.HeldException,
          ClusterLocks.UnsafeException,
          ClusterLocks.UnavailableException {
    String where = "this host (" + runner.host() + ")";
    ServerLock.Outcome outcome =
        ServerLock.take(
            runner,
            holder,
            timeout,
            h -> waiting.accept(LockMessages.waiting(cluster, h, timeout, where)));
    if (outcome instanceof ServerLock.Outcome.Taken taken) {
      return held(taken.command(), where);
    }
    if (outcome instanceof ServerLock.Outcome.Held held) {
      throw new ClusterLocks.HeldException(
          LockMessages.held(cluster, held.holder(), timeout, where));
    }
    if (outcome instanceof ServerLock.Outcome.Unsafe unsafe) {
      throw new ClusterLocks.UnsafeException(LockMessages.unsafe(cluster, unsafe.why(), where));
    }
    if (outcome instanceof ServerLock.Outcome.NotTaken notTaken) {
      throw new ClusterLocks.UnavailableException(
          "cluster '"
              + cluster
              + "': cannot take the apply lock on "
              + where
              + ": "
              + notTaken.why());
    }
    throw new IllegalStateException("unknown lock outcome " + outcome);
  }

  private Held held(HeldCommand command, String where) {
    return new Held() {
      @Override
      public Optional<String> note() {
        return Optional.empty();
      }

      @Override
      public Optional<String> lost() {
        return command
            .ended()
            .map(
                why ->
                    "the apply lock of cluster '" + cluster + "' on " + where + " ended: " + why);
      }

      @Override
      public void close() {
        command.close();
      }
    };
  }
}

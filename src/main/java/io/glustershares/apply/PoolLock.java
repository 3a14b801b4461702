package io.glustershares.apply;

import io.glustershares.gluster.GlusterClient;
import io.glustershares.gluster.GlusterException;
import io.glustershares.gluster.HeldCommand;
import io.glustershares.gluster.Runner;
import io.glustershares.model.Peer;
import io.glustershares.model.Plural;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The apply lock of a cluster reached over SSH, held on its servers themselves so that applies from
 * any host exclude each other, whichever server of the cluster they talk to, under whatever name or
 * login. The servers come from {@code gluster pool list} (the pool is the cluster); the lock
 * ({@link ServerLock}) is taken on each of them in UUID order, the same order for every apply, and
 * the apply goes ahead once it holds it on a strict majority of them. Two majorities of one pool
 * always share a server, so two applies never both go ahead; a server out of reach (down, its sshd
 * gone, its host key unknown) is skipped as long as a majority remains, and said so. The lock on
 * the server the apply talks to goes over the apply's own connection; the others over a connection
 * each, with the same login. Any of them ends with the apply, however it ends.
 */
public final class PoolLock implements ClusterLock {

  private final String cluster;
  private final GlusterClient gluster;
  private final Function<String, Runner> peers;
  private final String holder;

  /**
   * @param gluster the server the apply talks to
   * @param peers a runner for another server of the pool, by the name the pool knows it by (the
   *     same login); the lock closes those it opens
   * @param holder who we are, written for whoever waits (PID, host, start time)
   */
  public PoolLock(
      String cluster, GlusterClient gluster, Function<String, Runner> peers, String holder) {
    this.cluster = cluster;
    this.gluster = gluster;
    this.peers = peers;
    this.holder = holder;
  }

  @Override
  public String cluster() {
    return cluster;
  }

  /** The lock on one server. */
  private record Part(String server, HeldCommand command) {}

  @Override
  public Held acquire(Duration timeout, Consumer<String> waiting)
      throws ClusterLocks.HeldException,
          ClusterLocks.UnsafeException,
          ClusterLocks.UnavailableException {
    List<Peer> pool;
    try {
      pool = gluster.peers().stream().sorted(Comparator.comparing(Peer::uuid)).toList();
    } catch (GlusterException e) {
      throw new ClusterLocks.UnavailableException(
          e.getMessage() + "; the apply lock is taken on the servers that pool list names");
    }
    if (pool.isEmpty()) {
      throw new ClusterLocks.UnavailableException(
          "cluster '" + cluster + "': gluster pool list names no server; cannot take the lock");
    }
    int majority = pool.size() / 2 + 1;
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Part> taken = new ArrayList<>();
    List<Runner> opened = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    try {
      Map<String, Runner> remote = new LinkedHashMap<>();
      for (Peer peer : pool) {
        if (!peer.local()) {
          Runner runner = peers.apply(peer.hostname());
          opened.add(runner);
          remote.put(peer.hostname(), runner);
        }
      }
      Map<String, String> unreachable = PeerConnections.open(remote);
      for (Peer peer : pool) {
        String server = peer.local() ? gluster.runner().host() : peer.hostname();
        Runner runner = peer.local() ? gluster.runner() : remote.get(peer.hostname());
        if (!peer.local() && unreachable.containsKey(peer.hostname())) {
          skipped.add(server + ": " + unreachable.get(peer.hostname()));
          continue;
        }
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        ServerLock.Outcome outcome =
            ServerLock.take(
                runner,
                holder,
                left,
                h -> waiting.accept(LockMessages.waiting(cluster, h, timeout, server)));
        if (outcome instanceof ServerLock.Outcome.Taken t) {
          taken.add(new Part(server, t.command()));
        } else if (outcome instanceof ServerLock.Outcome.Held h) {
          throw new ClusterLocks.HeldException(
              LockMessages.held(cluster, h.holder(), timeout, server));
        } else if (outcome instanceof ServerLock.Outcome.Unsafe u) {
          throw new ClusterLocks.UnsafeException(LockMessages.unsafe(cluster, u.why(), server));
        } else if (outcome instanceof ServerLock.Outcome.NotTaken n) {
          skipped.add(server + ": " + n.why());
        } else {
          throw new IllegalStateException("unknown lock outcome " + outcome);
        }
      }
      if (taken.size() < majority) {
        throw new ClusterLocks.UnavailableException(
            "cluster '"
                + cluster
                + "': the apply lock must be held on a majority of its "
                + Plural.of(pool.size(), "server")
                + " ("
                + majority
                + "), but only "
                + taken.size()
                + " could be locked; not locked on "
                + String.join("; ", skipped));
      }
    } catch (ClusterLocks.HeldException
        | ClusterLocks.UnsafeException
        | ClusterLocks.UnavailableException
        | RuntimeException e) {
      release(taken, opened);
      throw e;
    }
    Optional<String> note =
        skipped.isEmpty()
            ? Optional.empty()
            : Optional.of(
                "cluster '"
                    + cluster
                    + "': the apply lock is held on "
                    + taken.size()
                    + " of its "
                    + Plural.of(pool.size(), "server")
                    + ", a majority; not on "
                    + String.join("; ", skipped));
    return new Held() {
      @Override
      public Optional<String> note() {
        return note;
      }

      @Override
      public Optional<String> lost() {
        List<String> ended = new ArrayList<>();
        for (Part p : taken) {
          p.command().ended().ifPresent(why -> ended.add(p.server() + ": " + why));
        }
        if (taken.size() - ended.size() >= majority) {
          return Optional.empty();
        }
        return Optional.of(
            "the apply lock of cluster '"
                + cluster
                + "' is no longer held on a majority of its servers ("
                + String.join("; ", ended)
                + ")");
      }

      @Override
      public void close() {
        release(taken, opened);
      }
    };
  }

  private static void release(List<Part> taken, List<Runner> opened) {
    for (int i = taken.size() - 1; i >= 0; i--) {
      taken.get(i).command().close();
    }
    taken.clear();
    opened.forEach(Runner::close);
    opened.clear();
  }
}

package io.glustershares.apply;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

/**
 * The locks of every cluster an apply works on, taken in cluster name order (so that two applies
 * never wait on each other crosswise) and let go together. Each cluster's lock is a {@link
 * ClusterLock}.
 */
public final class ClusterLocks implements AutoCloseable {

  /** The lock is still held by another apply after waiting as long as allowed. */
  public static final class HeldException extends Exception {
    public HeldException(String message) {
      super(message);
    }
  }

  /** The lock is in a place that others could turn into a write: refused, nothing was written. */
  public static final class UnsafeException extends Exception {
    public UnsafeException(String message) {
      super(message);
    }
  }

  /** The lock could not be taken at all: the servers it lives on are out of reach. */
  public static final class UnavailableException extends Exception {
    public UnavailableException(String message) {
      super(message);
    }
  }

  private final List<ClusterLock.Held> held = new ArrayList<>();
  private final Map<String, List<ClusterLock.Held>> byCluster = new TreeMap<>();
  private final List<String> notes = new ArrayList<>();

  private ClusterLocks() {}

  /**
   * Takes every lock, in cluster name order (a cluster's own locks in the order given), waiting up
   * to {@code timeout} for each; on any failure the ones taken are let go.
   */
  public static ClusterLocks acquire(List<ClusterLock> locks, Duration timeout)
      throws HeldException, UnsafeException, UnavailableException {
    return acquire(locks, timeout, message -> {});
  }

  /**
   * As {@link #acquire(List, Duration)}, telling {@code waiting} when a lock is held by another
   * apply and the wait begins.
   */
  public static ClusterLocks acquire(
      List<ClusterLock> locks, Duration timeout, Consumer<String> waiting)
      throws HeldException, UnsafeException, UnavailableException {
    ClusterLocks all = new ClusterLocks();
    try {
      for (ClusterLock lock :
          locks.stream().sorted(Comparator.comparing(ClusterLock::cluster)).toList()) {
        ClusterLock.Held h = lock.acquire(timeout, waiting);
        all.held.add(h);
        all.byCluster.computeIfAbsent(lock.cluster(), k -> new ArrayList<>()).add(h);
        h.note().ifPresent(all.notes::add);
      }
    } catch (HeldException | UnsafeException | UnavailableException | RuntimeException e) {
      all.close();
      throw e;
    }
    return all;
  }

  /**
   * Takes this host's lock file of every cluster in {@code dir}, which is made owner-only if it is
   * missing and must be this user's own.
   *
   * @param keys cluster name to the runner's lock key
   * @param alive tells whether a PID is still a running process
   */
  public static ClusterLocks acquire(
      Path dir,
      Map<String, String> keys,
      Duration timeout,
      Clock clock,
      LongPredicate alive,
      String host)
      throws HeldException, UnsafeException, UnavailableException {
    return acquire(lockFiles(dir, keys, clock, alive, host), timeout);
  }

  /** This host's lock files of the clusters in {@code keys}, in {@code dir} (opened, checked). */
  public static List<ClusterLock> lockFiles(
      Path dir, Map<String, String> keys, Clock clock, LongPredicate alive, String host)
      throws UnsafeException {
    LockDirectory directory = LockDirectory.open(dir, currentUid());
    List<ClusterLock> locks = new ArrayList<>();
    new TreeMap<>(keys)
        .forEach(
            (cluster, key) -> locks.add(new LockFile(directory, cluster, key, clock, alive, host)));
    return locks;
  }

  /** The uid this process runs as: the lock directory and files must be its own. */
  static long currentUid() {
    return new com.sun.security.auth.module.UnixSystem().getUid();
  }

  /** Things worth telling the user, such as a stale lock taken over. */
  public List<String> notes() {
    return notes;
  }

  /**
   * Why the lock of {@code cluster} is no longer held, if it is not: nothing more may change there.
   */
  public Optional<String> lost(String cluster) {
    for (ClusterLock.Held h : byCluster.getOrDefault(cluster, List.of())) {
      Optional<String> why = h.lost();
      if (why.isPresent()) {
        return why;
      }
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    for (int i = held.size() - 1; i >= 0; i--) {
      held.get(i).close();
    }
    held.clear();
    byCluster.clear();
  }
}

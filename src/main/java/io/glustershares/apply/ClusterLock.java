package io.glustershares.apply;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The lock that keeps a second apply off one cluster while one runs: on the cluster's servers
 * ({@link PoolLock} over SSH, {@link HostLock} for the local gluster CLI), or a lock file on this
 * host for a simulated cluster ({@link LockFile}). {@link ClusterLocks} takes every cluster's lock
 * in a fixed order.
 */
public interface ClusterLock {

  /** The cluster this lock is for: locks are taken in cluster name order. */
  String cluster();

  /** Takes the lock, waiting up to {@code timeout}; see {@link #acquire(Duration, Consumer)}. */
  default Held acquire(Duration timeout)
      throws ClusterLocks.HeldException,
          ClusterLocks.UnsafeException,
          ClusterLocks.UnavailableException {
    return acquire(timeout, message -> {});
  }

  /**
   * Takes the lock, waiting up to {@code timeout} for another apply to let it go.
   *
   * @param waiting told, with the holder, when another apply holds it and the wait begins
   * @throws ClusterLocks.HeldException another apply still holds it after the wait
   * @throws ClusterLocks.UnsafeException the lock is in a place others could turn into a write
   * @throws ClusterLocks.UnavailableException the lock could not be taken at all (servers out of
   *     reach)
   */
  Held acquire(Duration timeout, Consumer<String> waiting)
      throws ClusterLocks.HeldException,
          ClusterLocks.UnsafeException,
          ClusterLocks.UnavailableException;

  /** A lock taken; closing lets it go. */
  interface Held extends AutoCloseable {

    /** Worth telling the user, such as a stale lock taken over. */
    Optional<String> note();

    /**
     * Why the lock is no longer held (its session on a server ended); empty while it is. Nothing
     * more may change on the cluster once it is lost.
     */
    default Optional<String> lost() {
      return Optional.empty();
    }

    @Override
    void close();
  }
}

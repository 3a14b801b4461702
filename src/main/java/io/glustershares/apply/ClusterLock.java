package io.glustershares.apply;

import java.time.Duration;
import java.util.Optional;

/**
 * The lock that keeps a second apply off one cluster while one runs. Today that is a lock file on
 * the managing host ({@link LockFile}); a lock held on the cluster's own server, so that applies
 * from different hosts exclude each other too, is another implementation, and {@link ClusterLocks}
 * takes whichever locks a cluster has, in a fixed order.
 */
public interface ClusterLock {

  /** The cluster this lock is for: locks are taken in cluster name order. */
  String cluster();

  /**
   * Takes the lock, waiting up to {@code timeout} for another apply to let it go.
   *
   * @throws ClusterLocks.HeldException another apply still holds it after the wait
   * @throws ClusterLocks.UnsafeException the lock is in a place others could turn into a write
   */
  Held acquire(Duration timeout) throws ClusterLocks.HeldException, ClusterLocks.UnsafeException;

  /** A lock taken; closing lets it go. */
  interface Held extends AutoCloseable {

    /** Worth telling the user, such as a stale lock taken over. */
    Optional<String> note();

    @Override
    void close();
  }
}

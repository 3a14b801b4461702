package io.glustershares.apply;

import java.time.Duration;

/** What the locks held on servers say, in the words of the managing host's lock file. */
final class LockMessages {

  private LockMessages() {}

  static String waiting(String cluster, String holder, Duration timeout, String where) {
    return "cluster '"
        + cluster
        + "' is being applied by another gluster-shares ("
        + holder
        + "), which holds its lock on "
        + where
        + "; waiting up to "
        + timeout.toSeconds()
        + " s (--lock-timeout)";
  }

  static String held(String cluster, String holder, Duration timeout, String where) {
    return "cluster '"
        + cluster
        + "' is being applied by another gluster-shares ("
        + holder
        + "); waited "
        + timeout.toSeconds()
        + " s (--lock-timeout); its lock is "
        + ServerLock.FILE
        + " on "
        + where;
  }

  static String unsafe(String cluster, String why, String where) {
    return "cluster '"
        + cluster
        + "': refusing the apply lock on "
        + where
        + ": "
        + why
        + " (a lock must never write through to another file); nothing was changed";
  }
}

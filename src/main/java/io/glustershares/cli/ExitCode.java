package io.glustershares.cli;

/** Exit codes, SPEC §5. */
public final class ExitCode {
  /** Success; no changes. */
  public static final int OK = 0;

  /** An error reaching or operating gluster. */
  public static final int GLUSTER_ERROR = 1;

  /** Changes or drift present (plan --detailed-exitcode, audit). */
  public static final int CHANGES = 2;

  /** Invalid desired state or arguments. */
  public static final int INVALID = 3;

  /** Refused: stale plan, destroy not allowed, lock held, no confirmation. */
  public static final int REFUSED = 4;

  /** Stopped by Ctrl-C (SIGINT), as shells report it: 128 + 2. */
  public static final int INTERRUPTED = 130;

  private ExitCode() {}
}

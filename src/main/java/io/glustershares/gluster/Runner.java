package io.glustershares.gluster;

import java.time.Duration;
import java.util.List;

/**
 * Runs argv lists where a cluster's gluster commands run: this host, an SSH server, or the
 * simulator. Implementations never pass argv through a local shell; the SSH runner quotes every
 * word for the remote one.
 */
public interface Runner extends AutoCloseable {

  /**
   * Runs one command to completion.
   *
   * @throws RunnerException when the command cannot be run at all, or runs past {@code timeout}
   */
  ProcessResult run(List<String> argv, Duration timeout) throws RunnerException;

  /** How this runner reaches the cluster, for messages: {@code local}, {@code ssh root@host}. */
  String describe();

  /** The host name tenants mount from ({@code HOST:/VOLUME}). */
  String host();

  /**
   * Whether running a command costs this host's CPU rather than waiting on a network or another
   * process (the simulator without added latency): then more threads than cores only slow it.
   */
  default boolean cpuBound() {
    return false;
  }

  /**
   * Starts a command that runs until the returned handle is closed, its standard input open all the
   * while (see {@link HeldCommand}). Only runners that reach a real host can.
   *
   * @throws RunnerException when it cannot be started
   */
  default HeldCommand hold(List<String> argv) throws RunnerException {
    throw new UnsupportedOperationException(describe() + " cannot hold a command");
  }

  /**
   * Makes the connection now rather than on the first command, where there is one to make (the
   * apply lock opens the connections to a pool's other servers side by side, then locks them in
   * order).
   *
   * @throws RunnerException when the host cannot be reached or refuses the login
   */
  default void open() throws RunnerException {}

  /** A key naming the cluster on this managing host, for the apply lock. */
  String lockKey();

  @Override
  void close();
}

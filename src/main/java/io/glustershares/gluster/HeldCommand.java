package io.glustershares.gluster;

import java.time.Duration;
import java.util.Optional;

/**
 * A command that runs for as long as it is held: its standard input stays open until {@link
 * #close()}, and it is meant to end when that input ends. Over SSH the input is the session's
 * channel, so the command also ends when the connection drops, whoever drops it: a lock held by
 * such a command dies with the apply that holds it.
 */
public interface HeldCommand extends AutoCloseable {

  /**
   * The next line the command printed, waiting up to {@code timeout}.
   *
   * @return empty when the command ended (or closed its output) without printing another line
   * @throws RunnerException the timeout passed first, or the output could not be read
   */
  Optional<String> readLine(Duration timeout) throws RunnerException;

  /** Why the command no longer runs (it ended, or its connection dropped); empty while it runs. */
  Optional<String> ended();

  /** Ends the command's input, so that it ends; waits a little for it, then lets it go. */
  @Override
  void close();
}

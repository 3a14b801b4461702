package io.glustershares.gluster;

import java.time.Duration;
import java.util.List;

/**
 * Told of every command a {@link GlusterClient} runs, after it ran: what {@code -v} prints, so an
 * operator sees on a real cluster what the simulator's {@code .calls} file shows. Only the argv,
 * its outcome and its duration: never output, environment or login (secrets live there).
 */
@FunctionalInterface
public interface CallLog {

  CallLog NONE = (cluster, argv, took, outcome) -> {};

  /**
   * @param outcome {@code exit N}, or {@code not run: WHY} when the command could not be run
   */
  void called(String cluster, List<String> argv, Duration took, String outcome);
}

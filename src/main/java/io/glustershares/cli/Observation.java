package io.glustershares.cli;

import io.glustershares.model.DesiredState;
import io.glustershares.model.ObservedState;

/** Reads every cluster of a file for a command that needs all of them (plan, audit, apply). */
final class Observation {

  private Observation() {}

  /** The observed state; a cluster that cannot be read ends the command with exit 1. */
  static ObservedState readAll(Context context, DesiredState desired, Connections connections) {
    Connections.Observation observation = read(context, connections);
    if (!observation.complete()) {
      throw new Exit(ExitCode.GLUSTER_ERROR);
    }
    return new ObservedState(observation.observed());
  }

  /**
   * Every cluster that can be read, each one that cannot said on standard error (audit's metrics
   * still report the others).
   */
  static Connections.Observation read(Context context, Connections connections) {
    // Said before a read that may take seconds per call over SSH (standard error: a document on
    // standard output stays clean).
    connections
        .readers()
        .keySet()
        .forEach(name -> context.err.println("gluster-shares: reading cluster " + name + "…"));
    Connections.Observation observation = connections.refresh();
    observation.errors().values().forEach(e -> context.err.println("gluster-shares: " + e));
    context.err.flush();
    return observation;
  }
}

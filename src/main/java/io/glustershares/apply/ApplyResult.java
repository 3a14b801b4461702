package io.glustershares.apply;

import io.glustershares.plan.Action;
import java.time.Duration;
import java.util.List;

/**
 * What an apply did: every action done, failed (with why) or skipped (with the failure it waited
 * on); after an interruption, the actions stopped between two steps and those never started.
 */
public record ApplyResult(
    List<Action> done,
    List<Failure> failed,
    List<Skipped> skipped,
    List<Interrupted> interrupted,
    List<Action> notStarted,
    Duration took) {

  public record Failure(Action action, String error) {}

  public record Skipped(Action action, String failedDependency) {}

  /** An action stopped after {@code stepsDone} of its steps; the next apply finishes it. */
  public record Interrupted(Action action, int stepsDone) {}

  public ApplyResult {
    done = List.copyOf(done);
    failed = List.copyOf(failed);
    skipped = List.copyOf(skipped);
    interrupted = List.copyOf(interrupted);
    notStarted = List.copyOf(notStarted);
  }

  public ApplyResult(
      List<Action> done, List<Failure> failed, List<Skipped> skipped, Duration took) {
    this(done, failed, skipped, List.of(), List.of(), took);
  }

  /** Whether the apply was stopped before it got to the end. */
  public boolean stopped() {
    return !interrupted.isEmpty() || !notStarted.isEmpty();
  }

  public boolean ok() {
    return failed.isEmpty() && skipped.isEmpty() && !stopped();
  }
}

package io.glustershares.cli;

import io.glustershares.plan.Action;
import java.time.Duration;

/**
 * What {@link ApplyProgress} tells as an apply runs, in one of two forms: plain lines for people
 * and CI logs ({@link TextLines}), or one JSON object per line for programs ({@link ApplyEvents},
 * {@code apply --json}). Called with {@link ApplyProgress}'s lock held, so one at a time.
 */
sealed interface ProgressLines permits TextLines, ApplyEvents {

  void started(Action action);

  /** Step {@code number} of {@code of} ended well, {@code took} after it began. */
  void stepDone(Action action, int number, int of, String what, Duration took);

  void done(Action action, Duration took);

  void failed(Action action, Duration took, String error);

  void skipped(Action action, String failedDependency);

  void interrupted(Action action, int stepsDone);

  /** The action has run {@code elapsed} so far; {@code step} is empty before its first step. */
  void stillRunning(Action action, Duration elapsed, String step);
}

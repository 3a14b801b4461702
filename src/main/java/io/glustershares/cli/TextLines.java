package io.glustershares.cli;

import io.glustershares.plan.Action;
import java.time.Duration;
import java.util.Locale;

/**
 * Apply's progress for people: a line on standard output per action as it starts and ends (a
 * failure also on standard error), and, on standard error, a line for an action still running, as
 * Terraform's "Still creating...". Plain lines, so that a CI log shows the same as a terminal.
 */
final class TextLines implements ProgressLines {

  private final Context context;

  TextLines(Context context) {
    this.context = context;
  }

  private void line(String text) {
    context.out.println(text);
    context.out.flush();
  }

  @Override
  public void started(Action action) {
    line(ApplyProgress.name(action) + ": started (" + action.summary() + ")");
  }

  @Override
  public void stepDone(Action action, int number, int of, String what, Duration took) {
    // People see steps only in the heartbeat of a long action.
  }

  @Override
  public void done(Action action, Duration took) {
    line(
        ApplyProgress.name(action) + String.format(Locale.ROOT, ": done in %.1f s", seconds(took)));
  }

  @Override
  public void failed(Action action, Duration took, String error) {
    String text =
        ApplyProgress.name(action)
            + String.format(Locale.ROOT, ": FAILED after %.1f s: ", seconds(took))
            + error;
    line(text);
    // A failure also goes to standard error, where CI systems and 2>/dev/null users look.
    context.err.println("gluster-shares: " + text);
  }

  @Override
  public void skipped(Action action, String failedDependency) {
    line(ApplyProgress.name(action) + ": skipped (waits on " + failedDependency + ")");
  }

  @Override
  public void interrupted(Action action, int stepsDone) {
    line(
        ApplyProgress.name(action)
            + ": stopped after step "
            + stepsDone
            + " of "
            + action.steps().size()
            + " (interrupted; the next apply finishes it)");
  }

  @Override
  public void stillRunning(Action action, Duration elapsed, String step) {
    context.err.println(
        "gluster-shares: still "
            + ApplyProgress.ongoing(action.type())
            + " "
            + action.subject().label()
            + "… "
            + elapsed.toSeconds()
            + " s"
            + (step.isEmpty() ? "" : ", " + step));
  }

  static double seconds(Duration took) {
    return took.toMillis() / 1000.0;
  }
}

package io.glustershares.cli;

import io.glustershares.apply.ApplyResult;
import io.glustershares.model.Printable;
import io.glustershares.plan.Action;
import io.glustershares.plan.Plan;
import io.glustershares.render.Json;
import java.time.Duration;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code apply --json}: one JSON object per line on standard output, as Terraform's {@code -json}
 * UI streams them (schema/apply-events-v1.schema.json). Each has {@code type}, {@code @timestamp}
 * and {@code @message} (the line a person would have read); the stream ends with one {@code
 * summary}, whatever happened. Each line is flushed at once, so a reader sees events as they come.
 * Refusals and failures also go to standard error as plain lines.
 */
final class ApplyEvents implements ProgressLines {

  /** How an apply ended, in the summary. */
  enum Outcome {
    APPLIED,
    INCOMPLETE,
    INTERRUPTED,
    NO_CHANGES,
    REFUSED,
    PLAN_ERRORS,
    /** Ended by an error before or outside the actions (a file, a cluster, a lock). */
    ERROR;

    String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Context context;

  ApplyEvents(Context context) {
    this.context = context;
  }

  private ObjectNode event(String type, String message) {
    ObjectNode o = Json.object();
    o.put("type", type);
    o.put("@timestamp", context.environment.clock().instant().toString());
    o.put("@message", Printable.oneLine(message));
    return o;
  }

  private synchronized void emit(ObjectNode event) {
    context.out.println(Json.compact(event));
    context.out.flush();
  }

  void version() {
    ObjectNode o = event("version", "gluster-shares " + VersionProvider.version());
    o.put("formatVersion", 1);
    o.put("version", VersionProvider.version());
    emit(o);
  }

  /** Which file apply read, and as what. */
  void source(String path, boolean savedPlan) {
    ObjectNode o =
        event(
            "source",
            "Reading "
                + path
                + (savedPlan ? " as a saved plan (plan --out)" : " as a desired-state file"));
    o.put("kind", savedPlan ? "saved_plan" : "desired_state");
    o.put("path", Printable.line(path));
    emit(o);
  }

  void planned(Plan plan) {
    for (Action a : plan.actions()) {
      ObjectNode o = event("planned", ApplyProgress.name(a) + ": " + a.summary());
      action(o, a);
      o.put("summary", Printable.line(a.summary()));
      o.put("destructive", a.destructive());
      o.put("disruptive", a.disruptive());
      o.put("steps", a.steps().size());
      o.set("dependsOn", Json.strings(a.dependsOn()));
      emit(o);
    }
  }

  private static void action(ObjectNode o, Action a) {
    o.put("action", a.id());
    o.put("actionType", a.type().id());
    o.put("cluster", a.cluster());
    o.put("share", a.share());
    Json.put(o, "snapshot", a.snapshot());
    Json.put(o, "volume", a.volume());
  }

  private static double seconds(Duration took) {
    return Math.round(took.toMillis() / 100.0) / 10.0;
  }

  @Override
  public void started(Action a) {
    ObjectNode o = event("action_started", ApplyProgress.name(a) + ": started");
    action(o, a);
    o.put("steps", a.steps().size());
    emit(o);
  }

  @Override
  public void stepDone(Action a, int number, int of, String what, Duration took) {
    ObjectNode o =
        event(
            "step_done",
            ApplyProgress.name(a) + ": step " + number + " of " + of + " done: " + what);
    o.put("action", a.id());
    o.put("step", number);
    o.put("of", of);
    o.put("what", what);
    o.put("tookSeconds", seconds(took));
    emit(o);
  }

  @Override
  public void done(Action a, Duration took) {
    ObjectNode o = event("action_done", ApplyProgress.name(a) + ": done");
    o.put("action", a.id());
    o.put("tookSeconds", seconds(took));
    Json.put(o, "exportLocation", a.exportLocation());
    emit(o);
  }

  @Override
  public void failed(Action a, Duration took, String error) {
    ObjectNode o = event("action_failed", ApplyProgress.name(a) + ": FAILED: " + error);
    o.put("action", a.id());
    o.put("tookSeconds", seconds(took));
    o.put("error", Printable.oneLine(error));
    emit(o);
    // A failure also goes to standard error, where CI systems and 2>/dev/null users look.
    context.err.println(
        "gluster-shares: " + ApplyProgress.name(a) + ": FAILED: " + Printable.oneLine(error));
  }

  @Override
  public void skipped(Action a, String failedDependency) {
    ObjectNode o =
        event(
            "action_skipped",
            ApplyProgress.name(a) + ": skipped (waits on " + failedDependency + ")");
    o.put("action", a.id());
    o.put("waitsOn", failedDependency);
    emit(o);
  }

  @Override
  public void interrupted(Action a, int stepsDone) {
    ObjectNode o =
        event(
            "action_interrupted",
            ApplyProgress.name(a) + ": stopped after step " + stepsDone + " (interrupted)");
    o.put("action", a.id());
    o.put("stepsDone", stepsDone);
    o.put("of", a.steps().size());
    emit(o);
  }

  @Override
  public void stillRunning(Action a, Duration elapsed, String step) {
    ObjectNode o =
        event(
            "heartbeat",
            "still "
                + ApplyProgress.ongoing(a.type())
                + " "
                + a.subject().label()
                + "… "
                + elapsed.toSeconds()
                + " s"
                + (step.isEmpty() ? "" : ", " + step));
    o.put("action", a.id());
    o.put("elapsedSeconds", elapsed.toSeconds());
    o.put("step", step);
    emit(o);
  }

  /** The last line when nothing ran: why not (the reason is on standard error too). */
  void summary(Outcome outcome, String why) {
    ObjectNode o = event("summary", why);
    o.put("outcome", outcome.id());
    counts(o, 0, 0, 0, 0, 0);
    o.putNull("tookSeconds");
    o.putArray("exports");
    o.putArray("failures");
    emit(o);
  }

  /** The last line of an apply that ran. */
  void summary(ApplyResult result) {
    Outcome outcome =
        result.ok() ? Outcome.APPLIED : result.stopped() ? Outcome.INTERRUPTED : Outcome.INCOMPLETE;
    ObjectNode o =
        event(
            "summary",
            String.format(
                Locale.ROOT,
                "Apply %s: %d done, %d failed, %d skipped because a dependency failed.",
                result.ok() ? "complete" : result.stopped() ? "interrupted" : "incomplete",
                result.done().size(),
                result.failed().size(),
                result.skipped().size()));
    o.put("outcome", outcome.id());
    counts(
        o,
        result.done().size(),
        result.failed().size(),
        result.skipped().size(),
        result.interrupted().size(),
        result.notStarted().size());
    o.put("tookSeconds", seconds(result.took()));
    ArrayNode exports = o.putArray("exports");
    for (Action a : ApplySummary.created(result)) {
      exports.addObject().put("share", a.share()).put("location", a.exportLocation().orElse("?"));
    }
    ArrayNode failures = o.putArray("failures");
    for (ApplyResult.Failure f : result.failed()) {
      failures
          .addObject()
          .put("action", f.action().id())
          .put("error", Printable.oneLine(f.error()));
    }
    emit(o);
  }

  private static void counts(
      ObjectNode o, int done, int failed, int skipped, int interrupted, int notStarted) {
    o.put("done", done);
    o.put("failed", failed);
    o.put("skipped", skipped);
    o.put("interrupted", interrupted);
    o.put("notStarted", notStarted);
  }
}

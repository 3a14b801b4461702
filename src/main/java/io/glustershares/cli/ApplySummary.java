package io.glustershares.cli;

import io.glustershares.apply.ApplyResult;
import io.glustershares.gluster.ShellQuote;
import io.glustershares.model.Plural;
import io.glustershares.plan.Action;
import io.glustershares.plan.ActionType;
import io.glustershares.plan.Plan;
import io.glustershares.plan.Step;
import java.util.List;
import java.util.Locale;

/**
 * The end of an apply for people: what was done, failed, skipped or not done, and the export
 * location of every share that now exists.
 */
final class ApplySummary {

  private ApplySummary() {}

  /** The actions done whose share now has an export location to tell. */
  static List<Action> created(ApplyResult result) {
    return result.done().stream()
        .filter(
            a ->
                a.type() == ActionType.CREATE_SHARE
                    || a.type() == ActionType.CREATE_SHARE_FROM_SNAPSHOT
                    || a.type() == ActionType.ADOPT_SHARE)
        .toList();
  }

  static void print(Context context, ApplyResult result) {
    context.out.println();
    context.out.printf(
        Locale.ROOT,
        "Apply %s in %.1f s: %d done, %d failed, %d skipped because a dependency failed.%n",
        result.ok() ? "complete" : result.stopped() ? "interrupted" : "incomplete",
        result.took().toMillis() / 1000.0,
        result.done().size(),
        result.failed().size(),
        result.skipped().size());
    List<Action> created = created(result);
    if (!created.isEmpty()) {
      context.out.println("Export locations (mount -t glusterfs):");
      int width = created.stream().mapToInt(a -> a.share().length()).max().orElse(0);
      for (Action a : created) {
        context.out.println(
            "  "
                + a.share()
                + " ".repeat(width - a.share().length() + 2)
                + a.exportLocation().orElse("?"));
      }
    }
    if (!result.failed().isEmpty()) {
      context.out.println("Failed:");
      result.failed().forEach(f -> context.out.println("  " + f.action().id() + ": " + f.error()));
    }
    if (!result.skipped().isEmpty()) {
      context.out.println("Skipped:");
      result
          .skipped()
          .forEach(
              s ->
                  context.out.println(
                      "  " + s.action().id() + " (waited on " + s.failedDependency() + ")"));
    }
    if (result.stopped()) {
      context.out.println("Not done (interrupted):");
      result
          .interrupted()
          .forEach(
              i ->
                  context.out.println(
                      "  "
                          + i.action().id()
                          + " (stopped after step "
                          + i.stepsDone()
                          + " of "
                          + i.action().steps().size()
                          + ")"));
      result.notStarted().forEach(a -> context.out.println("  " + a.id() + " (not started)"));
      context.out.println(
          "The next apply finishes these: it plans from what is there now, and every action is"
              + " safe to resume.");
    } else if (!result.ok()) {
      context.out.println(
          "Run apply again once the cause is fixed: it plans from what is there now.");
    }
  }

  /** Why a plan that loses data was not applied, and which revocations did not run with it. */
  static void refusedDestroy(Context context, Plan plan) {
    List<String> destroying =
        plan.actions().stream().filter(Action::needsAllowDestroy).map(Action::id).toList();
    context.err.println(
        "gluster-shares: refusing to apply: "
            + destroying.size()
            + " action"
            + (destroying.size() == 1 ? " loses" : "s lose")
            + " data ("
            + String.join(", ", destroying)
            + "); nothing was changed. Pass --allow-destroy to apply them.");
    List<Action> denies =
        plan.actions().stream().filter(a -> a.type() == ActionType.DENY_ACCESS).toList();
    if (!denies.isEmpty()) {
      context.err.println(
          "gluster-shares: the "
              + Plural.of(denies.size(), "revocation")
              + " in this plan did not run either ("
              + String.join(", ", denies.stream().map(Action::id).toList())
              + "): those CNs keep their access until the plan is applied");
    }
  }

  /** {@code --dry-run}: the argv of every step, in order. */
  static void dryRun(Context context, Plan plan) {
    context.out.println();
    context.out.println("Dry run: apply would run, in this order (nothing was run):");
    for (Action a : plan.actions()) {
      context.out.println("# " + a.id() + " on cluster " + a.cluster());
      for (Step step : a.steps()) {
        for (List<String> argv : step.argvs()) {
          context.out.println(ShellQuote.readable(argv));
        }
      }
    }
  }
}

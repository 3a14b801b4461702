package io.glustershares.cli;

import io.glustershares.apply.Applier;
import io.glustershares.apply.ApplyResult;
import io.glustershares.apply.ClusterLocks;
import io.glustershares.gluster.GlusterClient;
import io.glustershares.gluster.Retry;
import io.glustershares.model.DesiredState;
import io.glustershares.model.ObservedState;
import io.glustershares.model.Printable;
import io.glustershares.plan.Plan;
import io.glustershares.plan.PlanOptions;
import io.glustershares.planfile.Fingerprint;
import io.glustershares.planfile.PlanComparison;
import io.glustershares.planfile.PlanFileException;
import io.glustershares.planfile.PlanFileReader;
import io.glustershares.planfile.PlanFormat;
import io.glustershares.planfile.Provenance;
import io.glustershares.planfile.SavedPlan;
import io.glustershares.render.Json;
import io.glustershares.render.PlanText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = {
      "Plan from FILE (or load a plan saved by 'plan --out', told apart by its content), show the"
          + " plan, ask for confirmation when standard input is a terminal (a saved plan was"
          + " reviewed when it was saved and is not asked about), and apply it: one action at a"
          + " time per cluster, clusters in parallel.",
      "Exit: 0 applied (or nothing to do), 1 gluster error or failed actions, 3 invalid file or"
          + " arguments, 4 refused (no confirmation, destroy not allowed, stale plan, lock held,"
          + " unsafe lock directory).",
      "Locks: a cluster over SSH is locked on a majority of its servers (flock on"
          + " /run/gluster-shares/apply.lock, held for the life of the session); one run by the"
          + " local CLI on this host; a simulated one by a lock file in $GLUSTER_SHARES_LOCK_DIR,"
          + " else $XDG_RUNTIME_DIR/gluster-shares, else /run/gluster-shares (yours, mode 0700)."
    })
final class ApplyCommand implements Callable<Integer> {

  static final String LOCK_DIR_VARIABLE = ApplyLocks.LOCK_DIR_VARIABLE;

  static final String RUNTIME_DIR_VARIABLE = ApplyLocks.RUNTIME_DIR_VARIABLE;

  private final Context context;

  @Spec CommandSpec spec;

  @Mixin FileOption file;

  @Mixin RetryOption retry;

  @Mixin NowOption now;

  @Option(
      names = "--only-scheduled",
      description =
          "Apply only the time-driven actions: scheduled snapshots, their retention and denies of"
              + " expired grants (for a scheduled CI job).")
  boolean onlyScheduled;

  @Option(names = "--auto-approve", description = "Apply without asking (CI).")
  boolean autoApprove;

  @Option(
      names = "--input",
      arity = "0..1",
      paramLabel = "BOOL",
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "--input=false: never ask, even on a terminal; without --auto-approve nothing is"
              + " applied (Terraform's -input=false).")
  boolean input;

  @Option(
      names = "--allow-destroy",
      description = "Allow actions that lose data (delete share, delete snapshot).")
  boolean allowDestroy;

  @Mixin ScopeOptions scope;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      description =
          "Clusters worked on at once (default: every cluster in the plan, up to 16); one action"
              + " at a time per cluster.")
  Integer parallelism;

  /** Issue 17: clusters wait on glusterd, not on our CPU, so all of them run at once, up to 16. */
  static int defaultParallelism(long clusters) {
    return (int) Math.max(1, Math.min(16, clusters));
  }

  @Option(names = "--dry-run", description = "Print the exact argv of every step; run none.")
  boolean dryRun;

  @Option(
      names = "--json",
      description =
          "Print one JSON object per line on standard output as the apply goes (action started,"
              + " step done, action done or failed, heartbeats, a summary last;"
              + " schema/apply-events-v1.schema.json). Never asks: needs --auto-approve or a saved"
              + " PLAN.")
  boolean json;

  /** The stream of {@code --json}, when it was asked for. */
  private Optional<ApplyEvents> events = Optional.empty();

  @Option(
      names = "--lock-timeout",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description =
          "How long to wait for another apply on the same cluster (default ${DEFAULT-VALUE} s).")
  int lockTimeoutSeconds;

  ApplyCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Retry retrying = retry.retry(context);
    if (json && dryRun) {
      throw new UserError(
          ExitCode.INVALID,
          "--json and --dry-run: a dry run applies nothing to stream; keep --dry-run, or use"
              + " 'plan --json' for every step's argv as JSON");
    }
    if (!json) {
      return run(retrying);
    }
    if (!autoApprove && !savedPlanArgument()) {
      throw new UserError(
          ExitCode.INVALID,
          "--json never asks on the terminal: add --auto-approve, or apply a saved plan"
              + " ('plan --out PLAN', then 'apply --json PLAN')");
    }
    ApplyEvents stream = new ApplyEvents(context);
    events = Optional.of(stream);
    stream.version();
    try {
      return run(retrying);
    } catch (UserError e) {
      stream.summary(
          e.exitCode() == ExitCode.REFUSED
              ? ApplyEvents.Outcome.REFUSED
              : ApplyEvents.Outcome.ERROR,
          Printable.oneLine(e.getMessage()));
      throw e;
    } catch (Exit e) {
      stream.summary(ApplyEvents.Outcome.ERROR, "see standard error");
      throw e;
    }
  }

  private int run(Retry retrying) {
    if (parallelism != null && parallelism < 1) {
      throw new UserError(ExitCode.INVALID, "--parallelism must be at least 1");
    }
    if (lockTimeoutSeconds < 0) {
      throw new UserError(
          ExitCode.INVALID,
          "--lock-timeout "
              + lockTimeoutSeconds
              + ": the seconds to wait must be 0 or more; keep the default (60) or give one");
    }
    if (events.isEmpty()) {
      // Everything apply prints to standard output is a plan, its progress and its summary.
      context.colourSymbols();
    }
    Optional<Path> argument = file.argument();
    if (argument.isPresent()
        && !Files.exists(context.environment.workDir().resolve(argument.get()))) {
      throw new UserError(
          ExitCode.INVALID,
          "cannot read "
              + argument.get()
              + ": no such file; valid: a plan saved by 'plan --out' or a desired-state file");
    }
    boolean savedPlan = savedPlanArgument();
    if (argument.isPresent()) {
      if (events.isPresent()) {
        events.get().source(argument.get().toString(), savedPlan);
      } else if (savedPlan) {
        context.out.println("Reading " + argument.get() + " as a saved plan (plan --out).");
      } else {
        context.out.println(
            "Reading " + argument.get() + " as a desired-state file (it is not a saved plan).");
      }
      if (savedPlan) {
        return applySaved(argument.get(), retrying);
      }
    }
    if (file.namedByOption()
        && ArgumentKind.of(context.environment.workDir().resolve(file.file))
            == ArgumentKind.SAVED_PLAN) {
      throw new UserError(
          ExitCode.INVALID,
          file.file
              + " is a saved plan, not a desired-state file: apply it with apply "
              + file.file);
    }
    now.applyTo(context);
    DesiredSource.Loaded loaded = DesiredSource.load(context, file.file, Optional.empty());
    DesiredState desired = loaded.desired();
    PlanOptions options = scope.options(desired, context.now(), onlyScheduled);
    try (Connections connections =
        Connections.open(desired, context.environment, retrying, context.calls())) {
      if (dryRun) {
        Plan plan =
            PlanCommand.plan(desired, Observation.readAll(context, desired, connections), options);
        PlanText.render(plan, loaded.provenance(), context.out);
        ApplySummary.dryRun(context, plan);
        if (plan.hasErrors()) {
          reportErrors(plan);
          return ExitCode.GLUSTER_ERROR;
        }
        return ExitCode.OK;
      }
      try (ClusterLocks locks = lock(desired.stack(), connections)) {
        tell(locks);
        ObservedState observed = Observation.readAll(context, desired, connections);
        Plan plan = PlanCommand.plan(desired, observed, options);
        show(plan, loaded.provenance());
        return applyPlan(plan, ApplyLocks.guarded(connections, locks), false);
      }
    }
  }

  /** Whether the argument is a plan saved by {@code plan --out}, told by its content. */
  private boolean savedPlanArgument() {
    return file.argument()
        .map(a -> ArgumentKind.of(context.environment.workDir().resolve(a)))
        .filter(kind -> kind == ArgumentKind.SAVED_PLAN)
        .isPresent();
  }

  private int applySaved(Path path, Retry retrying) {
    if (scope.given() || now.now.isPresent() || onlyScheduled) {
      throw new UserError(
          ExitCode.INVALID,
          "--target, --prune, --now and --only-scheduled are fixed when a plan is saved; make a"
              + " new plan");
    }
    SavedPlan saved;
    try {
      saved =
          PlanFileReader.read(
              context.environment.workDir().resolve(path),
              path.toString(),
              VersionProvider.version());
    } catch (PlanFileException e) {
      throw new UserError(
          e.reason() == PlanFileException.Reason.REFUSED ? ExitCode.REFUSED : ExitCode.INVALID,
          e.getMessage(),
          e);
    }
    Provenance provenance = saved.provenance();
    // Planned again for the instant it was made for: expiries and schedules judged as they were.
    context.fixNow(saved.options().now());
    // A plan made from a git revision is checked against that revision, not the working tree.
    boolean atCommit = provenance.revision().isPresent() && provenance.commit().isPresent();
    Path desiredFile = PlanDesiredFile.resolve(context, path, saved.desiredFile(), atCommit);
    DesiredState desired =
        atCommit
            ? DesiredSource.loadAt(context, desiredFile, provenance.commit().get())
            : DesiredFile.load(context, desiredFile);
    if (!desired.digest().equals(provenance.digest())) {
      context.err.println(
          "gluster-shares: refusing "
              + path
              + ": "
              + provenance.file()
              + " changed since the plan was made"
              + " (sha256 "
              + provenance.digest().substring(0, 12)
              + " then, "
              + desired.digest().substring(0, 12)
              + " now); make a new plan");
      events.ifPresent(
          e -> e.summary(ApplyEvents.Outcome.REFUSED, provenance.file() + " changed since"));
      return ExitCode.REFUSED;
    }
    try (Connections connections =
            Connections.open(desired, context.environment, retrying, context.calls());
        ClusterLocks locks = dryRun ? null : lock(desired.stack(), connections)) {
      if (locks != null) {
        tell(locks);
      }
      ObservedState observed = Observation.readAll(context, desired, connections);
      List<String> changes = Fingerprint.of(observed).changesSince(saved.observed());
      if (!changes.isEmpty()) {
        return refuse(
            path,
            "the clusters changed since the plan was made (at "
                + provenance.createdAt()
                + "); make a new plan. What changed:",
            changes);
      }
      // A saved plan is a promise, not a program: plan again from the same inputs and run that,
      // only if it is the plan that was saved, action for action and argv for argv.
      Plan plan = PlanCommand.plan(desired, observed, saved.options());
      List<String> differences =
          PlanComparison.differences(
              saved.actions(),
              Json.parse(PlanFormat.render(plan, provenance, Optional.empty())).path("actions"));
      if (plan.hasErrors() || !differences.isEmpty()) {
        return refuse(
            path,
            "planning again from "
                + provenance.file()
                + " and the clusters does not give the saved plan (was it edited?); nothing was"
                + " changed. What differs:",
            plan.hasErrors()
                ? plan.errors().stream().map(m -> "error: " + m.message()).toList()
                : differences);
      }
      say(
          "Applying the plan saved in "
              + path
              + ", made at "
              + provenance.createdAt()
              + " by gluster-shares "
              + provenance.toolVersion()
              + " from "
              + provenance.file()
              + " (sha256 "
              + provenance.digest().substring(0, 12)
              + "), planned again and found the same");
      provenance.gitLine().ifPresent(line -> say("  from git: " + line));
      show(plan, provenance);
      if (dryRun) {
        ApplySummary.dryRun(context, plan);
        return ExitCode.OK;
      }
      // The plan was reviewed when it was saved (Terraform's rule): applying it does not ask.
      return applyPlan(plan, ApplyLocks.guarded(connections, locks), true);
    }
  }

  private int refuse(Path path, String why, List<String> details) {
    context.err.println("gluster-shares: refusing " + path + ": " + why);
    details.stream().limit(20).forEach(c -> context.err.println("  " + c));
    if (details.size() > 20) {
      context.err.println("  and " + (details.size() - 20) + " more");
    }
    events.ifPresent(e -> e.summary(ApplyEvents.Outcome.REFUSED, "refusing " + path + ": " + why));
    return ExitCode.REFUSED;
  }

  private ClusterLocks lock(String stack, Connections connections) {
    return ApplyLocks.take(context, stack, connections, Duration.ofSeconds(lockTimeoutSeconds));
  }

  /** What taking the locks is worth telling, such as a stale lock taken over. */
  private void tell(ClusterLocks locks) {
    locks.notes().forEach(n -> context.err.println("gluster-shares: " + n));
  }

  private int applyPlan(Plan plan, Map<String, GlusterClient> clients, boolean reviewed) {
    if (plan.hasErrors()) {
      reportErrors(plan);
      context.err.println("gluster-shares: the plan has errors; nothing was applied");
      events.ifPresent(
          e ->
              e.summary(
                  ApplyEvents.Outcome.PLAN_ERRORS, "the plan has errors; nothing was applied"));
      return ExitCode.GLUSTER_ERROR;
    }
    if (!plan.hasChanges()) {
      say("Nothing to apply.");
      events.ifPresent(e -> e.summary(ApplyEvents.Outcome.NO_CHANGES, "Nothing to apply."));
      return ExitCode.OK;
    }
    if (plan.needsAllowDestroy() && !allowDestroy) {
      ApplySummary.refusedDestroy(context, plan);
      events.ifPresent(
          e ->
              e.summary(
                  ApplyEvents.Outcome.REFUSED,
                  "refusing to apply: actions lose data; pass --allow-destroy"));
      return ExitCode.REFUSED;
    }
    if (!reviewed && !Confirmation.given(context, plan, autoApprove, input)) {
      return ExitCode.REFUSED;
    }
    say("");
    ApplyResult result;
    int threads =
        parallelism != null
            ? parallelism
            : defaultParallelism(plan.actions().stream().map(a -> a.cluster()).distinct().count());
    context.interrupts.applying(true);
    try (ApplyProgress progress =
        new ApplyProgress(
            context, events.<ProgressLines>map(e -> e).orElseGet(() -> new TextLines(context)))) {
      result = new Applier(clients, progress, threads, context.interrupts::stopping).apply(plan);
    } finally {
      context.interrupts.applying(false);
    }
    if (events.isPresent()) {
      events.get().summary(result);
    } else {
      ApplySummary.print(context, result);
    }
    if (result.stopped()) {
      return ExitCode.INTERRUPTED;
    }
    return result.ok() ? ExitCode.OK : ExitCode.GLUSTER_ERROR;
  }

  /** A line for people: with {@code --json} standard output holds only the stream. */
  private void say(String line) {
    if (events.isEmpty()) {
      context.out.println(line);
    }
  }

  /** The plan about to be applied: as a plan prints it, or one {@code planned} event each. */
  private void show(Plan plan, Provenance provenance) {
    if (events.isPresent()) {
      events.get().planned(plan);
    } else {
      PlanText.render(plan, provenance, context.out);
    }
  }

  private void reportErrors(Plan plan) {
    PlanCommand.reportErrors(context, plan);
  }
}

package io.glustershares.cli;

import io.glustershares.apply.Applier;
import io.glustershares.apply.ApplyResult;
import io.glustershares.apply.ClusterLocks;
import io.glustershares.gluster.GlusterClient;
import io.glustershares.gluster.ShellQuote;
import io.glustershares.model.DesiredState;
import io.glustershares.model.ObservedState;
import io.glustershares.model.Plural;
import io.glustershares.plan.Action;
import io.glustershares.plan.ActionType;
import io.glustershares.plan.Plan;
import io.glustershares.plan.PlanOptions;
import io.glustershares.plan.Step;
import io.glustershares.planfile.Fingerprint;
import io.glustershares.planfile.PlanComparison;
import io.glustershares.planfile.PlanFileException;
import io.glustershares.planfile.PlanFileReader;
import io.glustershares.planfile.PlanFormat;
import io.glustershares.planfile.Provenance;
import io.glustershares.planfile.SavedPlan;
import io.glustershares.render.Json;
import io.glustershares.render.PlanText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
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
    // Everything apply prints to standard output is a plan, its progress and its summary.
    context.colourSymbols();
    Optional<Path> argument = file.argument();
    if (argument.isPresent()) {
      if (!Files.exists(context.environment.workDir().resolve(argument.get()))) {
        throw new UserError(
            ExitCode.INVALID,
            "cannot read "
                + argument.get()
                + ": no such file; valid: a plan saved by 'plan --out' or a desired-state file");
      }
      if (ArgumentKind.of(context.environment.workDir().resolve(argument.get()))
          == ArgumentKind.SAVED_PLAN) {
        context.out.println("Reading " + argument.get() + " as a saved plan (plan --out).");
        return applySaved(argument.get());
      }
      context.out.println(
          "Reading " + argument.get() + " as a desired-state file (it is not a saved plan).");
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
        Connections.open(desired, context.environment, context.calls())) {
      if (dryRun) {
        Plan plan =
            PlanCommand.plan(desired, Observation.readAll(context, desired, connections), options);
        PlanText.render(plan, loaded.provenance(), context.out);
        printArgv(plan);
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
        PlanText.render(plan, loaded.provenance(), context.out);
        return applyPlan(plan, ApplyLocks.guarded(connections, locks), false);
      }
    }
  }

  private int applySaved(Path path) {
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
      return ExitCode.REFUSED;
    }
    try (Connections connections = Connections.open(desired, context.environment, context.calls());
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
      context.out.println(
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
      provenance.gitLine().ifPresent(line -> context.out.println("  from git: " + line));
      PlanText.render(plan, provenance, context.out);
      if (dryRun) {
        printArgv(plan);
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
      return ExitCode.GLUSTER_ERROR;
    }
    if (!plan.hasChanges()) {
      context.out.println("Nothing to apply.");
      return ExitCode.OK;
    }
    if (plan.needsAllowDestroy() && !allowDestroy) {
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
      return ExitCode.REFUSED;
    }
    if (!reviewed && !confirmed(plan)) {
      return ExitCode.REFUSED;
    }
    context.out.println();
    ApplyResult result;
    int threads =
        parallelism != null
            ? parallelism
            : defaultParallelism(plan.actions().stream().map(a -> a.cluster()).distinct().count());
    context.interrupts.applying(true);
    try (ApplyProgress progress = new ApplyProgress(context)) {
      result = new Applier(clients, progress, threads, context.interrupts::stopping).apply(plan);
    } finally {
      context.interrupts.applying(false);
    }
    summarise(result);
    if (result.stopped()) {
      return ExitCode.INTERRUPTED;
    }
    return result.ok() ? ExitCode.OK : ExitCode.GLUSTER_ERROR;
  }

  private boolean confirmed(Plan plan) {
    if (autoApprove) {
      return true;
    }
    if (!input) {
      context.err.println(
          "gluster-shares: refusing to apply without confirmation: --input=false asks nothing;"
              + " pass --auto-approve to apply non-interactively (CI)");
      return false;
    }
    if (!context.environment.interactive()) {
      context.err.println(
          "gluster-shares: refusing to apply without confirmation: standard input is not a"
              + " terminal to ask on; pass --auto-approve to apply non-interactively (CI)");
      return false;
    }
    int n = plan.actions().size();
    context.out.print(
        (n == 1 ? "Apply this action?" : "Apply these " + n + " actions?") + " [yes/no] ");
    context.out.flush();
    String answer;
    try {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(context.environment.stdin(), StandardCharsets.UTF_8));
      answer = Optional.ofNullable(in.readLine()).orElse("").strip().toLowerCase(Locale.ROOT);
    } catch (IOException e) {
      answer = "";
    }
    if (!answer.equals("yes")) {
      context.err.println("gluster-shares: not applied (only 'yes' applies)");
      return false;
    }
    return true;
  }

  private void reportErrors(Plan plan) {
    PlanCommand.reportErrors(context, plan);
  }

  private void printArgv(Plan plan) {
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

  private void summarise(ApplyResult result) {
    context.out.println();
    context.out.printf(
        Locale.ROOT,
        "Apply %s in %.1f s: %d done, %d failed, %d skipped because a dependency failed.%n",
        result.ok() ? "complete" : result.stopped() ? "interrupted" : "incomplete",
        result.took().toMillis() / 1000.0,
        result.done().size(),
        result.failed().size(),
        result.skipped().size());
    List<Action> created =
        result.done().stream()
            .filter(
                a ->
                    a.type() == ActionType.CREATE_SHARE
                        || a.type() == ActionType.CREATE_SHARE_FROM_SNAPSHOT
                        || a.type() == ActionType.ADOPT_SHARE)
            .toList();
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
}

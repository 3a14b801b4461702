package io.glustershares.cli;

import io.glustershares.gluster.Retry;
import io.glustershares.model.DesiredState;
import io.glustershares.model.ObservedState;
import io.glustershares.plan.DesiredDiff;
import io.glustershares.plan.Plan;
import io.glustershares.plan.PlanOptions;
import io.glustershares.plan.Planner;
import io.glustershares.planfile.Fingerprint;
import io.glustershares.planfile.PlanFileException;
import io.glustershares.planfile.PlanFileWriter;
import io.glustershares.planfile.PlanFormat;
import io.glustershares.planfile.Provenance;
import io.glustershares.planfile.Saving;
import io.glustershares.render.PlanMarkdown;
import io.glustershares.render.PlanText;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Compare the file with the clusters and print the ordered actions that would converge them."
          + " Read-only.",
      "Symbols: + create, ~ change, - destroy; ! warns of data loss or disconnection.",
      "Exit: 0 success (with --detailed-exitcode: no changes), 2 changes (--detailed-exitcode),"
          + " 1 gluster error or a plan with errors, 3 invalid file or arguments."
    })
final class PlanCommand implements Callable<Integer> {

  enum Format {
    text,
    json,
    markdown
  }

  private final Context context;

  @Mixin FileOption file;

  @Mixin RetryOption retry;

  @Mixin RevisionOption rev;

  @Mixin NowOption now;

  @Option(
      names = "--only-scheduled",
      description =
          "Plan only the time-driven actions: scheduled snapshots, their retention and denies of"
              + " expired grants (for a scheduled CI job).")
  boolean onlyScheduled;

  @Option(
      names = "--json",
      description = "Print the plan as JSON (schema/plan-v1.schema.json); same as --format json.")
  boolean json;

  @Option(
      names = "--format",
      defaultValue = "text",
      description =
          "text (default), json (schema/plan-v1.schema.json) or markdown (a summary for a merge"
              + " request or a CI job page).")
  Format format;

  @Option(
      names = "--diff-rev",
      paramLabel = "BASE",
      description =
          "Also show what changed in the desired state between this git revision (e.g. the merge"
              + " request's target branch) and the file planned, share by share.")
  Optional<String> diffRevision = Optional.empty();

  @Option(
      names = "--out",
      paramLabel = "PLAN",
      description =
          "Save the plan, with a fingerprint of the observed state, for 'apply PLAN'. Replaces"
              + " an earlier saved plan; never overwrites any other file.")
  Optional<Path> out;

  @Option(
      names = "--detailed-exitcode",
      description = "Exit 2 when there are changes, 0 when none.")
  boolean detailedExitCode;

  @Mixin ScopeOptions scope;

  PlanCommand(Context context) {
    this.context = context;
  }

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Retry retrying = retry.retry(context);
    if (json
        && spec.commandLine().getParseResult().hasMatchedOption("--format")
        && format != Format.json) {
      throw new UserError(
          ExitCode.INVALID,
          "--json and --format "
              + format
              + " ask for two formats; keep one (--json is --format json)");
    }
    now.applyTo(context);
    DesiredSource.Loaded loaded = DesiredSource.load(context, file.file, rev.revision);
    DesiredState desired = loaded.desired();
    PlanOptions options = scope.options(desired, context.now(), onlyScheduled);
    Optional<DesiredDiff> diff =
        diffRevision.map(base -> DesiredSource.diff(context, file.file, base, desired));
    ObservedState observed;
    try (Connections connections =
        Connections.open(desired, context.environment, retrying, context.calls())) {
      observed = Observation.readAll(context, desired, connections);
    }
    Plan plan = plan(desired, observed, options);
    Provenance provenance = loaded.provenance();
    switch (json ? Format.json : format) {
      case json ->
          context.writeLarge(
              bytes -> PlanFormat.write(plan, provenance, Optional.empty(), diff, bytes),
              text -> PlanFormat.write(plan, provenance, Optional.empty(), diff, text));
      case markdown -> PlanMarkdown.render(plan, provenance, diff, context.out);
      default -> {
        context.colourSymbols();
        PlanText.render(plan, provenance, diff, context.out);
      }
    }
    if (out.isPresent()) {
      if (plan.hasErrors()) {
        reportErrors(context, plan);
        context.err.println(
            "gluster-shares: a plan with errors cannot be saved; " + out.get() + " not written");
        return ExitCode.GLUSTER_ERROR;
      }
      save(
          plan,
          provenance,
          new Saving(
              Fingerprint.of(observed),
              options,
              PlanDesiredFile.record(context, file.file, out.get())));
    }
    if (plan.hasErrors()) {
      reportErrors(context, plan);
      return ExitCode.GLUSTER_ERROR;
    }
    return detailedExitCode && plan.hasChanges() ? ExitCode.CHANGES : ExitCode.OK;
  }

  /** Every error of a plan, also on standard error (the plan printed them on standard output). */
  static void reportErrors(Context context, Plan plan) {
    plan.errors().forEach(e -> context.err.println("gluster-shares: error: " + e.message()));
  }

  /** The plan; {@code options} were checked against the file by {@link ScopeOptions}. */
  static Plan plan(DesiredState desired, ObservedState observed, PlanOptions options) {
    return Planner.plan(desired, observed, options);
  }

  /** Writes the plan to {@code --out} (see {@link PlanFileWriter} for when a file is replaced). */
  private void save(Plan plan, Provenance provenance, Saving saving) {
    boolean replacing;
    try {
      replacing =
          PlanFileWriter.write(
                  context.environment.workDir().resolve(out.get()),
                  out.get().toString(),
                  plan,
                  provenance,
                  saving)
              == PlanFileWriter.Outcome.REPLACED;
    } catch (PlanFileException e) {
      throw new UserError(ExitCode.INVALID, e.getMessage(), e.getCause());
    }
    context.err.println(
        "Plan saved to "
            + out.get()
            + (replacing ? " (replacing the plan saved there before)" : "")
            + "; apply it with: gluster-shares apply "
            + out.get());
  }
}

package io.glustershares.cli;

import io.glustershares.model.DesiredState;
import io.glustershares.model.ObservedState;
import io.glustershares.plan.DesiredDiff;
import io.glustershares.plan.Fingerprint;
import io.glustershares.plan.Plan;
import io.glustershares.plan.PlanOptions;
import io.glustershares.plan.Planner;
import io.glustershares.render.PlanJson;
import io.glustershares.render.PlanMarkdown;
import io.glustershares.render.PlanText;
import io.glustershares.render.Provenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
          "Save the plan, with a fingerprint of the observed state, for 'apply PLAN'. Never"
              + " overwrites an existing file.")
  Optional<Path> out;

  @Option(
      names = "--detailed-exitcode",
      description = "Exit 2 when there are changes, 0 when none.")
  boolean detailedExitCode;

  @Option(
      names = "--prune",
      description = "Also delete this stack's shares and snapshots that the file no longer lists.")
  boolean prune;

  @Option(
      names = "--target",
      paramLabel = "SHARE",
      description = "Plan only this share and what it depends on (repeatable).")
  List<String> targets = List.of();

  PlanCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    now.applyTo(context);
    DesiredSource.Loaded loaded = DesiredSource.load(context, file.file, rev.revision);
    DesiredState desired = loaded.desired();
    Optional<DesiredDiff> diff =
        diffRevision.map(base -> DesiredSource.diff(context, file.file, base, desired));
    ObservedState observed;
    try (Connections connections = Connections.open(desired, context.environment)) {
      observed = Observation.readAll(context, desired, connections);
    }
    PlanOptions options =
        new PlanOptions(new LinkedHashSet<>(targets), prune, context.now(), onlyScheduled);
    Plan plan = plan(desired, observed, options);
    Provenance provenance = loaded.provenance();
    switch (json ? Format.json : format) {
      case json ->
          context.writeLarge(
              bytes -> PlanJson.write(plan, provenance, Optional.empty(), diff, bytes),
              text -> PlanJson.write(plan, provenance, Optional.empty(), diff, text));
      case markdown -> PlanMarkdown.render(plan, provenance, diff, context.out);
      default -> PlanText.render(plan, provenance, diff, context.out);
    }
    if (out.isPresent()) {
      if (plan.hasErrors()) {
        context.err.println(
            "gluster-shares: a plan with errors cannot be saved; " + out.get() + " not written");
        return ExitCode.GLUSTER_ERROR;
      }
      save(plan, provenance, new PlanJson.Saving(Fingerprint.of(observed), options));
    }
    if (plan.hasErrors()) {
      return ExitCode.GLUSTER_ERROR;
    }
    return detailedExitCode && plan.hasChanges() ? ExitCode.CHANGES : ExitCode.OK;
  }

  static Plan plan(DesiredState desired, ObservedState observed, PlanOptions options) {
    try {
      return Planner.plan(desired, observed, options);
    } catch (IllegalArgumentException e) {
      throw new UserError(ExitCode.INVALID, e.getMessage());
    }
  }

  private void save(Plan plan, Provenance provenance, PlanJson.Saving saving) {
    Path path = context.environment.workDir().resolve(out.get());
    try {
      try (java.io.Writer w =
          Files.newBufferedWriter(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        PlanJson.write(plan, provenance, Optional.of(saving), w);
      }
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw new UserError(ExitCode.INVALID, out.get() + " exists; plans are never overwritten");
    } catch (IOException e) {
      throw new UserError(ExitCode.INVALID, "cannot write " + out.get() + ": " + e.getMessage(), e);
    }
    context.err.println(
        "Plan saved to " + out.get() + "; apply it with: gluster-shares apply " + out.get());
  }
}

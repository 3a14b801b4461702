package io.glustershares.cli;

import io.glustershares.model.DesiredState;
import io.glustershares.model.ObservedState;
import io.glustershares.plan.Audit;
import io.glustershares.render.AuditRender;
import io.glustershares.render.Json;
import io.glustershares.render.Provenance;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "Report drift between the file and the clusters: missing shares, extra or missing CNs,"
          + " security options off, snapshots missing or extra, unmanaged shares, not-ready pool"
          + " volumes, pool exhaustion per size. Read-only.",
      "Exit: 0 no drift, 2 drift of a share the file manages (with --fail-on warning: also"
          + " unmanaged shares and cluster findings), 1 gluster error, 3 invalid file or"
          + " arguments."
    })
final class AuditCommand implements Callable<Integer> {

  enum Format {
    text,
    json,
    junit,
    markdown
  }

  enum FailOn {
    drift,
    warning
  }

  private final Context context;

  @Mixin FileOption file;

  @Mixin RevisionOption rev;

  @Option(
      names = "--format",
      defaultValue = "text",
      description =
          "text, json (schema/audit-v1.schema.json), junit (one test case per share) or markdown.")
  Format format;

  @Option(
      names = "--fail-on",
      paramLabel = "LEVEL",
      defaultValue = "drift",
      description =
          "drift (default): exit 2 when a managed share drifted; warning: also on warnings"
              + " (unmanaged shares, pool exhausted, volumes not ready), which JUnit then reports"
              + " as failures too.")
  FailOn failOn;

  AuditCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    DesiredSource.Loaded loaded = DesiredSource.load(context, file.file, rev.revision);
    DesiredState desired = loaded.desired();
    ObservedState observed;
    try (Connections connections = Connections.open(desired, context.environment)) {
      observed = Observation.readAll(context, desired, connections);
    }
    Audit audit = Audit.of(desired, observed);
    Provenance provenance = loaded.provenance();
    switch (format) {
      case json -> Json.write(AuditRender.json(audit, provenance), context.out);
      case junit -> AuditRender.junit(audit, provenance, failOn == FailOn.warning, context.out);
      case markdown -> AuditRender.markdown(audit, provenance, context.out);
      default -> AuditRender.text(audit, provenance, context.out);
    }
    boolean fails = audit.drift() || (failOn == FailOn.warning && audit.warnings() > 0);
    return fails ? ExitCode.CHANGES : ExitCode.OK;
  }
}

package io.glustershares.cli;

import io.glustershares.model.DesiredState;
import io.glustershares.model.ObservedState;
import io.glustershares.plan.Audit;
import io.glustershares.render.AuditRender;
import io.glustershares.render.Json;
import io.glustershares.render.Provenance;
import java.time.Duration;
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
      "Exit: 0 no drift, 2 drift, 1 gluster error, 3 invalid file or arguments."
    })
final class AuditCommand implements Callable<Integer> {

  enum Format {
    text,
    json,
    junit,
    markdown
  }

  private final Context context;

  @Mixin FileOption file;

  @Mixin RevisionOption rev;

  @Mixin NowOption now;

  @Option(
      names = "--expiry-warning-days",
      paramLabel = "DAYS",
      defaultValue = "14",
      description = "Warn of grants that expire within this many days (default ${DEFAULT-VALUE}).")
  int expiryWarningDays;

  @Option(
      names = "--format",
      defaultValue = "text",
      description =
          "text, json (schema/audit-v1.schema.json), junit (one test case per share) or markdown.")
  Format format;

  AuditCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (expiryWarningDays < 0) {
      throw new UserError(ExitCode.INVALID, "--expiry-warning-days must be 0 or more");
    }
    now.applyTo(context);
    DesiredSource.Loaded loaded = DesiredSource.load(context, file.file, rev.revision);
    DesiredState desired = loaded.desired();
    ObservedState observed;
    try (Connections connections = Connections.open(desired, context.environment)) {
      observed = Observation.readAll(context, desired, connections);
    }
    Audit audit = Audit.of(desired, observed, context.now(), Duration.ofDays(expiryWarningDays));
    Provenance provenance = loaded.provenance();
    switch (format) {
      case json -> Json.write(AuditRender.json(audit, provenance), context.out);
      case junit -> AuditRender.junit(audit, provenance, context.out);
      case markdown -> AuditRender.markdown(audit, provenance, context.out);
      default -> AuditRender.text(audit, provenance, context.out);
    }
    return audit.drift() ? ExitCode.CHANGES : ExitCode.OK;
  }
}

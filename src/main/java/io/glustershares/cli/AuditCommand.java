package io.glustershares.cli;

import io.glustershares.gluster.Retry;
import io.glustershares.inspect.Audit;
import io.glustershares.inspect.NodeDoctor;
import io.glustershares.model.DesiredState;
import io.glustershares.model.ObservedState;
import io.glustershares.planfile.Provenance;
import io.glustershares.render.AuditMetrics;
import io.glustershares.render.AuditRender;
import io.glustershares.render.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    markdown,
    prometheus
  }

  enum FailOn {
    drift,
    warning
  }

  private final Context context;

  @Mixin FileOption file;

  @Mixin RetryOption retry;

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
          "text, json (schema/audit-v1.schema.json), junit (one test case per share), markdown or"
              + " prometheus (node_exporter's textfile format).")
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

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description =
          "Write the report to FILE atomically (a temporary file renamed over it), e.g. into"
              + " node_exporter's textfile directory.")
  Optional<Path> out = Optional.empty();

  AuditCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Retry retrying = retry.retry(context);
    if (expiryWarningDays < 0) {
      throw new UserError(ExitCode.INVALID, "--expiry-warning-days must be 0 or more");
    }
    now.applyTo(context);
    DesiredSource.Loaded loaded = DesiredSource.load(context, file.file, rev.revision);
    DesiredState desired = loaded.desired();
    ObservedState observed;
    Map<String, String> unread = Map.of();
    List<NodeDoctor.Visit> nodes = List.of();
    try (Connections connections =
        Connections.open(desired, context.environment, retrying, context.calls())) {
      if (format == Format.prometheus) {
        // Metrics are written whatever can be read: a cluster that cannot is cluster_up 0, and
        // the others' shares and nodes are still reported (issue 16).
        Connections.Observation observation = Observation.read(context, connections);
        observed = new ObservedState(observation.observed());
        unread = observation.errors();
        nodes =
            NodeTour.read(
                    desired, connections.readers(), observation.observed(), connections.peers())
                .visits();
      } else {
        observed = Observation.readAll(context, desired, connections);
      }
    } catch (RuntimeException e) {
      if (format == Format.prometheus) {
        // "The audit stopped working" is alertable: success 0, with the time it tried.
        report(AuditMetrics.failed(context.now()));
      }
      throw e;
    }
    if (!unread.isEmpty()) {
      DesiredState readable = Audit.readable(desired, observed);
      Audit audit = Audit.of(readable, observed, context.now(), Duration.ofDays(expiryWarningDays));
      report(AuditMetrics.render(audit, readable, context.now(), unread.keySet(), nodes));
      return ExitCode.GLUSTER_ERROR;
    }
    Audit audit = Audit.of(desired, observed, context.now(), Duration.ofDays(expiryWarningDays));
    Provenance provenance = loaded.provenance();
    StringWriter text = new StringWriter();
    try (PrintWriter w = new PrintWriter(text)) {
      switch (format) {
        case json -> Json.write(AuditRender.json(audit, provenance), w);
        case junit -> AuditRender.junit(audit, provenance, failOn == FailOn.warning, w);
        case markdown -> AuditRender.markdown(audit, provenance, w);
        case prometheus ->
            w.print(AuditMetrics.render(audit, desired, context.now(), Set.of(), nodes));
        default -> AuditRender.text(audit, provenance, w);
      }
    }
    report(text.toString());
    boolean fails = audit.drift() || (failOn == FailOn.warning && audit.warnings() > 0);
    return fails ? ExitCode.CHANGES : ExitCode.OK;
  }

  /** To stdout, or to {@code --out} through a temporary file in its directory and a rename. */
  private void report(String text) {
    if (out.isEmpty()) {
      if (format == Format.text) {
        context.colourSymbols();
      }
      context.out.print(text);
      return;
    }
    Path target = context.environment.workDir().resolve(out.get());
    Path dir = target.toAbsolutePath().getParent();
    try {
      Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
      try {
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UserError(ExitCode.INVALID, "cannot write " + out.get() + ": " + e.getMessage(), e);
    }
  }
}

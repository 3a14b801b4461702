package io.glustershares.cli;

import io.glustershares.gluster.Retry;
import io.glustershares.inspect.ShowReport;
import io.glustershares.model.DesiredState;
import io.glustershares.render.Json;
import io.glustershares.render.ShowJson;
import io.glustershares.render.ShowText;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {
      "Show what is on the clusters: gluster version, servers (disconnected ones named) and bricks"
          + " not running, this stack's shares (volume, export"
          + " location, access, snapshots, security), free and not-ready pool volumes, foreign"
          + " volumes and volumes outside the pool pattern. Read-only.",
      "Exits 1 when a cluster cannot be read (the others are still shown)."
    })
final class ShowCommand implements Callable<Integer> {

  private final Context context;

  @Mixin FileOption file;

  @Mixin RetryOption retry;

  @Option(names = "--json", description = "Print the JSON document of schema/show-v1.schema.json.")
  boolean json;

  ShowCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Retry retrying = retry.retry(context);
    DesiredState desired = DesiredFile.load(context, file.file);
    Connections.Observation observation;
    try (Connections connections =
        Connections.open(desired, context.environment, retrying, context.calls())) {
      observation = connections.refresh();
    }
    ShowReport report = ShowReport.build(desired, observation.observed(), observation.errors());
    if (json) {
      Json.write(ShowJson.render(report), context.out);
    } else {
      ShowText.render(report, context.out);
    }
    observation.errors().values().forEach(e -> context.err.println("gluster-shares: " + e));
    return observation.complete() ? ExitCode.OK : ExitCode.GLUSTER_ERROR;
  }
}

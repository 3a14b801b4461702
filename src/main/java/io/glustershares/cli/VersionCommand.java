package io.glustershares.cli;

import io.glustershares.render.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ObjectNode;

@Command(
    name = "version",
    mixinStandardHelpOptions = true,
    description = "Print the tool's version and the Java runtime's (as --version does).")
final class VersionCommand implements Callable<Integer> {

  private final Context context;

  @Option(
      names = "--json",
      description = "Print {\"version\": …, \"java\": …} instead (schema/version-v1.schema.json).")
  boolean json;

  VersionCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (json) {
      ObjectNode root = Json.object();
      root.put("formatVersion", 1);
      root.put("name", "gluster-shares");
      root.put("version", VersionProvider.version());
      root.put("java", System.getProperty("java.version"));
      Json.write(root, context.out);
    } else {
      for (String line : new VersionProvider().getVersion()) {
        context.out.println(line);
      }
    }
    return ExitCode.OK;
  }
}

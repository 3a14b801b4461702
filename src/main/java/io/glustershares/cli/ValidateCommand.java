package io.glustershares.cli;

import io.glustershares.load.DesiredStateLoader;
import io.glustershares.load.WorkingTree;
import io.glustershares.model.DesiredState;
import io.glustershares.model.Diagnostic;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check the desired-state file against the schema and the semantic rules.",
      "Contacts no cluster. Prints every problem as FILE:LINE:COL: field: message and exits 3"
          + " when there is one."
    })
final class ValidateCommand implements Callable<Integer> {

  private final Context context;

  @Mixin FileOption file;

  ValidateCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    DesiredStateLoader.Result result =
        new DesiredStateLoader(new WorkingTree(context.environment.workDir())).load(file.file);
    for (Diagnostic diagnostic : result.diagnostics()) {
      context.err.println(diagnostic.format());
    }
    if (!result.ok()) {
      return ExitCode.INVALID;
    }
    DesiredState state = result.state().orElseThrow();
    context.out.println(
        state.source()
            + ": valid: "
            + Plural.of(state.clusters().size(), "cluster")
            + ", "
            + Plural.of(state.shares().size(), "share")
            + ", "
            + Plural.of(state.accessEntryCount(), "access entry", "access entries")
            + ", "
            + Plural.of(state.snapshotCount(), "snapshot"));
    return ExitCode.OK;
  }
}

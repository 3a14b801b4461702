package io.glustershares.cli;

import io.glustershares.model.DesiredState;
import io.glustershares.model.Plural;
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

  @Mixin RevisionOption rev;

  @Mixin NowOption now;

  ValidateCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    now.applyTo(context);
    // Without --rev nothing needs git: validate stays as fast as reading the file.
    DesiredState state =
        rev.revision.isPresent()
            ? DesiredSource.load(context, file.file, rev.revision).desired()
            : DesiredFile.load(context, file.file);
    context.out.println(
        state.source()
            + rev.revision.map(r -> " at revision " + r).orElse("")
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

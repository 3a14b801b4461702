package io.glustershares.cli;

import io.glustershares.model.DesiredState;
import io.glustershares.model.Diagnostic;
import io.glustershares.model.Plural;
import io.glustershares.render.Json;
import io.glustershares.render.ValidateJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check the desired-state file against the schema and the semantic rules.",
      "Contacts no cluster. Prints every problem as FILE:LINE:COL: field: message and exits 3"
          + " when there is one.",
      "--json prints every diagnostic (severity, file, line, column, field, message) as one"
          + " document instead (schema/validate-v1.schema.json); the exit code is the same."
    })
final class ValidateCommand implements Callable<Integer> {

  private final Context context;

  @Mixin FileOption file;

  @Mixin RevisionOption rev;

  @Mixin NowOption now;

  @Option(
      names = "--json",
      description =
          "Print the result as JSON (schema/validate-v1.schema.json): every diagnostic with its"
              + " file, line, column, field, message and severity.")
  boolean json;

  ValidateCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    now.applyTo(context);
    if (json) {
      return printJson();
    }
    DesiredState state = load();
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

  private DesiredState load() {
    // Without --rev nothing needs git: validate stays as fast as reading the file.
    return rev.revision.isPresent()
        ? DesiredSource.load(context, file.file, rev.revision).desired()
        : DesiredFile.load(context, file.file);
  }

  /** The same checks, their diagnostics collected into one document rather than printed. */
  private int printJson() {
    List<Diagnostic> diagnostics = new ArrayList<>();
    context.diagnostics = diagnostics::add;
    Optional<DesiredState> state;
    int code = ExitCode.OK;
    try {
      state = Optional.of(load());
    } catch (Exit invalid) {
      state = Optional.empty();
      code = invalid.code();
    } catch (UserError refused) {
      // A revision that git cannot give (unknown, not a repository) has no place in the file: the
      // option is the field, so that a job reading stdout still gets its one document.
      state = Optional.empty();
      code = refused.exitCode();
      diagnostics.add(Diagnostic.error(file.file.toString(), 0, 0, "--rev", refused.getMessage()));
    }
    Json.write(
        ValidateJson.render(
            state.map(DesiredState::source).orElse(file.file.toString()),
            rev.revision,
            state,
            diagnostics),
        context.out);
    return code;
  }
}

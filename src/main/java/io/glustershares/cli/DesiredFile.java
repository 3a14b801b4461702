package io.glustershares.cli;

import io.glustershares.load.DesiredStateLoader;
import io.glustershares.load.SourceTree;
import io.glustershares.load.WorkingTree;
import io.glustershares.model.DesiredState;
import io.glustershares.model.Diagnostic;
import java.nio.file.Path;
import java.util.Optional;

/** Loads the desired state for a command; an invalid file ends the command with exit 3. */
final class DesiredFile {

  private DesiredFile() {}

  static DesiredState load(Context context, Path file) {
    return load(context, new WorkingTree(context.environment.workDir()), file);
  }

  static DesiredState load(Context context, SourceTree tree, Path file) {
    return loadResult(context, tree, file).state().orElseThrow();
  }

  /** The whole result, parsed document included, of a file that loaded. */
  static DesiredStateLoader.Result loadResult(Context context, SourceTree tree, Path file) {
    DesiredStateLoader.Result result =
        new DesiredStateLoader(tree, Optional.of(context.now())).load(file);
    for (Diagnostic diagnostic : result.diagnostics()) {
      context.diagnostics.accept(diagnostic);
    }
    if (!result.ok()) {
      context.err.flush();
      throw new Exit(ExitCode.INVALID);
    }
    return result;
  }
}

package io.glustershares.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --rev REV}: read the desired state from git rather than the working tree. */
final class RevisionOption {
  @Option(
      names = "--rev",
      paramLabel = "REV",
      description =
          "Read the file, and the certificates it names, from this revision (branch, tag, commit"
              + " or HEAD~1) of the git repository that contains it, not from the working tree.")
  Optional<String> revision = Optional.empty();
}

package io.glustershares.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code -f FILE}, shared by every command that reads the desired state. */
final class FileOption {
  static final String DEFAULT = "gluster-shares.yaml";

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      defaultValue = DEFAULT,
      description = "The desired-state file (default: ${DEFAULT-VALUE}).")
  Path file;
}

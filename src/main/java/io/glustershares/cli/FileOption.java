package io.glustershares.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The desired-state file, shared by every command that reads it: {@code -f FILE} or a positional
 * {@code FILE}, as Terraform and Ansible users type it. Giving it both ways is a usage error.
 */
final class FileOption {
  static final String DEFAULT = "gluster-shares.yaml";

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  /** The file named, or the default. */
  Path file = Path.of(DEFAULT);

  private Optional<Path> named = Optional.empty();
  private Optional<Path> positional = Optional.empty();

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "The desired-state file (default: " + DEFAULT + "); or give it as FILE.")
  void named(Path path) {
    named = Optional.of(path);
    file = path;
    once();
  }

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "FILE",
      description =
          "The desired-state file, as -f FILE (apply: or a plan saved by 'plan --out', told apart"
              + " by its content).")
  void positional(Path path) {
    positional = Optional.of(path);
    file = path;
    once();
  }

  /** Whether the file was named at all, by {@code -f} or as an argument. */
  boolean given() {
    return named.isPresent() || positional.isPresent();
  }

  /** The positional argument, when it was one (apply reads a saved plan there too). */
  Optional<Path> argument() {
    return positional;
  }

  boolean namedByOption() {
    return named.isPresent();
  }

  private void once() {
    if (named.isPresent() && positional.isPresent()) {
      throw new ParameterException(
          spec.commandLine(),
          "the file is given twice (-f "
              + named.get()
              + " and "
              + positional.get()
              + "); keep one");
    }
  }
}

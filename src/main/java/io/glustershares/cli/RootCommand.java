package io.glustershares.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(
    name = "gluster-shares",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Manage GlusterFS native (TLS) shares declaratively from a desired-state file.",
      "",
      "Exit codes: 0 success or no changes, 1 gluster error, 2 changes or drift present,"
          + " 3 invalid file or arguments, 4 refused."
    },
    subcommands = {
      ValidateCommand.class,
      ShowCommand.class,
      PlanCommand.class,
      ApplyCommand.class,
      DoctorCommand.class,
      AuditCommand.class,
      ImportCommand.class,
      VersionCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class
    })
final class RootCommand implements Runnable {

  private final Context context;

  RootCommand(Context context) {
    this.context = context;
  }

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Print stack traces of errors (never needed in normal use).")
  void setDebug(boolean debug) {
    context.debug = debug;
  }

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description =
          "Print every gluster call, with its exit status and duration, on standard error (never"
              + " a password or passphrase).")
  void setVerbose(boolean verbose) {
    context.verbose = verbose;
  }

  @Option(
      names = "--no-color",
      scope = ScopeType.INHERIT,
      description =
          "No colour in plans, applies and audits (they are coloured only on a terminal; NO_COLOR"
              + " of any value turns it off too).")
  void setNoColour(boolean noColour) {
    context.noColour = noColour;
  }

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "a command is required: " + String.join(", ", spec.subcommands().keySet()));
  }
}

package io.glustershares.cli;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
    })
final class RootCommand implements Runnable {

  /**
   * The commands, in the order help lists them. Not in the annotation: picocli reads every
   * subcommand's options, mixins and field types by reflection when the root is built, which was a
   * third of a small {@code validate}'s start-up (issue 17); {@link Main#commandLine(Context,
   * String...)} builds only the one a command line names. Lambdas, not class literals, so that the
   * other commands' classes are not even loaded.
   */
  static final List<Map.Entry<String, Function<Context, Object>>> COMMANDS =
      List.of(
          Map.entry("validate", c -> new ValidateCommand(c)),
          Map.entry("show", c -> new ShowCommand(c)),
          Map.entry("plan", c -> new PlanCommand(c)),
          Map.entry("apply", c -> new ApplyCommand(c)),
          Map.entry("doctor", c -> new DoctorCommand(c)),
          Map.entry("audit", c -> new AuditCommand(c)),
          Map.entry("import", c -> new ImportCommand(c)),
          Map.entry("version", c -> new VersionCommand(c)),
          Map.entry("completion", c -> new CompletionCommand(c)),
          Map.entry("help", c -> new CommandLine.HelpCommand()));

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

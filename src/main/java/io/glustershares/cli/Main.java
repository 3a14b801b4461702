package io.glustershares.cli;

import io.glustershares.gluster.Retry;
import io.glustershares.load.Suggestions;
import io.glustershares.model.Printable;
import io.glustershares.sim.SimException;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import picocli.CommandLine;

/** The entry point. {@link #run} is what tests call; only {@link #main} exits the process. */
public final class Main {

  private final Environment environment;

  /** Whether this run owns the process's Ctrl-C (only {@link #main}'s does). */
  private boolean ownsSigint;

  /** Where gluster retries wait; tests give one that does not sleep. */
  private final Retry.Time retryTime;

  public Main(Environment environment) {
    this(environment, Retry.Time.SYSTEM);
  }

  Main(Environment environment, Retry.Time retryTime) {
    this.environment = environment;
    this.retryTime = retryTime;
  }

  public static void main(String[] args) {
    // Not flushed per line: a plan of 10 000 shares is 400 000 lines. Progress lines flush, and
    // so does every write to standard error, after standard output (the order of a 2>&1 log).
    BufferedOutputStream stdout =
        new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), false);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8));
    Main main = new Main(Environment.system());
    main.ownsSigint = true;
    int code = main.run(out, err, Optional.of(stdout), args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs one command line and returns its exit code (SPEC §5). */
  public int run(PrintWriter out, PrintWriter err, String... args) {
    return run(out, err, Optional.empty(), args);
  }

  /**
   * @param stdout the byte stream behind {@code out}, for large documents, when there is one
   */
  public int run(
      PrintWriter plain, PrintWriter errStream, Optional<OutputStream> stdout, String... args) {
    Optional<ColourLines> colour =
        environment.colourWanted() ? Optional.of(new ColourLines(plain)) : Optional.empty();
    PrintWriter out = colour.map(c -> new PrintWriter(c, false)).orElse(plain);
    PrintWriter err = OrderedErr.after(out, errStream);
    Context context = new Context(out, err, environment, stdout);
    context.retryTime = retryTime;
    context.colour = colour;
    if (ownsSigint) {
      context.interrupts = Interrupts.onSigint(err);
    }
    CommandLine commandLine = commandLine(context, args);
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExitCodeExceptionMapper(e -> ExitCode.INVALID);
    commandLine.setParameterExceptionHandler(
        (ex, arguments) -> {
          err.println("gluster-shares: " + Printable.oneLine(ex.getMessage()));
          Optional<String> command = misspeltCommand(ex);
          if (command.isPresent()) {
            err.println("Did you mean: gluster-shares " + command.get() + "?");
          } else {
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
          }
          err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          if (context.debug) {
            ex.printStackTrace(err);
          }
          err.flush();
          return ExitCode.INVALID;
        });
    commandLine.setExecutionExceptionHandler(
        (ex, cmd, parseResult) -> {
          int code = ExitCode.GLUSTER_ERROR;
          if (ex instanceof Exit exit) {
            return exit.code();
          }
          if (ex instanceof SimException sim) {
            code = ExitCode.INVALID;
            err.println("gluster-shares: " + Printable.oneLine(sim.getMessage()));
          } else if (ex instanceof UserError user) {
            code = user.exitCode();
            err.println("gluster-shares: " + Printable.oneLine(user.getMessage()));
            String above = user.getMessage() == null ? "" : user.getMessage();
            for (Throwable cause = user.getCause(); cause != null; cause = cause.getCause()) {
              String message = cause.getMessage();
              // A cause that only repeats what is printed above it says nothing new.
              if (message != null && !message.isBlank() && !above.contains(message.strip())) {
                err.println("  caused by: " + Printable.oneLine(message));
                above = message;
              }
            }
          } else {
            err.println(
                "gluster-shares: internal error: "
                    + ex.getClass().getSimpleName()
                    + (ex.getMessage() == null ? "" : ": " + Printable.oneLine(ex.getMessage()))
                    + (context.debug ? "" : " (run again with --debug for the stack trace)"));
          }
          if (context.debug) {
            ex.printStackTrace(err);
          }
          err.flush();
          return code;
        });
    if (args.length > 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      err.println(
          "gluster-shares: --version takes no other argument; keep --version alone, or use"
              + " 'gluster-shares version --json' for JSON");
      return ExitCode.INVALID;
    }
    int code = commandLine.execute(args);
    out.flush();
    err.flush();
    stdout.ifPresent(
        s -> {
          try {
            s.flush();
          } catch (IOException e) {
            // Standard output is gone; the exit code still tells.
          }
        });
    return code;
  }

  /**
   * The command a word that names none was likely meant to be, by edit distance among all commands
   * (picocli's own suggestion matches by prefix: {@code paln} gave {@code validate}).
   */
  private static Optional<String> misspeltCommand(CommandLine.ParameterException ex) {
    if (!(ex instanceof CommandLine.UnmatchedArgumentException unmatched)
        || ex.getCommandLine().getParent() != null
        || unmatched.getUnmatched().isEmpty()) {
      return Optional.empty();
    }
    String word = unmatched.getUnmatched().get(0);
    if (word.startsWith("-")) {
      return Optional.empty();
    }
    return Suggestions.closest(word, ex.getCommandLine().getSubcommands().keySet());
  }

  /** Every command and its options; every command gets the run's context. */
  static CommandLine commandLine(Context context) {
    return commandLine(context, new String[0]);
  }

  /**
   * The commands {@code args} can need: only the one its first word names, when it names one (other
   * than {@code help}, which describes them all); otherwise all of them, for the root's help and
   * for suggestions of a misspelt command.
   */
  static CommandLine commandLine(Context context, String... args) {
    Factory factory = new Factory(context);
    CommandLine commandLine = new CommandLine(new RootCommand(context), factory);
    String word = "";
    for (String arg : args) {
      if (!arg.startsWith("-")) {
        word = arg;
        break;
      }
    }
    String named = word;
    boolean one =
        // help and completion describe every command.
        !named.equals("help")
            && !named.equals("completion")
            && RootCommand.COMMANDS.stream().anyMatch(c -> c.getKey().equals(named));
    for (var command : RootCommand.COMMANDS) {
      if (!one || command.getKey().equals(named)) {
        commandLine.addSubcommand(command.getKey(), command.getValue().apply(context));
      }
    }
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    return commandLine;
  }

  private static final class Factory implements CommandLine.IFactory {
    private final Context context;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    Factory(Context context) {
      this.context = context;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
      try {
        Constructor<K> constructor = type.getDeclaredConstructor(Context.class);
        return constructor.newInstance(context);
      } catch (NoSuchMethodException e) {
        return fallback.create(type);
      }
    }
  }

  /** Captures a run's output; for tests and for callers that need the text. */
  public record Captured(int exitCode, String out, String err) {}

  public Captured capture(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = run(new PrintWriter(out), new PrintWriter(err), args);
    return new Captured(code, out.toString(), err.toString());
  }
}

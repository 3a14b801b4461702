package io.glustershares.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What a command may see of the world outside its arguments, so that tests can give it another
 * working directory, other environment variables and a terminal or none.
 *
 * @param workDir relative paths and the simulator's {@code .gluster-shares/} resolve here
 * @param interactive whether standard input is a terminal, so that a person can answer questions
 *     (whatever standard output is: {@code apply | tee log} asks too)
 * @param clock the time written into plans and reports, and the simulator's clock
 * @param stdoutTerminal whether standard output is a terminal: plans, applies and audits are then
 *     coloured (unless {@code NO_COLOR} is set or {@code --no-color} given)
 */
public record Environment(
    Path workDir,
    Map<String, String> variables,
    boolean interactive,
    InputStream stdin,
    Clock clock,
    boolean stdoutTerminal) {

  public Environment {
    variables = Map.copyOf(variables);
  }

  /** Standard output is not a terminal. */
  public Environment(
      Path workDir,
      Map<String, String> variables,
      boolean interactive,
      InputStream stdin,
      Clock clock) {
    this(workDir, variables, interactive, stdin, clock, false);
  }

  public static Environment system() {
    return new Environment(
        Path.of("").toAbsolutePath(),
        System.getenv(),
        stdinIsTerminal(),
        System.in,
        Clock.systemUTC(),
        isTerminal(Path.of("/proc/self/fd/1"), false));
  }

  /** Whether output should carry colour: a terminal, and no {@code NO_COLOR} of any value. */
  boolean colourWanted() {
    return stdoutTerminal && !variables.containsKey("NO_COLOR");
  }

  /**
   * Whether standard input is a terminal. {@code System.console()} needs standard output to be one
   * too, so it is only the fallback where {@code /proc} cannot say.
   */
  static boolean stdinIsTerminal() {
    return isTerminal(Path.of("/proc/self/fd/0"), System.console() != null);
  }

  /** Whether a descriptor ({@code /proc/self/fd/N}) is a terminal; {@code otherwise} if unknown. */
  private static boolean isTerminal(Path descriptor, boolean otherwise) {
    try {
      String target = Files.readSymbolicLink(descriptor).toString();
      return target.startsWith("/dev/pts/")
          || target.startsWith("/dev/tty")
          || target.equals("/dev/console");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return otherwise;
    }
  }

  @Override
  public String toString() {
    // Records print their fields; the variables hold the password, the passphrase, CI tokens.
    return "Environment[workDir=" + workDir + ", " + variables.size() + " variables]";
  }

  public Optional<String> variable(String name) {
    return Optional.ofNullable(variables.get(name));
  }
}

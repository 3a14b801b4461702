package io.glustershares.apply;

import io.glustershares.gluster.HeldCommand;
import io.glustershares.gluster.Runner;
import io.glustershares.gluster.RunnerException;
import io.glustershares.model.Printable;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The apply lock on one gluster server: {@code flock(1)} on {@value #FILE}, taken and then held by
 * a shell on that server that reads its standard input until it ends. Over SSH that input is the
 * session's channel, so the lock is let go when the apply closes it, and also when the apply is
 * killed or its connection drops (sshd closes the pipe, the reader ends, the lock file closes): a
 * killed apply's lock is free at once. The holder (managing host, PID, start time) is written in
 * the file for whoever waits. The argv is fixed; the holder text and the wait are its only values,
 * passed as words, never as shell text.
 */
final class ServerLock {

  /** Where the lock lives on every server: root's, not writable by others, made 0700 if missing. */
  static final String DIRECTORY = "/run/gluster-shares";

  static final String FILE = DIRECTORY + "/apply.lock";

  /**
   * $1 directory, $2 file, $3 holder, $4 seconds to wait. Prints one of: {@code WAITING holder}
   * (then one of the others), {@code LOCKED} (then holds until its input ends), {@code HELD holder}
   * (exit 1), {@code UNSAFE why} (exit 3).
   */
  static final String SCRIPT =
      String.join(
          "\n",
          "dir=$1 file=$2 holder=$3 wait=$4",
          "umask 077",
          "[ -e \"$dir\" ] || mkdir -m 0700 -- \"$dir\" 2>/dev/null || [ -d \"$dir\" ] ||"
              + " { echo \"UNSAFE cannot make the directory $dir\"; exit 3; }",
          "if [ -L \"$dir\" ] || [ ! -d \"$dir\" ]; then echo \"UNSAFE $dir is not a directory\";"
              + " exit 3; fi",
          "set -- $(stat -c '%u %A' -- \"$dir\")",
          "me=$(id -u)",
          "[ \"$1\" = \"$me\" ] || [ \"$1\" = 0 ] ||"
              + " { echo \"UNSAFE $dir belongs to uid $1, neither to uid $me nor to root\"; exit 3; }",
          "case $2 in ?????w????|????????w?) echo \"UNSAFE $dir is writable by others ($2):"
              + " chmod go-w $dir\"; exit 3;; esac",
          "if [ -L \"$file\" ] || { [ -e \"$file\" ] && [ ! -f \"$file\" ]; }; then"
              + " echo \"UNSAFE $file is not a regular file: remove it\"; exit 3; fi",
          "exec 9>>\"$file\" || { echo \"UNSAFE cannot open $file as uid $me\"; exit 3; }",
          "if ! flock -n 9; then",
          "  echo \"WAITING $(head -n 1 -- \"$file\")\"",
          "  flock -w \"$wait\" 9 || { echo \"HELD $(head -n 1 -- \"$file\")\"; exit 1; }",
          "fi",
          "printf '%s\\n' \"$holder\" > \"$file\"",
          "echo LOCKED",
          "cat > /dev/null",
          // A clean end leaves no holder behind.
          ": > \"$file\"",
          "");

  /** Time for the server to answer beyond the wait itself: a slow SSH login. */
  private static final Duration ANSWER = Duration.ofSeconds(30);

  /** What one attempt on one server came to. */
  sealed interface Outcome {
    /** Taken: held until {@code command} is closed or ends. */
    record Taken(HeldCommand command) implements Outcome {}

    /** Another apply held it for the whole wait. */
    record Held(String holder) implements Outcome {}

    /** The directory or file is not safe to open: refused, nothing written. */
    record Unsafe(String why) implements Outcome {}

    /** The server could not be reached, or the lock command could not run there. */
    record NotTaken(String why) implements Outcome {}
  }

  private ServerLock() {}

  /** The argv run on the server. */
  static List<String> argv(String holder, Duration wait) {
    return List.of(
        "sh",
        "-c",
        SCRIPT,
        "gluster-shares-lock",
        DIRECTORY,
        FILE,
        holder,
        String.format(Locale.ROOT, "%.1f", Math.max(0, wait.toMillis()) / 1000.0));
  }

  /**
   * Takes the lock on the server {@code runner} reaches, waiting up to {@code wait} for another
   * apply to let it go.
   *
   * @param waiting told once, with the holder, when another apply holds it
   */
  static Outcome take(Runner runner, String holder, Duration wait, Consumer<String> waiting) {
    HeldCommand command;
    try {
      command = runner.hold(argv(holder, wait));
    } catch (RunnerException e) {
      return new Outcome.NotTaken(e.getMessage());
    }
    try {
      while (true) {
        Optional<String> line = command.readLine(wait.plus(ANSWER));
        if (line.isEmpty()) {
          String why = command.ended().orElse("it ended");
          command.close();
          return new Outcome.NotTaken("the lock command ended without taking the lock: " + why);
        }
        String text = line.get();
        if (text.equals("LOCKED")) {
          return new Outcome.Taken(command);
        }
        if (text.startsWith("WAITING")) {
          waiting.accept(holder(text, "WAITING"));
          continue;
        }
        command.close();
        if (text.startsWith("HELD")) {
          return new Outcome.Held(holder(text, "HELD"));
        }
        if (text.startsWith("UNSAFE ")) {
          return new Outcome.Unsafe(Printable.oneLine(text.substring("UNSAFE ".length())));
        }
        return new Outcome.NotTaken("the lock command said: " + Printable.oneLine(text));
      }
    } catch (RunnerException e) {
      command.close();
      return new Outcome.NotTaken(e.getMessage());
    }
  }

  /** The holder the server wrote; a lock file without one was held by an older or odd process. */
  private static String holder(String line, String word) {
    String rest = line.substring(word.length()).strip();
    return rest.isEmpty() ? "an unknown process" : Printable.oneLine(rest);
  }
}

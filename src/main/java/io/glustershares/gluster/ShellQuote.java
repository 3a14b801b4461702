package io.glustershares.gluster;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Quotes argv words for a POSIX shell, which is how an SSH server runs a command: every word in
 * single quotes, a single quote as {@code '\''}. Nothing inside single quotes is special to the
 * shell, newlines included, so no value can become a second command.
 */
public final class ShellQuote {

  private ShellQuote() {}

  public static String word(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  public static String command(List<String> argv) {
    return argv.stream().map(ShellQuote::word).collect(Collectors.joining(" "));
  }

  /** For messages and logs only: quotes just the words that need it. */
  public static String readable(List<String> argv) {
    return argv.stream()
        .map(w -> w.matches("[A-Za-z0-9._/:=@,+-]+") ? w : word(w))
        .collect(Collectors.joining(" "));
  }
}

package io.glustershares.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What {@code apply FILE} was given, told by content, not by name: a saved plan is a JSON object
 * whose first key is {@code formatVersion}; anything else is read as a desired-state file (whose
 * loader then says what is wrong with it). A missing file is left to the desired-state loader,
 * which names the path; something that is not a regular file to the plan reader, which refuses it
 * without opening it.
 */
enum ArgumentKind {
  SAVED_PLAN,
  DESIRED_STATE;

  private static final Pattern PLAN_START = Pattern.compile("\\A\\s*\\{\\s*\"formatVersion\"");

  static ArgumentKind of(Path file) {
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      // A FIFO or a device is never opened; the plan reader refuses it by what it is.
      return SAVED_PLAN;
    }
    return startsAsAPlan(file) ? SAVED_PLAN : DESIRED_STATE;
  }

  /** Whether {@code file} is a regular file that reads as a plan from its first bytes. */
  static boolean startsAsAPlan(Path file) {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(256);
    } catch (IOException e) {
      return false;
    }
    return PLAN_START.matcher(new String(head, StandardCharsets.UTF_8)).find();
  }
}

package io.glustershares.cli;

import io.glustershares.planfile.PlanFileReader;
import java.nio.file.Files;
import java.nio.file.Path;

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

  static ArgumentKind of(Path file) {
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      // A FIFO or a device is never opened; the plan reader refuses it by what it is.
      return SAVED_PLAN;
    }
    return PlanFileReader.startsAsAPlan(file) ? SAVED_PLAN : DESIRED_STATE;
  }
}

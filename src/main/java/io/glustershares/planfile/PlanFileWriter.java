package io.glustershares.planfile;

import io.glustershares.plan.Plan;
import io.glustershares.planfile.PlanFileException.Reason;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Writes a saved plan. An existing file is replaced only when it is itself a saved plan (CI reruns
 * in one workspace), through a temporary file beside it and one rename, so that a reader never sees
 * half a plan; any other file is never overwritten.
 */
public final class PlanFileWriter {

  /** What writing did to the path. */
  public enum Outcome {
    CREATED,
    REPLACED
  }

  private PlanFileWriter() {}

  /**
   * @param shown the path as the user named it, for messages
   */
  public static Outcome write(
      Path path, String shown, Plan plan, Provenance provenance, Saving saving)
      throws PlanFileException {
    boolean replacing = PlanFileReader.startsAsAPlan(path);
    try {
      if (replacing) {
        Path temporary =
            Files.createTempFile(path.toAbsolutePath().getParent(), ".plan-", ".json.tmp");
        try {
          try (Writer w = Files.newBufferedWriter(temporary)) {
            PlanFormat.write(plan, provenance, Optional.of(saving), w);
          }
          Files.move(
              temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
          Files.deleteIfExists(temporary);
        }
        return Outcome.REPLACED;
      }
      try (Writer w =
          Files.newBufferedWriter(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        PlanFormat.write(plan, provenance, Optional.of(saving), w);
      }
      return Outcome.CREATED;
    } catch (FileAlreadyExistsException e) {
      throw new PlanFileException(
          Reason.INVALID, shown + " exists and is not a saved plan; it is never overwritten", e);
    } catch (IOException e) {
      throw new PlanFileException(
          Reason.INVALID, "cannot write " + shown + ": " + e.getMessage(), e);
    }
  }
}

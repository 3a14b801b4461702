package io.glustershares.cli;

import io.glustershares.model.Printable;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a saved plan says its desired-state file is. {@code plan --out} records it relative to the
 * plan file's directory (absolute when it was named by an absolute path), so that {@code apply
 * PLAN} finds it from any working directory, as long as the two travel together (a CI artifact
 * unpacked in the same workspace layout).
 */
final class PlanDesiredFile {

  private PlanDesiredFile() {}

  /** The path to record for {@code desired}, given as on the command line, in plan {@code out}. */
  static String record(Context context, Path desired, Path out) {
    if (desired.isAbsolute()) {
      return desired.normalize().toString();
    }
    Path workDir = context.environment.workDir().toAbsolutePath();
    Path file = workDir.resolve(desired).normalize();
    Path planDir = workDir.resolve(out).normalize().getParent();
    return planDir == null ? file.toString() : planDir.relativize(file).toString();
  }

  /**
   * The desired-state file of the plan in {@code plan}: what it records, resolved against the plan
   * file's directory. A path that is not there is refused saying it came from the plan.
   *
   * @param atCommit the plan was made from a git revision: only the file's directory must exist
   */
  static Path resolve(Context context, Path plan, String recorded, boolean atCommit) {
    Path planDir = context.environment.workDir().resolve(plan).toAbsolutePath().getParent();
    Path file = planDir.resolve(recorded).normalize();
    boolean there =
        atCommit
            ? file.getParent() != null && Files.isDirectory(file.getParent())
            : Files.exists(file);
    if (!there) {
      throw new UserError(
          ExitCode.INVALID,
          "cannot apply "
              + plan
              + ": the desired-state file it was made from, "
              + Printable.value(recorded)
              + " (recorded in the plan, relative to its directory: "
              + Printable.value(file.toString())
              + "), does not exist: no such file. Put the plan beside the file as it was when"
              + " planned, or make a new plan");
    }
    return file;
  }
}

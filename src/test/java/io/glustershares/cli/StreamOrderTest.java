package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.TestFiles;
import io.glustershares.sim.SimFaults;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15, stumble 2: standard output and standard error in the order they were written. */
class StreamOrderTest {

  @TempDir Path work;
  @TempDir Path locks;

  @BeforeEach
  void quickstart() throws Exception {
    TestFiles.copyTree(Path.of("examples/quickstart"), work);
  }

  @Test
  void aRefusalAfterThePlanComesAfterItInOneLog() throws Exception {
    Files.writeString(work.resolve("notes.txt"), "not a plan\n");

    CliProcess.Merged result = new CliProcess(work, locks).merged("plan", "--out", "notes.txt");

    assertThat(result.exitCode()).as(result.output()).isEqualTo(3);
    assertThat(result.output().indexOf("Plan: 4 to create"))
        .as(result.output())
        .isNotNegative()
        .isLessThan(result.output().indexOf("notes.txt exists"));
  }

  @Test
  void aFailedActionAndPlanErrorsAreAlsoOnStandardError() {
    CliRunner cli = new CliRunner(work).env(ApplyCommand.LOCK_DIR_VARIABLE, locks.toString());
    Main.Captured failed =
        cli.env(SimFaults.VARIABLE, "demo:fail=9").run("apply", "--auto-approve");

    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.err()).contains("[demo] + create_share analytics: FAILED after");
    assertThat(failed.out()).contains("Apply incomplete", "Failed:");
  }

  @Test
  void planErrorsAreAlsoOnStandardError() throws Exception {
    Path file = work.resolve("gluster-shares.yaml");
    Files.writeString(file, Files.readString(file).replace("size: 1", "size: 100"));

    Main.Captured errors = new CliRunner(work).run("plan");

    assertThat(errors.exitCode()).isEqualTo(1);
    assertThat(errors.out()).contains("Errors (this plan cannot be applied)");
    assertThat(errors.err()).contains("gluster-shares: error: share 'scratch'");
  }
}

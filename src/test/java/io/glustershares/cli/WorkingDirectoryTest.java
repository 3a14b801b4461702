package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.TestFiles;
import io.glustershares.render.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15, stumble 8: the simulator's state is the file's, wherever a command runs. */
class WorkingDirectoryTest {

  @TempDir Path work;

  @Test
  void anApplyFromAboveIsSeenFromTheFilesOwnDirectory() throws Exception {
    TestFiles.copyTree(Path.of("examples/quickstart"), work.resolve("quickstart"));

    Main.Captured apply =
        new CliRunner(work).run("apply", "quickstart/gluster-shares.yaml", "--auto-approve");
    assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();

    Main.Captured plan =
        new CliRunner(work.resolve("quickstart")).run("plan", "--detailed-exitcode");
    assertThat(plan.exitCode()).as(plan.out()).isZero();
    assertThat(work.resolve("quickstart/.gluster-shares")).isDirectory();
    assertThat(work.resolve(".gluster-shares")).doesNotExist();
  }

  @Test
  void aSavedPlanFindsItsDesiredFileFromAnyWorkingDirectory() throws Exception {
    TestFiles.copyTree(Path.of("examples/quickstart"), work.resolve("quickstart"));
    Files.createDirectories(work.resolve("plans"));
    Files.createDirectories(work.resolve("elsewhere"));

    Main.Captured plan =
        new CliRunner(work.resolve("quickstart")).run("plan", "--out", "../plans/p.json");
    assertThat(plan.exitCode()).as(plan.err()).isZero();
    assertThat(
            Json.parse(Files.readString(work.resolve("plans/p.json")))
                .path("options")
                .path("desiredFile")
                .asString())
        .isEqualTo("../quickstart/gluster-shares.yaml");

    Main.Captured apply = new CliRunner(work.resolve("elsewhere")).run("apply", "../plans/p.json");
    assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
    assertThat(apply.out()).contains("Apply complete");
  }

  @Test
  void aDesiredFileMissingWhereThePlanSaysIsSaidToComeFromThePlan() throws Exception {
    TestFiles.copyTree(Path.of("examples/quickstart"), work.resolve("quickstart"));
    assertThat(new CliRunner(work.resolve("quickstart")).run("plan", "--out", "p.json").exitCode())
        .isZero();
    Files.move(work.resolve("quickstart/p.json"), work.resolve("p.json"));

    Main.Captured apply = new CliRunner(work).run("apply", "p.json");

    assertThat(apply.exitCode()).isEqualTo(ExitCode.INVALID);
    assertThat(apply.err())
        .isEqualTo(
            "gluster-shares: cannot apply p.json: the desired-state file it was made from,"
                + " gluster-shares.yaml (recorded in the plan, relative to its directory: "
                + work.resolve("gluster-shares.yaml")
                + "), does not exist: no such file. Put the plan beside the file as it was when"
                + " planned, or make a new plan\n");
  }
}

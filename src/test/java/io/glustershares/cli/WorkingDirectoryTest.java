package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.TestFiles;
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
}

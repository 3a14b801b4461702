package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15, stumble 1: the file as a positional argument, as Terraform and Ansible users type. */
class PositionalFileTest {

  @TempDir Path work;
  private CliRunner cli;

  @BeforeEach
  void quickstart() throws Exception {
    TestFiles.copyTree(Path.of("examples/quickstart"), work);
    Files.move(work.resolve("gluster-shares.yaml"), work.resolve("demo.yaml"));
    cli = new CliRunner(work);
  }

  @Test
  void everyCommandThatTakesDashFTakesTheFileAsAnArgument() {
    for (String command : new String[] {"validate", "plan", "audit", "show", "doctor"}) {
      Main.Captured result = cli.run(command, "demo.yaml");
      assertThat(result.err()).as(command).doesNotContain("Unmatched argument");
      assertThat(result.exitCode()).as(command + ": " + result.err()).isIn(0, 1, 2);
    }
    assertThat(cli.run("validate", "demo.yaml").out()).contains("demo.yaml: valid: 1 cluster");
  }

  @Test
  void theFileGivenBothWaysIsAUsageError() {
    Main.Captured result = cli.run("plan", "-f", "demo.yaml", "other.yaml");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("the file is given twice", "keep one");
  }

  @Test
  void applyOfAYamlFilePlansFromItAndSaysSo() {
    Main.Captured result = cli.run("apply", "demo.yaml", "--auto-approve");

    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    assertThat(result.out())
        .startsWith("Reading demo.yaml as a desired-state file (it is not a saved plan).")
        .contains("Apply complete");
    assertThat(result.err()).doesNotContain("JSON", "Unrecognized token");
  }

  @Test
  void applyOfASavedPlanSaysItReadAPlan() {
    assertThat(cli.run("plan", "demo.yaml", "--out", "p.json").exitCode()).isZero();

    Main.Captured result = cli.run("apply", "p.json", "--auto-approve");

    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    assertThat(result.out()).startsWith("Reading p.json as a saved plan (plan --out).");
  }

  @Test
  void aSavedPlanGivenAsTheDesiredFileIsNamedForWhatItIs() {
    assertThat(cli.run("plan", "demo.yaml", "--out", "p.json").exitCode()).isZero();

    Main.Captured result = cli.run("apply", "-f", "p.json", "--auto-approve");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("p.json is a saved plan", "apply p.json");
  }

  @Test
  void aTargetThatNamesNoShareIsRefusedBeforePlanningWithASuggestion() {
    Main.Captured result = cli.run("plan", "demo.yaml", "--target", "analytic");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err())
        .contains("--target 'analytic': no share of that name", "(did you mean 'analytics'?)");
    assertThat(work.resolve(".gluster-shares")).doesNotExist();
  }
}

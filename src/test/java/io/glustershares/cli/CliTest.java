package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CliTest {

  private final CliRunner cli = new CliRunner(Path.of("").toAbsolutePath());

  @Test
  void helpListsTheCommandsAndExitCodes() {
    Main.Captured result = cli.run("--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("Usage: gluster-shares", "validate", "Exit codes:");
  }

  @Test
  void versionNamesTheTool() {
    Main.Captured result = cli.run("--version");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("gluster-shares ");
    assertThat(result.out().lines().findFirst().orElseThrow()).doesNotContain("unknown");
  }

  @Test
  void subcommandHelpFollowsPicocliConventions() {
    Main.Captured result = cli.run("validate", "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("Usage: gluster-shares validate", "-f, --file=FILE");
  }

  @Test
  void noCommandIsAUsageErrorWithExit3() {
    Main.Captured result = cli.run();

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).startsWith("gluster-shares: a command is required");
  }

  @Test
  void anUnknownOptionIsAUsageErrorWithExit3() {
    Main.Captured result = cli.run("validate", "--fiel", "x.yaml");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err())
        .contains("Unknown option", "'--fiel'", "Possible solutions: --file")
        .doesNotContain("\tat ");
  }

  @Test
  void validateSummarisesAValidFile() {
    Main.Captured result = cli.run("validate", "-f", "examples/quickstart/gluster-shares.yaml");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "examples/quickstart/gluster-shares.yaml: valid: 1 cluster, 3 shares, 4 access"
                + " entries, 1 snapshot\n");
  }

  @Test
  void theTwoClusterExampleIsValid() {
    Main.Captured result = cli.run("validate", "-f", "examples/two-clusters/gluster-shares.yaml");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "examples/two-clusters/gluster-shares.yaml: valid: 2 clusters, 4 shares, 4 access"
                + " entries, 1 snapshot\n");
  }
}

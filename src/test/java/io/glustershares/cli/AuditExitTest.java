package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.TestFiles;
import io.glustershares.render.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15, stumble 4: drift of managed shares exits 2; warnings are warnings. */
class AuditExitTest {

  @TempDir Path work;
  private CliRunner cli;

  @BeforeEach
  void appliedQuickstart() throws Exception {
    TestFiles.copyTree(Path.of("examples/quickstart"), work);
    cli = new CliRunner(work);
    assertThat(cli.run("apply", "--auto-approve").exitCode()).isZero();
  }

  @Test
  void theQuickstartAppliedAuditsGreenWithItsPoolWarning() {
    Main.Captured text = cli.run("audit");
    Main.Captured junit = cli.run("audit", "--format", "junit");
    Main.Captured json = cli.run("audit", "--format", "json");

    assertThat(text.exitCode()).as(text.out()).isZero();
    assertThat(text.out())
        .contains("no drift; warnings: 0 unmanaged, 1 cluster with findings")
        .contains("not_ready: 1 pool volume is not ready");
    assertThat(junit.exitCode()).isZero();
    assertThat(junit.out()).doesNotContain("<failure").contains("<system-out>warning: not_ready");
    assertThat(Json.parse(json.out()).get("drift").asBoolean()).isFalse();
    assertThat(Json.parse(json.out()).get("warnings").asInt()).isEqualTo(1);
  }

  @Test
  void failOnWarningMakesWarningsFail() {
    Main.Captured text = cli.run("audit", "--fail-on", "warning");
    Main.Captured junit = cli.run("audit", "--fail-on", "warning", "--format", "junit");

    assertThat(text.exitCode()).isEqualTo(2);
    assertThat(junit.exitCode()).isEqualTo(2);
    assertThat(junit.out()).contains("<failure type=\"cluster\" message=\"1 finding: not_ready\"");
  }

  @Test
  void theJunitFailureMessageListsEveryKindOfFinding() throws Exception {
    Path file = work.resolve("gluster-shares.yaml");
    Files.writeString(file, Files.readString(file).replace("cn: ci-runner", "cn: ci-runner-2"));

    Main.Captured junit = cli.run("audit", "--format", "junit");

    assertThat(junit.exitCode()).isEqualTo(2);
    assertThat(junit.out()).contains("message=\"2 findings: extra_cn, missing_cn\"");
  }
}

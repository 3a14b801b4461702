package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.TestFiles;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15, stumble 3: when apply asks, when it refuses, and what it asks. */
class ConfirmationTest {

  @TempDir Path work;
  @TempDir Path locks;
  private CliRunner cli;

  @BeforeEach
  void quickstart() throws Exception {
    TestFiles.copyTree(Path.of("examples/quickstart"), work);
    cli = new CliRunner(work).env(ApplyCommand.LOCK_DIR_VARIABLE, locks.toString());
  }

  private List<String> changingCalls() throws Exception {
    Path calls = work.resolve(".gluster-shares/demo.calls");
    if (!Files.exists(calls)) {
      return List.of();
    }
    return Files.readAllLines(calls).stream()
        .filter(l -> !l.equals("gluster --version") && !l.endsWith(" info"))
        .filter(l -> !l.endsWith(" pool list") && !l.endsWith(" volume status all"))
        .toList();
  }

  @Test
  void applyPipedIntoTeeOnATerminalAsks() throws Exception {
    // script(1) gives the command a terminal as standard input; its standard output is a pipe.
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command =
        Stream.of(
                java,
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "apply")
            .map(a -> "'" + a + "'")
            .collect(Collectors.joining(" "));
    ProcessBuilder builder =
        new ProcessBuilder("script", "-qec", command + " | cat", "/dev/null")
            .directory(work.toFile())
            .redirectErrorStream(true);
    builder.environment().put(ApplyCommand.LOCK_DIR_VARIABLE, locks.toString());
    Process p = builder.start();
    try (OutputStream in = p.getOutputStream()) {
      in.write("no\n".getBytes(StandardCharsets.UTF_8));
      in.flush();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(output)
          .contains("Apply these 4 actions? [yes/no]", "not applied (only 'yes' applies)")
          .doesNotContain("terminal to ask on");
    }
    assertThat(changingCalls()).isEmpty();
  }

  @Test
  void inputFalseNeverAsksEvenOnATerminal() throws Exception {
    Main.Captured result =
        new CliRunner(work)
            .env(ApplyCommand.LOCK_DIR_VARIABLE, locks.toString())
            .interactive("yes\n")
            .run("apply", "--input=false");

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.out()).doesNotContain("[yes/no]");
    assertThat(result.err()).contains("--input=false", "--auto-approve");
    assertThat(changingCalls()).isEmpty();

    assertThat(cli.run("apply", "--input=false", "--auto-approve").exitCode()).isZero();
  }

  @Test
  void aSavedPlanIsAppliedWithoutAsking() throws Exception {
    assertThat(cli.run("plan", "--out", "p.json").exitCode()).isZero();

    Main.Captured result = cli.run("apply", "p.json");

    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    assertThat(result.out()).doesNotContain("[yes/no]").contains("Apply complete");
  }

  @Test
  void oneActionIsAskedAboutInTheSingular() throws Exception {
    assertThat(cli.run("apply", "--auto-approve").exitCode()).isZero();
    Path file = work.resolve("gluster-shares.yaml");
    Files.writeString(
        file, Files.readString(file).replace("- cn: ci-runner", "- cn: ci-runner\n      - cn: x"));

    Main.Captured result =
        new CliRunner(work)
            .env(ApplyCommand.LOCK_DIR_VARIABLE, locks.toString())
            .interactive("no\n")
            .run("apply");

    assertThat(result.out()).contains("Apply this action? [yes/no] ");
  }
}

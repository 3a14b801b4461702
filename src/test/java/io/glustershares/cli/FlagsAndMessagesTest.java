package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.TestFiles;
import io.glustershares.render.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15, stumbles 9 and 10: meaningless flags refused, messages that help. */
class FlagsAndMessagesTest {

  @TempDir Path work;
  private CliRunner cli;

  @BeforeEach
  void quickstart() throws Exception {
    TestFiles.copyTree(Path.of("examples/quickstart"), work);
    cli = new CliRunner(work);
  }

  @Test
  void conflictingOrMeaninglessFlagsAreRefusedSayingWhichToKeep() {
    Main.Captured format = cli.run("plan", "--json", "--format", "markdown");
    assertThat(format.exitCode()).isEqualTo(3);
    assertThat(format.err()).contains("--json and --format markdown", "keep one");

    Main.Captured version = cli.run("--version", "--json");
    assertThat(version.exitCode()).isEqualTo(3);
    assertThat(version.err()).contains("gluster-shares version --json");

    Main.Captured timeout = cli.run("apply", "--lock-timeout", "-5");
    assertThat(timeout.exitCode()).isEqualTo(3);
    assertThat(timeout.err()).contains("--lock-timeout -5", "0 or more");

    assertThat(cli.run("plan", "--json", "--format", "json").exitCode()).isZero();
  }

  @Test
  void helpAndVersionAreCommandsToo() {
    Main.Captured help = cli.run("help", "plan");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("Usage: gluster-shares plan");

    Main.Captured version = cli.run("version");
    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).startsWith("gluster-shares ");

    Main.Captured json = cli.run("version", "--json");
    assertThat(json.exitCode()).isZero();
    assertThat(Json.parse(json.out()).get("version").asString()).isNotBlank();
  }

  @Test
  void aMisspeltCommandIsSuggestedByEditDistance() {
    Main.Captured result = cli.run("paln");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("Did you mean: gluster-shares plan?");
    assertThat(result.err()).doesNotContain("validate?");
  }

  @Test
  void causesThatRepeatTheMessageAreNotRepeated() throws Exception {
    Files.writeString(work.resolve("p.json"), "{\"formatVersion\": 1, ");

    Main.Captured result = cli.run("apply", "p.json");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).doesNotContain("caused by");
  }

  @Test
  void aMissingFileGivenToApplySaysNoSuchFileOnce() {
    Main.Captured result = cli.run("apply", "nosuch.json");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err())
        .isEqualTo(
            "gluster-shares: cannot read nosuch.json: no such file; valid: a plan saved by 'plan"
                + " --out' or a desired-state file\n");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void aSavedPlanWithOneStepLessSaysOneEntryNotOneEntries() {
    assertThat(
            io.glustershares.planfile.PlanComparison.differences(
                Json.parse("[{\"steps\": [1]}]"), Json.parse("[{\"steps\": [1, 2]}]")))
        .anySatisfy(d -> assertThat(d).endsWith(": 1 entry saved, 2 now"));
  }

  @Test
  void planOutReplacesAPlanButNoOtherFile() throws Exception {
    assertThat(cli.run("plan", "--out", "p.json").exitCode()).isZero();
    Main.Captured again = cli.run("plan", "--out", "p.json");
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.err()).contains("replacing the plan saved there before");

    Files.writeString(work.resolve("notes.json"), "{\"mine\": true}\n");
    Main.Captured other = cli.run("plan", "--out", "notes.json");
    assertThat(other.exitCode()).isEqualTo(3);
    assertThat(Files.readString(work.resolve("notes.json"))).isEqualTo("{\"mine\": true}\n");
  }
}

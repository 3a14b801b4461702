package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15: colour in plans, applies and audits, only on a terminal, off with NO_COLOR. */
class ColourTest {

  private static final String ESC = "\u001B[";

  @TempDir Path work;

  @BeforeEach
  void quickstart() throws Exception {
    TestFiles.copyTree(Path.of("examples/quickstart"), work);
  }

  private CliRunner terminal() {
    return new CliRunner(work).terminal();
  }

  @Test
  void aPlanOnATerminalColoursItsSymbols() {
    String out = terminal().run("plan").out();

    assertThat(out)
        .contains(ColourLines.GREEN + "+ create_share analytics  cluster demo")
        .contains(ColourLines.RED + "  ! restarts manila-share-volume-3G-1")
        .contains("Plan: 4 to create, 0 to change, 0 to destroy.\n");
    assertThat(out.lines().filter(l -> l.startsWith("    bind ")).findFirst().orElseThrow())
        .doesNotContain(ESC);
  }

  @Test
  void noColourWithoutATerminalWithNoColorOfAnyValueOrWithTheFlag() {
    assertThat(new CliRunner(work).run("plan").out()).doesNotContain(ESC);
    assertThat(terminal().env("NO_COLOR", "").run("plan").out()).doesNotContain(ESC);
    assertThat(terminal().run("plan", "--no-color").out()).doesNotContain(ESC);
  }

  @Test
  void machineFormatsAreNeverColouredEvenOnATerminal() throws Exception {
    assertThat(terminal().run("plan", "--json").out()).doesNotContain(ESC).startsWith("{");
    assertThat(terminal().run("plan", "--format", "markdown").out()).doesNotContain(ESC);
    assertThat(terminal().run("validate").out()).doesNotContain(ESC);
    terminal().run("apply", "--auto-approve");
    assertThat(terminal().run("audit", "--format", "json").out()).doesNotContain(ESC);
    assertThat(terminal().run("show").out()).doesNotContain(ESC);
  }

  @Test
  void anApplyAndAnAuditAreColouredToo() throws Exception {
    Main.Captured apply = terminal().run("apply", "--auto-approve");
    assertThat(apply.exitCode()).as(apply.err()).isZero();
    assertThat(apply.out())
        .contains(ColourLines.GREEN + "[demo] + create_share analytics: started")
        .contains(ColourLines.GREEN + "[demo] + create_share analytics: done in");

    Path file = work.resolve("gluster-shares.yaml");
    Files.writeString(file, Files.readString(file).replace("cn: ci-runner", "cn: ci-runner-2"));
    Main.Captured audit = terminal().run("audit");
    assertThat(audit.out())
        .contains(
            ColourLines.RED
                + "  - extra_cn: allowed but not listed: ci-runner (manila-share-volume-1G-1 on"
                + " demo)"
                + ColourLines.RESET);

    Main.Captured plan = terminal().run("plan");
    assertThat(plan.out()).contains(ColourLines.YELLOW + "~ ");
  }

  @Test
  void aLineIsColouredByItsSymbolOnly() {
    assertThat(ColourLines.colour("- delete_share x"))
        .isEqualTo(ColourLines.RED + "- delete_share x" + ColourLines.RESET);
    assertThat(ColourLines.colour("-v is a flag")).isEqualTo("-v is a flag");
    assertThat(ColourLines.colour("Plan: 1 to create")).isEqualTo("Plan: 1 to create");
    assertThat(ColourLines.colour("")).isEmpty();
  }
}

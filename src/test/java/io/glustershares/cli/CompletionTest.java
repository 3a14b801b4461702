package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15: {@code completion bash|zsh}, checked by running the script in bash. */
class CompletionTest {

  @TempDir Path work;

  /** What bash offers for the words of {@code line} (the last one being completed). */
  private List<String> complete(Path script, String... words) throws Exception {
    String array = String.join(" ", words);
    String program =
        "source "
            + script
            + "; COMP_WORDS=("
            + array
            + "); COMP_CWORD="
            + (words.length - 1)
            + "; COMP_LINE='"
            + array
            + "'; COMP_POINT=${#COMP_LINE}; _complete_gluster-shares 2>/dev/null;"
            + " printf '%s\\n' \"${COMPREPLY[@]}\"";
    Process bash =
        new ProcessBuilder("bash", "--norc", "--noprofile", "-c", program)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .start();
    bash.getOutputStream().close();
    String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out.lines().filter(l -> !l.isBlank()).toList();
  }

  @Test
  void theBashScriptCompletesCommandsAndTheirOptions() throws Exception {
    Main.Captured result = new CliRunner(work).run("completion", "bash");
    assertThat(result.exitCode()).isZero();
    Path script = Files.writeString(work.resolve("completion.bash"), result.out());

    assertThat(complete(script, "gluster-shares", "pl")).containsExactly("plan");
    assertThat(complete(script, "gluster-shares", "comp")).containsExactly("completion");
    assertThat(complete(script, "gluster-shares", "plan", "--detailed"))
        .containsExactly("--detailed-exitcode");
    assertThat(complete(script, "gluster-shares", "apply", "--auto"))
        .containsExactly("--auto-approve");
    assertThat(complete(script, "gluster-shares", "audit", "--no-")).containsExactly("--no-color");
  }

  @Test
  void zshGetsTheSameScriptThroughBashcompinit() {
    Main.Captured zsh = new CliRunner(work).run("completion", "zsh");

    assertThat(zsh.exitCode()).isZero();
    assertThat(zsh.out())
        .contains("bashcompinit")
        .endsWith(new CliRunner(work).run("completion", "bash").out());
  }

  @Test
  void anotherShellIsRefusedSayingWhichExist() {
    Main.Captured fish = new CliRunner(work).run("completion", "fish");

    assertThat(fish.exitCode()).isEqualTo(ExitCode.INVALID);
    assertThat(fish.err()).contains("bash, zsh");
  }
}

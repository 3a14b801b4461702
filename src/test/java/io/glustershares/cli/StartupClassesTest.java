package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up pays only for what a command uses (issue 17): a JVM of its own runs a command with
 * {@code -verbose:class}, and the classes it loaded are read. SSH (sshj, Bouncy Castle), git
 * (jgit), the simulator and the applier stay unloaded where the command does not need them, and
 * picocli builds only the command that was named.
 */
class StartupClassesTest {

  @TempDir Path work;

  private List<String> loaded(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-Xlog:class+load=info:stdout:tags");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
    builder.environment().put(ApplyCommand.LOCK_DIR_VARIABLE, work.toString());
    builder.redirectErrorStream(true);
    builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    Process p = builder.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    return output
        .lines()
        .filter(l -> l.startsWith("[class,load"))
        .map(l -> l.replaceFirst("^\\[class,load *\\] *(\\S+).*$", "$1"))
        .toList();
  }

  private void quickstart() throws Exception {
    TestFiles.copyTree(Path.of("examples/quickstart"), work);
  }

  @Test
  void aSmallValidateLoadsNeitherSshNorGitNorTheOtherCommands() throws Exception {
    quickstart();

    List<String> classes = loaded("validate");

    // What it does need is in the log, so the absences below are not those of an empty log.
    assertThat(classes)
        .contains(
            "io.glustershares.cli.ValidateCommand",
            "io.glustershares.load.SchemaCheck",
            "org.snakeyaml.engine.v2.api.LoadSettings");
    assertThat(classes)
        .noneMatch(c -> c.startsWith("net.schmizz.") || c.startsWith("com.hierynomus."))
        .noneMatch(c -> c.startsWith("org.bouncycastle."))
        .noneMatch(c -> c.startsWith("org.eclipse.jgit."))
        .noneMatch(c -> c.startsWith("io.glustershares.sim."))
        .noneMatch(c -> c.startsWith("io.glustershares.apply."))
        .noneMatch(c -> c.startsWith("io.glustershares.render.PlanJson"))
        .doesNotContain(
            "io.glustershares.cli.ApplyCommand",
            "io.glustershares.cli.PlanCommand",
            "io.glustershares.cli.AuditCommand",
            "io.glustershares.cli.ShowCommand");
  }

  @Test
  void aPlanOnTheSimulatorLoadsNeitherSshNorGit() throws Exception {
    quickstart();

    List<String> classes = loaded("plan", "--json");

    assertThat(classes).contains("io.glustershares.sim.SimRunner");
    assertThat(classes)
        .noneMatch(c -> c.startsWith("net.schmizz.") || c.startsWith("com.hierynomus."))
        .noneMatch(c -> c.startsWith("org.eclipse.jgit."))
        .noneMatch(c -> c.startsWith("io.glustershares.gluster.SshRunner"));
  }
}

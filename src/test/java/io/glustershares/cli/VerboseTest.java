package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.TestFiles;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15: {@code -v} shows every gluster call, its exit status and duration; never a secret. */
class VerboseTest {

  private static final String PASSWORD_VARIABLE = "GLUSTER_SHARES_EAST_PASSWORD";
  private static final String PASSWORD = "hunter2-Very-Secret";

  @TempDir Path work;

  @Test
  void everyCallOfTheSimulatorIsShownWithItsExitStatusAndDuration() throws Exception {
    TestFiles.copyTree(Path.of("examples/quickstart"), work);

    Main.Captured plan = new CliRunner(work).run("plan", "-v");

    assertThat(plan.exitCode()).as(plan.err()).isZero();
    List<String> calls = plan.err().lines().filter(l -> l.startsWith("[demo] ")).toList();
    List<String> recorded = Files.readAllLines(work.resolve(".gluster-shares/demo.calls"));
    assertThat(calls).hasSameSizeAs(recorded);
    assertThat(calls.get(0)).matches("\\[demo\\] gluster --version \\(exit 0, [0-9]+ ms\\)");
    assertThat(calls)
        .anyMatch(
            l ->
                l.matches("\\[demo\\] gluster --xml volume info \\(exit 0, opRet 0, [0-9]+ ms\\)"));

    Main.Captured quiet = new CliRunner(work).run("plan");
    assertThat(quiet.err()).doesNotContain("[demo] gluster");
  }

  @Test
  void aFailingCallShowsItsExitStatus() throws Exception {
    TestFiles.copyTree(Path.of("examples/quickstart"), work);

    Main.Captured plan =
        new CliRunner(work).env("GLUSTER_SHARES_SIM_FAULTS", "demo:fail=2").run("plan", "-v");

    assertThat(plan.exitCode()).isEqualTo(ExitCode.GLUSTER_ERROR);
    assertThat(plan.err())
        .containsPattern("\\[demo\\] gluster --xml volume info \\(exit 0, opRet -1, [0-9]+ ms\\)");
  }

  @Test
  void overSshTheCallIsShownAndThePasswordNever() throws Exception {
    int unused;
    try (ServerSocket socket = new ServerSocket(0)) {
      unused = socket.getLocalPort();
    }
    Files.writeString(work.resolve("known_hosts"), "");
    Files.writeString(
        work.resolve("gluster-shares.yaml"),
        "apiVersion: gluster-shares/v1\n"
            + "stack: prod\n"
            + "volumePattern: 'manila-share-volume-#{size}G-\\d+$'\n"
            + "clusters:\n"
            + "  east:\n"
            + "    server: gluster@127.0.0.1\n"
            + "    infrastructureCns: [glusterfs-server-1, manila-host]\n"
            + "    ssh: { port: "
            + unused
            + ", knownHosts: known_hosts, passwordEnv: "
            + PASSWORD_VARIABLE
            + " }\n"
            + "shares: []\n");

    Main.Captured plan =
        new CliRunner(work).env(PASSWORD_VARIABLE, PASSWORD).run("plan", "-v", "--debug");

    assertThat(plan.exitCode()).isEqualTo(ExitCode.GLUSTER_ERROR);
    assertThat(plan.err())
        .containsPattern("\\[east\\] gluster --version \\(not run: .*, [0-9]+ ms\\)");
    assertThat(plan.out() + plan.err()).doesNotContain(PASSWORD);
  }
}

package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15, stumble 7: doctor says SKIP, never OK, about what it could not see. */
class DoctorSkipTest {

  @TempDir Path work;

  @Test
  void aClusterThatCannotBeReadIsNoGroundForAnOkAboutAllClusters() throws Exception {
    TestFiles.copyTree(Path.of("examples/quickstart"), work);
    Path file = work.resolve("gluster-shares.yaml");
    Files.writeString(
        file,
        Files.readString(file)
            .replaceFirst(
                "shares:\n",
                "  other:\n"
                    + "    server: sim:demo-pool.yaml\n"
                    + "    infrastructureCns: [glusterfs-server-1, manila-host]\n"
                    + "shares:\n"));

    Main.Captured doctor =
        new CliRunner(work).env("GLUSTER_SHARES_SIM_FAULTS", "other:fail=1").run("doctor");

    assertThat(doctor.exitCode()).isEqualTo(ExitCode.GLUSTER_ERROR);
    assertThat(doctor.out())
        .contains("FAIL  other: not reachable")
        .contains("SKIP  other: gluster version, servers, TLS files, CA, certificates, pool")
        .contains("SKIP  (all): one CA for every cluster: not checked on other (not read)")
        .doesNotContain("OK    (all)")
        .containsPattern("\n1 FAIL, 1 WARN, 2 SKIP, [0-9]+ OK\n");
  }

  @Test
  void aFileThatCouldNotBeReadIsSkippedAndSkipsAloneDoNotFailDoctor() throws Exception {
    TestFiles.copyTree(Path.of("examples/quickstart"), work);

    // Call 8 is doctor's read of the command host's /etc/ssl/glusterfs.pem: it fails, but not
    // because the file is missing.
    Main.Captured doctor =
        new CliRunner(work).env("GLUSTER_SHARES_SIM_FAULTS", "demo:fail=8").run("doctor");

    assertThat(doctor.exitCode()).as(doctor.out()).isZero();
    assertThat(doctor.out())
        .contains(
            "SKIP  demo: certificate checks: /etc/ssl/glusterfs.pem on gluster-demo-1 could not"
                + " be read (simulated failure of call 8)")
        .doesNotContain("glusterfs.pem is missing")
        .containsPattern("\n0 FAIL, 1 WARN, 2 SKIP, [0-9]+ OK\n");
  }

  @Test
  void aManagingHostCaThatIsThereButNotAFileIsReportedUnreadableNotAbsent() throws Exception {
    Path directory = Files.createDirectory(work.resolve("glusterfs.ca"));

    assertThat(ManagingHostCa.read(java.util.List.of(directory, work.resolve("absent.ca"))))
        .singleElement()
        .satisfies(f -> assertThat(f.unreadable()).contains("not a regular file"));
  }
}

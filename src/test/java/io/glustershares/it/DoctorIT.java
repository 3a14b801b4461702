package io.glustershares.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.cli.CliRunner;
import io.glustershares.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** doctor against the real glusterd and the TLS files installed as gluster reads them. */
class DoctorIT {

  @TempDir Path work;
  private RealGluster gluster;
  private String p;

  @BeforeEach
  void pool() throws Exception {
    gluster = RealGluster.require();
    TlsSetup.ensure();
    p = RealGluster.uniquePrefix();
    gluster.createVolume(p + "-1G-1", Map.of("auth.ssl-allow", "glusterfs-server-1,manila-host"));
    gluster.createVolume(p + "-2G-1", Map.of());
  }

  @AfterEach
  void cleanUp() {
    if (gluster != null) {
      gluster.cleanUp();
    }
  }

  private Main.Captured doctor(String tls) throws Exception {
    Files.writeString(
        work.resolve("gluster-shares.yaml"),
        "apiVersion: gluster-shares/v1\nstack: dr\nvolumePattern: '"
            + p
            + "-#{size}G-\\d+$'\n"
            + tls
            + "clusters:\n  local:\n    server: "
            + gluster.host()
            + "\n");
    return new CliRunner(work).run("doctor");
  }

  @Test
  void aWellSetUpClusterPasses() throws Exception {
    Main.Captured result = doctor("");

    assertThat(result.exitCode()).as(result.out()).isZero();
    assertThat(result.out())
        .contains("OK    local: gluster 10.")
        .contains("OK    local: TLS files present on " + gluster.host())
        .contains("OK    local: certificate CN glusterfs-server-1 is an infrastructure CN")
        .contains(
            "OK    local: certificate glusterfs-server-1 is signed by the CA in /etc/ssl/glusterfs.ca")
        .contains("OK    local: free pool volumes: 1 × 1 GB")
        .contains("WARN  local: 1 pool volume(s) not ready: " + p + "-2G-1")
        .contains("volume(s) have bricks not on thin LVM")
        .contains("0 FAIL");
  }

  @Test
  void certificatesOutsideTheConfiguredPrefixesFail() throws Exception {
    Main.Captured result = doctor("tls: { serverCnPrefix: storage-node, hostCnPrefix: mgmt }\n");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out())
        .contains(
            "FAIL  local: certificate CN glusterfs-server-1 on "
                + gluster.host()
                + " does not start with 'storage-node' or 'mgmt'");
  }

  @Test
  void aMissingLinkWhereDebianReadsTheFilesFails() throws Exception {
    Path link = Path.of("/usr/lib/ssl/glusterfs.ca");
    if (!Files.isSymbolicLink(link)) {
      return; // This build reads /etc/ssl: nothing to break.
    }
    Path target = Files.readSymbolicLink(link);
    Files.delete(link);
    try {
      Main.Captured result = doctor("");

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.out())
          .contains(
              "FAIL  local: the installed gluster reads /usr/lib/ssl/glusterfs.ca, which is missing")
          .contains("fix: ln -sfn /etc/ssl/glusterfs.ca /usr/lib/ssl/glusterfs.ca");
    } finally {
      Files.createSymbolicLink(link, target);
    }
  }
}

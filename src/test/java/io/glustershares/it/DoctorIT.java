package io.glustershares.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.cli.Main;
import io.glustershares.it.estate.Cluster;
import io.glustershares.it.estate.DesiredYaml;
import io.glustershares.it.estate.Estate;
import io.glustershares.it.estate.EstateExtension;
import io.glustershares.it.estate.Node;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * doctor against the estate's cluster east, over SSH from the managing host and with the local CLI
 * on east-1: the TLS files as each node has them, where Debian's build reads them.
 */
@ExtendWith(EstateExtension.class)
class DoctorIT {

  private Estate estate;
  private Cluster east;
  private Path work;
  private String p;

  @BeforeEach
  void pool(Estate estate) {
    this.estate = estate;
    east = estate.cluster("east");
    work = estate.workDir("doctor");
    p = Estate.uniquePrefix();
    east.createVolume(p + "-1G-1", Map.of("auth.ssl-allow", east.readyAllow()));
    east.createVolume(p + "-2G-1", Map.of());
  }

  @AfterEach
  void cleanUp() {
    if (estate != null) {
      estate.deleteVolumes(p);
    }
  }

  private DesiredYaml file(String tls) {
    DesiredYaml yaml = estate.desired().stack("dr").pattern(p + "-#{size}G-\\d+$");
    return tls.isEmpty() ? yaml : yaml.extra(tls);
  }

  private Main.Captured doctorOverSsh(String tls) {
    file(tls).overSsh(east).write(work.resolve("gluster-shares.yaml"), "");
    return estate.managing().tool(work, "doctor");
  }

  @Test
  void aWellSetUpClusterPasses() {
    Main.Captured result = doctorOverSsh("");

    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    assertThat(result.out())
        .contains("OK    east: reachable (ssh root@east-1:22), host east-1")
        .contains("OK    east: gluster 10.")
        .contains("OK    east: TLS files present on east-1")
        .contains("OK    east: certificate CN glusterfs-server-east-1 is an infrastructure CN")
        .contains(
            "OK    east: certificate glusterfs-server-east-1 is signed by the CA in /etc/ssl/glusterfs.ca")
        .contains("OK    east: free pool volumes: 1 × 1 GB")
        .contains("WARN  east: 1 pool volume is not ready: " + p + "-2G-1")
        .contains("bricks not on thin LVM")
        .contains("0 FAIL");
  }

  @Test
  void aWellSetUpClusterPassesWithTheLocalCliOnANode() {
    file("").local(east).write(work.resolve("gluster-shares.yaml"), "");

    Main.Captured result = east.first().tool(work, "doctor");

    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    assertThat(result.out())
        .contains("OK    east: TLS files present on east-1")
        .contains("OK    east: certificate CN glusterfs-server-east-1 is an infrastructure CN")
        .contains("OK    east: free pool volumes: 1 × 1 GB")
        .contains("0 FAIL");
  }

  @Test
  void certificatesOutsideTheConfiguredPrefixesFail() {
    // No infrastructureCns: under these prefixes the estate's CNs could not be declared.
    file("tls: { serverCnPrefix: storage-node, hostCnPrefix: mgmt }")
        .overSsh("east", east.first().name(), "")
        .write(work.resolve("gluster-shares.yaml"), "");
    Main.Captured result = estate.managing().tool(work, "doctor");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out())
        .contains(
            "FAIL  east: certificate CN glusterfs-server-east-1 on east-1 does not start with"
                + " 'storage-node' or 'mgmt'");
  }

  @Test
  void aMissingLinkWhereDebianReadsTheFilesFails() {
    Node node = east.first();
    // Only in east-1's own overlay of /usr/lib/ssl: the host's files are never touched.
    node.exec("rm", "/usr/lib/ssl/glusterfs.ca").orThrow();
    try {
      Main.Captured result = doctorOverSsh("");

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.out())
          .contains(
              "FAIL  east: the installed gluster reads /usr/lib/ssl/glusterfs.ca, which is missing")
          .contains("fix: ln -sfn /etc/ssl/glusterfs.ca /usr/lib/ssl/glusterfs.ca");
    } finally {
      node.exec("ln", "-sfn", "/etc/ssl/glusterfs.ca", "/usr/lib/ssl/glusterfs.ca").orThrow();
    }
  }
}

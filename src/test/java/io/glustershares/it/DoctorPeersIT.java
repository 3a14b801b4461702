package io.glustershares.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.cli.Main;
import io.glustershares.it.estate.Cluster;
import io.glustershares.it.estate.Credentials;
import io.glustershares.it.estate.DesiredYaml;
import io.glustershares.it.estate.Estate;
import io.glustershares.it.estate.EstateExtension;
import io.glustershares.it.estate.Node;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * doctor visits every server of both clusters, over SSH from the managing host with each cluster's
 * login: a node with another CA, one with a certificate outside the server prefix and one with an
 * expired certificate each fail, named by cluster and node, while the others pass. The bad files
 * are made here and put only in one node's private view of {@code /usr/lib/ssl} (where Debian's
 * build reads them), then the links to its {@code /etc/ssl} are put back.
 */
@ExtendWith(EstateExtension.class)
class DoctorPeersIT {

  private Estate estate;
  private Path work;
  private String p;

  @BeforeEach
  void pool(Estate estate) {
    this.estate = estate;
    work = estate.workDir("doctor-peers");
    p = Estate.uniquePrefix();
    for (Cluster c : estate.clusters()) {
      c.createVolume(p + "-1G-1", Map.of("auth.ssl-allow", c.readyAllow()));
    }
  }

  @AfterEach
  void cleanUp() {
    if (estate != null) {
      estate.deleteVolumes(p);
    }
  }

  private Main.Captured doctor() {
    DesiredYaml yaml = estate.desired().stack("dp").pattern(p + "-#{size}G-\\d+$");
    yaml.overSsh(estate.cluster("east")).overSsh(estate.cluster("west"));
    yaml.write(work.resolve("gluster-shares.yaml"), "");
    long t0 = System.nanoTime();
    Main.Captured result = estate.managing().tool(work, "doctor");
    System.out.printf(
        "[doctor-peers] doctor of 5 nodes in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    return result;
  }

  /** Puts {@code c} where the node's gluster reads its TLS files, in its own view only. */
  private static void swap(Node n, Credentials c) {
    n.exec(
            "sh",
            "-c",
            "rm -f /usr/lib/ssl/glusterfs.pem /usr/lib/ssl/glusterfs.key /usr/lib/ssl/glusterfs.ca"
                + " && install -m 644 \"$1\" /usr/lib/ssl/glusterfs.pem"
                + " && install -m 600 \"$2\" /usr/lib/ssl/glusterfs.key"
                + " && install -m 644 \"$3\" /usr/lib/ssl/glusterfs.ca",
            "swap",
            c.cert().toString(),
            c.key().toString(),
            c.ca().toString())
        .orThrow();
  }

  private static void restore(Node n) {
    for (String ext : List.of("pem", "key", "ca")) {
      n.exec("ln", "-sfn", "/etc/ssl/glusterfs." + ext, "/usr/lib/ssl/glusterfs." + ext).orThrow();
    }
  }

  @Test
  void theHealthyEstatePassesOnEveryNode() {
    Main.Captured result = doctor();

    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    for (Node n : estate.nodes()) {
      String at = "OK    " + n.cluster() + "/" + n.name() + ": ";
      assertThat(result.out())
          .as(result.out())
          .contains(
              at + "TLS files present in /etc/ssl and in /usr/lib/ssl, where this build reads them",
              at + "certificate CN " + n.cn() + " has the server prefix 'glusterfs-server'",
              at + "certificate " + n.cn() + " is signed by the CA in /usr/lib/ssl/glusterfs.ca",
              at + "certificate " + n.cn() + " valid until ")
          .containsPattern(at + "CA SHA-256 [0-9a-f]{16} is the managing host's");
      // The estate's bricks are directories on the root file system: the same check, per node.
      assertThat(result.out()).contains(n.cluster() + "/" + n.name() + ": 1 volume has bricks");
    }
    assertThat(result.out())
        .containsPattern(
            "OK    \\(all\\): one CA SHA-256 [0-9a-f]{16} on 5 servers and the managing host")
        .contains("0 FAIL");
  }

  @Test
  void anotherCaAWrongCnAndAnExpiredCertificateEachFailOnTheirNode() {
    Node otherCa = estate.node("east-2");
    Node wrongCn = estate.node("east-3");
    Node expired = estate.node("west-2");
    swap(otherCa, estate.foreignCa("other-ca").issue(otherCa.cn()));
    swap(wrongCn, estate.ca().issue("storage-east-3"));
    swap(expired, estate.ca().issueExpired(expired.cn()));
    Main.Captured result;
    try {
      result = doctor();
    } finally {
      restore(otherCa);
      restore(wrongCn);
      restore(expired);
    }

    assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(1);
    assertThat(result.out())
        .containsPattern(
            "FAIL  east/east-2: CA SHA-256 [0-9a-f]{16} differs from the managing host's \\(SHA-256"
                + " [0-9a-f]{16}\\): clients and servers must share one CA")
        .contains(
            "FAIL  east/east-3: certificate CN storage-east-3 does not start with the server"
                + " prefix 'glusterfs-server'")
        .containsPattern(
            "FAIL  west/west-2: certificate glusterfs-server-west-2 expired on 20[0-9-]{8}T")
        // Each node fails only its own check: the others pass theirs.
        .containsPattern("OK    east/east-1: CA SHA-256 [0-9a-f]{16} is the managing host's")
        .containsPattern("OK    east/east-3: CA SHA-256 [0-9a-f]{16} is the managing host's")
        .contains("OK    east/east-2: certificate CN glusterfs-server-east-2 has the server prefix")
        .contains("OK    west/west-1: certificate glusterfs-server-west-1 valid until ")
        .doesNotContain("PRIVATE KEY");
    assertThat(result.out().lines().filter(l -> l.startsWith("FAIL")))
        .allMatch(
            l ->
                l.startsWith("FAIL  east/east-2")
                    || l.startsWith("FAIL  east/east-3")
                    || l.startsWith("FAIL  west/west-2"),
            "only the three swapped nodes fail");
    // Restored: each node reads its own files again.
    assertThat(otherCa.exec("readlink", "/usr/lib/ssl/glusterfs.ca").out().strip())
        .isEqualTo("/etc/ssl/glusterfs.ca");
  }

  @Test
  void withTheLocalCliOnANodeItsPeersAreNamedAsNotChecked() {
    Cluster east = estate.cluster("east");
    estate
        .desired()
        .stack("dp")
        .pattern(p + "-#{size}G-\\d+$")
        .local(east)
        .write(work.resolve("gluster-shares.yaml"), "");

    Main.Captured result = east.first().tool(work, "doctor");

    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    assertThat(result.out())
        .contains("OK    east/east-1: certificate CN glusterfs-server-east-1 has the server prefix")
        .contains(
            "SKIP  east/east-2: not checked: cluster 'east' runs the local gluster CLI (server:"
                + " east-1), which gives no SSH login for its other servers")
        .contains("SKIP  east/east-3: not checked: cluster 'east' runs the local gluster CLI");
  }
}

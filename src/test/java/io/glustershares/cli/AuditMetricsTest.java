package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.TestFiles;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's metrics per cluster and per node: a cluster that cannot be read is {@code cluster_up
 * 0} while the others' metrics are still written, and each server's certificate expiry comes from
 * the same reads as doctor's. Checked by the strict text-format parser.
 */
class AuditMetricsTest {

  private static final String FILE =
      """
      apiVersion: gluster-shares/v1
      stack: prod
      volumePattern: 'pool-#{size}G-\\d+$'
      clusters:
        east:
          server: sim:east.yaml
          infrastructureCns: [glusterfs-server-1, manila-host]
        west:
          server: sim:west.yaml
          infrastructureCns: [glusterfs-server-1, manila-host]
      shares:
        - { name: web, size: 1, cluster: east, access: [ { cn: tenant-a } ] }
        - { name: far, size: 1, cluster: west, access: [ { cn: tenant-b } ] }
        - { name: anywhere, size: 1, access: [ { cn: tenant-c } ] }
      """;

  @TempDir Path work;

  @BeforeEach
  void estate() throws Exception {
    TestFiles.copyTree(Path.of("examples/quickstart/certs"), work.resolve("certs"));
    for (String c : new String[] {"east", "west"}) {
      Files.writeString(
          work.resolve(c + ".yaml"),
          "host: gluster-"
              + c
              + "-1\n"
              + "tls: { pem: certs/gluster-demo-1.pem, ca: certs/demo-ca.pem, key: true }\n"
              + "generate:\n"
              + "  - { name: \"pool-{size}G-{n}\", sizes: { 1: 3 }, ready: true }\n");
    }
    Files.writeString(work.resolve("gluster-shares.yaml"), FILE);
    Main.Captured applied = new CliRunner(work).run("apply", "--auto-approve");
    assertThat(applied.exitCode()).as(applied.out() + applied.err()).isZero();
  }

  private long notAfter() throws Exception {
    try (InputStream in = Files.newInputStream(work.resolve("certs/gluster-demo-1.pem"))) {
      X509Certificate cert =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      return cert.getNotAfter().toInstant().getEpochSecond();
    }
  }

  @Test
  void everyNodeSaysWhenItsCertificateExpires() throws Exception {
    Main.Captured audit = new CliRunner(work).run("audit", "--format", "prometheus");

    assertThat(audit.exitCode()).as(audit.err()).isZero();
    Map<String, Double> samples = PrometheusText.parse(audit.out());
    assertThat(samples)
        .containsEntry("gluster_shares_audit_success", 1.0)
        .containsEntry(
            "gluster_shares_node_certificate_read{cluster=\"east\",node=\"gluster-east-1\"}", 1.0)
        .containsEntry(
            "gluster_shares_node_certificate_expiry_timestamp_seconds"
                + "{cluster=\"west\",node=\"gluster-west-1\"}",
            (double) notAfter());
  }

  @Test
  void anUnreadableClusterIsDownAndTheOthersAreStillReported() throws Exception {
    // west's first call (gluster --version) fails as gluster fails: the cluster cannot be read.
    Files.writeString(work.resolve("m.prom"), "stale\n");
    Main.Captured audit =
        new CliRunner(work)
            .env("GLUSTER_SHARES_SIM_FAULTS", "west:fail=1")
            .run("audit", "--format", "prometheus", "--out", "m.prom");

    assertThat(audit.exitCode()).as(audit.err()).isEqualTo(1);
    assertThat(audit.err()).contains("west");
    Map<String, Double> samples = PrometheusText.parse(Files.readString(work.resolve("m.prom")));
    assertThat(samples)
        .containsEntry("gluster_shares_audit_success", 0.0)
        .containsEntry("gluster_shares_cluster_up{cluster=\"east\"}", 1.0)
        .containsEntry("gluster_shares_cluster_up{cluster=\"west\"}", 0.0)
        .containsEntry("gluster_shares_share_drift{managed=\"true\",share=\"web\"}", 0.0)
        .containsEntry("gluster_shares_pool_free_volumes{cluster=\"east\",size_gb=\"1\"}", 1.0)
        .containsEntry(
            "gluster_shares_node_certificate_expiry_timestamp_seconds"
                + "{cluster=\"east\",node=\"gluster-east-1\"}",
            (double) notAfter());
    // Where west's shares are is unknown: neither missing nor in order, just not reported.
    assertThat(samples.keySet())
        .noneMatch(k -> k.contains("share=\"far\""))
        .noneMatch(k -> k.contains("cluster=\"west\"") && !k.contains("cluster_up"));
  }
}

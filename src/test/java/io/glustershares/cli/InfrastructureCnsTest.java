package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a cluster's infrastructure CNs come from: the file's exact list, or the certificate gluster
 * reads on the cluster's host — never the access lists found on its volumes.
 */
class InfrastructureCnsTest {

  @TempDir Path work;

  private String file(String clusterExtra) {
    return """
        apiVersion: gluster-shares/v1
        stack: demo
        volumePattern: 'manila-share-volume-#{size}G-\\d+$'
        clusters:
          demo: { server: sim:demo-pool.yaml%s }
        shares:
          - { name: scratch, size: 1, access: [ { cn: ci-runner } ] }
        """
        .formatted(clusterExtra);
  }

  @Test
  void undeclaredTheyAreReadFromTheServersCertificateInOneMoreCall() throws Exception {
    TestFiles.copyTree(Path.of("examples/quickstart"), work);
    Files.writeString(work.resolve("gluster-shares.yaml"), file(""));

    Main.Captured plan = new CliRunner(work).run("plan");

    assertThat(plan.exitCode()).as(plan.err()).isZero();
    // The quickstart server's certificate says glusterfs-server-1; manila-host, on every pool
    // volume of the quickstart, is nobody's certificate here and is not kept.
    assertThat(plan.out())
        .containsPattern(
            "auth.ssl-allow: +glusterfs-server-1,manila-host → ci-runner,glusterfs-server-1\n")
        .containsPattern("leftover CNs of the pool volume: manila-host → \\(none\\)");
    assertThat(Files.readString(work.resolve(".gluster-shares/demo.calls")))
        .contains("cat /usr/lib/ssl/glusterfs.pem /etc/ssl/glusterfs.pem");
  }

  @Test
  void declaredTheyAreTheListAndNoCertificateIsRead() throws Exception {
    TestFiles.copyTree(Path.of("examples/quickstart"), work);
    Files.writeString(
        work.resolve("gluster-shares.yaml"),
        file(", infrastructureCns: [glusterfs-server-1, manila-host]"));

    Main.Captured plan = new CliRunner(work).run("plan");

    assertThat(plan.exitCode()).as(plan.err()).isZero();
    assertThat(plan.out())
        .containsPattern(
            "auth.ssl-allow: +glusterfs-server-1,manila-host → ci-runner,glusterfs-server-1,manila-host\n");
    assertThat(Files.readString(work.resolve(".gluster-shares/demo.calls"))).doesNotContain("cat ");
  }
}

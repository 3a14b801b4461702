package io.glustershares.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.TestFiles;
import io.glustershares.model.AccessRule;
import io.glustershares.model.DesiredState;
import io.glustershares.model.ServerAddress;
import io.glustershares.model.ShareSpec;
import io.glustershares.model.SnapshotRef;
import io.glustershares.model.SnapshotSpec;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesiredStateLoaderTest {

  @TempDir Path work;

  static Path resources() {
    try {
      return Path.of(DesiredStateLoaderTest.class.getResource("/valid").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private DesiredStateLoader.Result load(Path dir, String file) {
    return new DesiredStateLoader(new WorkingTree(dir)).load(Path.of(file));
  }

  @Test
  void aFullFileBecomesTheModel() {
    DesiredStateLoader.Result result = load(resources(), "valid/full.yaml");

    assertThat(result.diagnostics()).isEmpty();
    DesiredState state = result.state().orElseThrow();
    assertThat(state.stack()).isEqualTo("prod");
    assertThat(state.mountBase()).isEqualTo("/var/lib/gluster-shares/mnt");
    assertThat(state.clusters().keySet()).containsExactly("east", "lab");
    assertThat(state.clusters().get("east").server())
        .isEqualTo(new ServerAddress.Ssh("root", "gluster-east-1.example.com"));
    assertThat(state.clusters().get("east").ssh().port()).isEqualTo(2222);
    assertThat(state.clusters().get("east").ssh().passwordEnv())
        .contains("GLUSTER_SHARES_EAST_PASSWORD");
    assertThat(state.clusters().get("east").ssh().passphraseEnv())
        .contains("GLUSTER_SHARES_EAST_PASSPHRASE");
    assertThat(state.clusters().get("lab").server())
        .isEqualTo(new ServerAddress.Local("gluster-lab-1"));
    assertThat(state.tls().keepCnPrefixes()).containsExactly("backup-", "monitor.");
    assertThat(state.tls().isKept("monitor.node1")).isTrue();
    assertThat(state.tls().isInfrastructure("monitor.node1")).isFalse();

    ShareSpec analytics = state.share("analytics").orElseThrow();
    assertThat(analytics.size()).isEqualTo(OptionalInt.of(3));
    assertThat(analytics.cluster()).contains("east");
    assertThat(analytics.access())
        .containsExactly(
            AccessRule.cn("tenant-a-client"),
            new AccessRule("tenant-cert-a", Optional.of("certs/tenant-cert-a.pem")),
            AccessRule.cn("user_1.example@corp"));
    assertThat(analytics.snapshots())
        .containsExactly(new SnapshotSpec("before-migration"), new SnapshotSpec("v1.2_final"));

    ShareSpec restore = state.share("analytics-restore").orElseThrow();
    assertThat(restore.size()).isEmpty();
    assertThat(restore.fromSnapshot()).contains(new SnapshotRef("analytics", "before-migration"));

    assertThat(state.share("adopted").orElseThrow().volume()).contains("legacy-manila-vol-3G-1");
    assertThat(state.share("scratch").orElseThrow().isAbsent()).isTrue();
    assertThat(state.accessEntryCount()).isEqualTo(5);
    assertThat(state.snapshotCount()).isEqualTo(2);
  }

  @Test
  void theDigestCoversTheCertificatesTheFileReads() throws IOException {
    TestFiles.copyTree(resources().resolve("valid"), work.resolve("valid"));
    String before = load(work, "valid/full.yaml").state().orElseThrow().digest();

    Path cert = work.resolve("valid/certs/tenant-cert-a.pem");
    Files.writeString(cert, Files.readString(cert) + "\n");
    String after = load(work, "valid/full.yaml").state().orElseThrow().digest();

    assertThat(after).isNotEqualTo(before).hasSize(64);
  }

  @Test
  void infrastructureCnsAreTheExactListTheFileGives() throws IOException {
    Files.writeString(
        work.resolve("a.yaml"),
        "apiVersion: gluster-shares/v1\nstack: prod\nvolumePattern: v-\nclusters:\n"
            + "  east:\n    server: root@east\n"
            + "    infrastructureCns: [ glusterfs-server-1, glusterfs-server-2, manila-host ]\n"
            + "  west:\n    server: root@west\n");

    DesiredState state = load(work, "a.yaml").state().orElseThrow();

    assertThat(state.clusters().get("east").infrastructureCns())
        .containsExactly("glusterfs-server-1", "glusterfs-server-2", "manila-host");
    assertThat(state.clusters().get("west").infrastructureCns()).isEmpty();
  }

  @Test
  void theQuickstartExampleIsValid() {
    Path repo = Path.of("").toAbsolutePath();
    DesiredStateLoader.Result result = load(repo, "examples/quickstart/gluster-shares.yaml");

    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.state().orElseThrow().clusters().get("demo").server())
        .isInstanceOf(ServerAddress.Sim.class);
  }

  @Test
  void problemsOfDifferentKindsAreAllReportedTogether() throws IOException {
    Files.writeString(
        work.resolve("f.yaml"),
        """
        apiVersion: gluster-shares/v1
        stack: prod
        volumePattern: 'v-#{size}'
        clusters:
          east: { server: root@east, ssh: { port: 0 } }
        shares:
          - name: a
            size: 1
            access: [ { cn: "x y" } ]
          - name: a
            size: 2
        """);

    List<String> lines =
        load(work, "f.yaml").diagnostics().stream().map(d -> d.line() + ":" + d.field()).toList();

    assertThat(lines)
        .containsExactly(
            "5:clusters.east.ssh.port", "9:shares[0].access[0].cn", "10:shares[1].name");
  }
}

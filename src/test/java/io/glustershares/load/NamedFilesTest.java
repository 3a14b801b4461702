package io.glustershares.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.glustershares.TestRepo;
import io.glustershares.model.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files a desired-state file names (certificates, simulator pools) lie in its own directory
 * tree and are regular files: a file from a merge request can neither read the machine's files nor
 * hang the tool (issue 11, items 8 and 9).
 */
class NamedFilesTest {

  @TempDir Path work;

  private static final String HEAD =
      "apiVersion: gluster-shares/v1\nstack: prod\nvolumePattern: v-\nclusters:\n"
          + "  east:\n    server: root@east\n";

  @BeforeEach
  void aCertificateOutsideTheFilesDirectory() throws IOException {
    Files.createDirectories(work.resolve("conf"));
    Files.createDirectories(work.resolve("elsewhere"));
    Files.copy(
        Path.of("src/test/resources/valid/certs/tenant-cert-a.pem"),
        work.resolve("elsewhere/tenant.pem"));
  }

  private List<String> validate(String file, String text) throws IOException {
    Files.writeString(work.resolve(file), text);
    return lines(new DesiredStateLoader(new WorkingTree(work)).load(Path.of(file)));
  }

  private static List<String> lines(DesiredStateLoader.Result result) {
    return result.diagnostics().stream().map(Diagnostic::format).toList();
  }

  private static String certificate(String path) {
    return HEAD
        + "shares:\n  - name: a\n    size: 1\n    access:\n      - certificate: "
        + path
        + "\n";
  }

  @Test
  void aSymbolicLinkLeadingOutOfTheDirectoryIsRefused() throws IOException {
    Files.createSymbolicLink(work.resolve("conf/certs"), work.resolve("elsewhere"));
    Files.createSymbolicLink(work.resolve("conf/zero.pem"), Path.of("/dev/zero"));

    assertThat(validate("conf/a.yaml", certificate("certs/tenant.pem")))
        .containsExactly(
            "conf/a.yaml:11:22: shares[0].access[0].certificate: certificate file"
                + " 'certs/tenant.pem' leads out of this file's directory through a symbolic link;"
                + " valid: a PEM file path relative to this file, inside its directory");
    assertThat(validate("conf/b.yaml", certificate("zero.pem")))
        .singleElement()
        .asString()
        .contains("'zero.pem' leads out of this file's directory through a symbolic link");
  }

  @Test
  void aSymbolicLinkInsideTheDirectoryIsFollowed() throws IOException {
    Files.createDirectories(work.resolve("conf/real"));
    Files.copy(work.resolve("elsewhere/tenant.pem"), work.resolve("conf/real/tenant.pem"));
    Files.createSymbolicLink(work.resolve("conf/certs"), Path.of("real"));

    assertThat(validate("conf/a.yaml", certificate("certs/tenant.pem"))).isEmpty();
  }

  @Test
  void aFifoDirectoryOrDeviceIsRefusedWithoutBlocking() throws Exception {
    mkfifo(work.resolve("conf/fifo.pem"));
    mkfifo(work.resolve("conf/fifo-pool.yaml"));
    Files.createDirectories(work.resolve("conf/dir.pem"));

    List<String> lines =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30),
            () ->
                validate(
                    "conf/a.yaml",
                    HEAD.replace("root@east", "sim:fifo-pool.yaml")
                        + "shares:\n  - name: a\n    size: 1\n    access:\n"
                        + "      - certificate: fifo.pem\n      - certificate: dir.pem\n"));

    assertThat(lines)
        .containsExactly(
            "conf/a.yaml:6:13: clusters.east.server: simulator file 'fifo-pool.yaml' is not a"
                + " regular file (a FIFO, socket or device); valid: sim:FILE with FILE relative to"
                + " this file, inside its directory",
            "conf/a.yaml:11:22: shares[0].access[0].certificate: certificate file 'fifo.pem' is"
                + " not a regular file (a FIFO, socket or device); valid: a PEM file path relative"
                + " to this file, inside its directory",
            "conf/a.yaml:12:22: shares[0].access[1].certificate: certificate file 'dir.pem' is not"
                + " a regular file (a directory); valid: a PEM file path relative to this file,"
                + " inside its directory");
  }

  @Test
  void aSimulatorPoolOverOneMebibyteIsRefused() throws IOException {
    Files.writeString(work.resolve("conf/big.yaml"), "#".repeat(1024 * 1024 + 1));

    assertThat(validate("conf/a.yaml", HEAD.replace("root@east", "sim:big.yaml")))
        .containsExactly(
            "conf/a.yaml:6:13: clusters.east.server: simulator file 'big.yaml' is 1048577 bytes,"
                + " too big for a simulator pool; valid: at most 1024 KiB (use generate: for many"
                + " volumes)");
  }

  @Test
  void atARevisionALinkOutOfTheFilesDirectoryIsRefusedToo() throws Exception {
    try (TestRepo repo = TestRepo.init(work)) {
      Files.createSymbolicLink(work.resolve("conf/tenant.pem"), Path.of("../elsewhere/tenant.pem"));
      repo.write("conf/a.yaml", certificate("tenant.pem"));
      String commit = repo.commit("a link to a certificate outside conf/");
      Files.delete(work.resolve("conf/tenant.pem"));
      Files.copy(work.resolve("elsewhere/tenant.pem"), work.resolve("conf/tenant.pem"));

      try (GitSource git = GitSource.find(work.resolve("conf/a.yaml")).orElseThrow()) {
        SourceTree atCommit = git.tree(git.resolve(commit), work);
        List<String> lines = lines(new DesiredStateLoader(atCommit).load(Path.of("conf/a.yaml")));

        assertThat(lines)
            .singleElement()
            .asString()
            .contains(
                "certificate file 'tenant.pem' leads out of this file's directory through a"
                    + " symbolic link at revision "
                    + commit.substring(0, 12));
      }
      // The working tree, where the link was replaced by the file itself, is fine.
      assertThat(lines(new DesiredStateLoader(new WorkingTree(work)).load(Path.of("conf/a.yaml"))))
          .isEmpty();
    }
  }

  @Test
  void aKnownHostsFileToAppendToMustNotLeadOutThroughALink() throws IOException {
    Files.createSymbolicLink(work.resolve("conf/ssh"), work.resolve("elsewhere"));
    String accept =
        HEAD.replace(
            "root@east",
            "root@east\n    ssh: { knownHosts: ssh/known_hosts, acceptNewHostKey: true }");

    assertThat(validate("conf/a.yaml", accept))
        .containsExactly(
            "conf/a.yaml:7:24: clusters.east.ssh.knownHosts: known_hosts file 'ssh/known_hosts'"
                + " leads out of this file's directory through a symbolic link; valid: with"
                + " acceptNewHostKey, the default ~/.ssh/known_hosts or a path relative to this"
                + " file, inside its directory");
    // Only read, never written: any file will do.
    assertThat(validate("conf/b.yaml", accept.replace(", acceptNewHostKey: true", ""))).isEmpty();
  }

  @Test
  void relativeSshPathsAreRelativeToTheFile() throws IOException {
    Files.writeString(
        work.resolve("conf/a.yaml"),
        HEAD.replace(
            "root@east",
            "root@east\n    ssh: { knownHosts: ssh/known_hosts, identityFile: keys/id, acceptNewHostKey:"
                + " true }"));

    var ssh =
        new DesiredStateLoader(new WorkingTree(work))
            .load(Path.of("conf/a.yaml"))
            .state()
            .orElseThrow()
            .clusters()
            .get("east")
            .ssh();

    assertThat(ssh.knownHosts()).contains(Path.of("conf/ssh/known_hosts").toString());
    assertThat(ssh.identityFile()).contains(Path.of("conf/keys/id").toString());
  }

  private static void mkfifo(Path path) throws Exception {
    Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
    assertThat(p.waitFor()).isZero();
  }
}

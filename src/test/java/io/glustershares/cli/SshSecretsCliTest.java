package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The identity file's passphrase from the variable {@code ssh.passphraseEnv} names, end to end: a
 * missing variable or a wrong passphrase is one error line with exit 1, and the passphrase is in no
 * output. The key is decrypted before any connection, so no SSH server is needed here.
 */
class SshSecretsCliTest {

  private static final String VARIABLE = "GLUSTER_SHARES_EAST_PASSPHRASE";
  private static final String PASSPHRASE = "correct horse battery staple";

  @TempDir Path work;

  @BeforeEach
  void file() throws Exception {
    KeyPair key = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
    OpenSSHKeyEncryptionContext encryption = new OpenSSHKeyEncryptionContext();
    encryption.setCipherName("AES");
    encryption.setCipherType("256");
    encryption.setPassword(PASSPHRASE);
    ByteArrayOutputStream pem = new ByteArrayOutputStream();
    OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "test", encryption, pem);
    Path identity = work.resolve("id_ed25519");
    Files.write(identity, pem.toByteArray());
    Files.setPosixFilePermissions(identity, PosixFilePermissions.fromString("rw-------"));

    int unused;
    try (ServerSocket socket = new ServerSocket(0)) {
      unused = socket.getLocalPort();
    }
    Files.writeString(
        work.resolve("gluster-shares.yaml"),
        "apiVersion: gluster-shares/v1\n"
            + "stack: prod\n"
            + "volumePattern: 'manila-share-volume-#{size}G-\\d+$'\n"
            + "clusters:\n"
            + "  east:\n"
            + "    server: gluster@127.0.0.1\n"
            + "    ssh: { port: "
            + unused
            + ", identityFile: id_ed25519, knownHosts: known_hosts, passphraseEnv: "
            + VARIABLE
            + " }\n"
            + "shares: []\n");
  }

  @Test
  void aMissingPassphraseVariableIsOneLine() {
    Main.Captured result = new CliRunner(work).run("plan");

    assertThat(result.exitCode()).isEqualTo(ExitCode.GLUSTER_ERROR);
    assertThat(result.err())
        .isEqualTo(
            "gluster-shares: cluster 'east': the environment variable "
                + VARIABLE
                + " (ssh.passphraseEnv) is not set\n");
  }

  @Test
  void aWrongPassphraseIsOneLineWithoutThePassphrase() {
    String wrong = "not the " + PASSPHRASE;
    Main.Captured result = new CliRunner(work).env(VARIABLE, wrong).run("plan", "--debug");

    assertThat(result.exitCode()).isEqualTo(ExitCode.GLUSTER_ERROR);
    assertThat(result.out() + result.err())
        .contains(
            "cannot decrypt SSH identity file "
                + work.resolve("id_ed25519")
                + ": the passphrase from ssh.passphraseEnv is wrong")
        .doesNotContain(PASSPHRASE);
  }

  @Test
  void theJsonOutputsHoldNoSecretEither() {
    CliRunner cli = new CliRunner(work).env(VARIABLE, PASSPHRASE);
    for (String[] args :
        List.of(
            new String[] {"validate", "--json"},
            new String[] {"doctor", "--json"},
            new String[] {"apply", "--json", "--auto-approve"})) {
      Main.Captured result = cli.run(args);

      assertThat(result.out()).as(String.join(" ", args)).isNotEmpty();
      assertThat(result.out() + result.err()).doesNotContain(PASSPHRASE);
    }
  }
}

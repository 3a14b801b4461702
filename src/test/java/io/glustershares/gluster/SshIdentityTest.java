package io.glustershares.gluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The identity file, held to what OpenSSH does: a key others can read is refused, only a regular
 * file is read, and a passphrase-protected key opens with the passphrase from the environment
 * (which never appears in any message).
 */
class SshIdentityTest {

  private static final String PASSPHRASE = "correct horse battery staple";

  @TempDir Path dir;
  private EmbeddedSshd sshd;
  private KeyPair clientKey;
  private Path knownHosts;

  @BeforeEach
  void start() throws Exception {
    clientKey = EmbeddedSshd.ed25519();
    KeyPair hostKey = EmbeddedSshd.ed25519();
    sshd = EmbeddedSshd.start(clientKey.getPublic(), hostKey);
    knownHosts = dir.resolve("known_hosts");
    Files.writeString(knownHosts, sshd.entries());
  }

  @AfterEach
  void stop() throws Exception {
    sshd.close();
  }

  /** The client key in OpenSSH's own format, as ssh-keygen writes it; encrypted when asked. */
  private Path identity(Optional<String> passphrase, String mode) throws Exception {
    OpenSSHKeyEncryptionContext encryption = null;
    if (passphrase.isPresent()) {
      encryption = new OpenSSHKeyEncryptionContext();
      encryption.setCipherName("AES");
      encryption.setCipherType("256");
      encryption.setPassword(passphrase.get());
    }
    ByteArrayOutputStream pem = new ByteArrayOutputStream();
    OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(clientKey, "test", encryption, pem);
    Path file = dir.resolve("id_ed25519");
    Files.write(file, pem.toByteArray());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }

  private SshRunner runner(Path identity, Optional<String> passphrase) {
    return new SshRunner(
        new SshRunner.Target(
            "east",
            EmbeddedSshd.USER,
            "127.0.0.1",
            sshd.port(),
            knownHosts,
            false,
            Optional.of(identity),
            Optional.empty(),
            passphrase));
  }

  private RunnerException refusal(Path identity, Optional<String> passphrase) {
    try (SshRunner ssh = runner(identity, passphrase)) {
      return catchThrowableOfType(
          RunnerException.class, () -> ssh.run(List.of("true"), Duration.ofSeconds(20)));
    }
  }

  @Test
  void aPrivateKeyFileWorks() throws Exception {
    try (SshRunner ssh = runner(identity(Optional.empty(), "rw-------"), Optional.empty())) {
      assertThat(ssh.run(List.of("echo", "ok"), Duration.ofSeconds(20)).stdout()).isEqualTo("ok\n");
    }
  }

  @Test
  void aKeyFileReadableByOthersIsRefusedWithTheFix() throws Exception {
    Path key = identity(Optional.empty(), "rw-r--r--");

    RunnerException e = refusal(key, Optional.empty());

    assertThat(e.kind()).isEqualTo(RunnerException.Kind.CONNECTION);
    assertThat(e.getMessage())
        .isEqualTo(
            "UNPROTECTED PRIVATE KEY FILE: permissions 0644 of SSH identity file "
                + key
                + " are too open (group or others may access it), so it is refused, as ssh"
                + " refuses it; fix: chmod 600 "
                + key);
    assertThat(sshd.sessions()).isZero();
  }

  @Test
  void aKeyFileReadableByTheGroupIsRefused() throws Exception {
    Path key = identity(Optional.empty(), "rw-r-----");

    RunnerException e = refusal(key, Optional.empty());

    assertThat(e.getMessage())
        .startsWith("UNPROTECTED PRIVATE KEY FILE: permissions 0640")
        .endsWith("chmod 600 " + key);
  }

  @Test
  void aLinkToAFifoIsRefusedWithoutWaiting() throws Exception {
    Path fifo = dir.resolve("fifo");
    assertThat(new ProcessBuilder("mkfifo", "-m", "600", fifo.toString()).start().waitFor())
        .isZero();
    Path key = Files.createSymbolicLink(dir.resolve("id_link"), fifo);

    RunnerException e =
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> refusal(key, Optional.empty()));

    assertThat(e.getMessage()).isEqualTo("SSH identity file " + key + " is not a regular file");
  }

  @Test
  void aHugeFileIsNotReadAsAKey() throws Exception {
    Path key = dir.resolve("huge");
    Files.write(key, new byte[2 * 1024 * 1024]);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));

    assertThat(refusal(key, Optional.empty()).getMessage())
        .isEqualTo("SSH identity file " + key + " is larger than 256 KiB: it is not a private key");
  }

  @Test
  void aPassphraseProtectedKeyOpensWithThePassphrase() throws Exception {
    Path key = identity(Optional.of(PASSPHRASE), "rw-------");

    try (SshRunner ssh = runner(key, Optional.of(PASSPHRASE))) {
      assertThat(ssh.run(List.of("echo", "ok"), Duration.ofSeconds(20)).stdout()).isEqualTo("ok\n");
      assertThat(ssh.toString() + ssh.describe()).doesNotContain(PASSPHRASE);
    }
  }

  @Test
  void aWrongPassphraseIsOneClearLineWithoutThePassphrase() throws Exception {
    Path key = identity(Optional.of(PASSPHRASE), "rw-------");
    String wrong = "wrong " + PASSPHRASE;

    RunnerException e = refusal(key, Optional.of(wrong));

    assertThat(e.kind()).isEqualTo(RunnerException.Kind.CONNECTION);
    assertThat(e.getMessage())
        .isEqualTo(
            "cannot decrypt SSH identity file "
                + key
                + ": the passphrase from ssh.passphraseEnv is wrong")
        .doesNotContain(PASSPHRASE);
    assertThat(stackText(e)).doesNotContain(PASSPHRASE);
    assertThat(sshd.sessions()).isZero();
  }

  @Test
  void aProtectedKeyWithoutPassphraseSaysWhereToPutIt() throws Exception {
    Path key = identity(Optional.of(PASSPHRASE), "rw-------");

    assertThat(refusal(key, Optional.empty()).getMessage())
        .isEqualTo(
            "SSH identity file "
                + key
                + " is protected by a passphrase: put the passphrase in an environment variable"
                + " and name it with ssh.passphraseEnv");
  }

  private static String stackText(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      text.append(t).append('\n');
    }
    return text.toString();
  }
}

package io.glustershares.gluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host-key checking against a real SSH server, held to what OpenSSH does with {@code
 * StrictHostKeyChecking=yes} or {@code accept-new}: a host with any known key is known, a different
 * key of any type is a changed key, {@code @revoked} wins, and recording a new key never writes
 * through a link.
 */
class SshHostKeyTest {

  @TempDir Path dir;
  private EmbeddedSshd sshd;
  private Path knownHosts;

  @AfterEach
  void stop() throws Exception {
    if (sshd != null) {
      sshd.close();
    }
  }

  private void serve(KeyPair... hostKeys) throws Exception {
    // Password login keeps these tests about host keys only.
    sshd = EmbeddedSshd.start(EmbeddedSshd.rsa().getPublic(), hostKeys);
    knownHosts = dir.resolve("known_hosts");
  }

  private SshRunner runner(boolean acceptNew) {
    return new SshRunner(
        new SshRunner.Target(
            "east",
            EmbeddedSshd.USER,
            "127.0.0.1",
            sshd.port(),
            knownHosts,
            acceptNew,
            Optional.empty(),
            Optional.of(EmbeddedSshd.PASSWORD),
            Optional.empty()));
  }

  private RunnerException refusal(boolean acceptNew) {
    try (SshRunner ssh = runner(acceptNew)) {
      return catchThrowableOfType(
          RunnerException.class,
          () -> ssh.run(List.of("touch", dir.resolve("ran").toString()), Duration.ofSeconds(20)));
    }
  }

  private void assertNothingRan() {
    assertThat(sshd.commands()).isEmpty();
    assertThat(dir.resolve("ran")).doesNotExist();
  }

  private String ok(boolean acceptNew) throws Exception {
    try (SshRunner ssh = runner(acceptNew)) {
      return ssh.run(List.of("echo", "ok"), Duration.ofSeconds(20)).stdout();
    }
  }

  private static String fingerprint(PublicKey key) {
    // MINA's own fingerprint, so the runner's is checked against an independent implementation.
    return KeyUtils.getFingerPrint(key);
  }

  /**
   * An OpenSSH hashed host name, {@code |1|salt|HMAC-SHA1(salt, host)}, as ssh-keygen -H writes.
   */
  private static String hashed(String host) throws Exception {
    byte[] salt = "twenty bytes of salt".getBytes(StandardCharsets.US_ASCII);
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(salt, "HmacSHA1"));
    Base64.Encoder b64 = Base64.getEncoder();
    return "|1|"
        + b64.encodeToString(salt)
        + "|"
        + b64.encodeToString(mac.doFinal(host.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aKnownRsaKeyMakesTheHostKnownSoAnEd25519KeyIsAChangedKeyEvenWithAcceptNew()
      throws Exception {
    KeyPair offered = EmbeddedSshd.ed25519();
    serve(offered);
    String before = sshd.entry(EmbeddedSshd.rsa().getPublic());
    Files.writeString(knownHosts, "# our estate\n" + before);

    RunnerException e = refusal(true);

    assertThat(e.kind()).isEqualTo(RunnerException.Kind.HOST_KEY);
    assertThat(e.getMessage())
        .isEqualTo(
            "the SSH host key of [127.0.0.1]:"
                + sshd.port()
                + " has CHANGED: the server offers an ED25519 key "
                + fingerprint(offered.getPublic())
                + ", but "
                + knownHosts
                + " holds another key for this host (Offending RSA key in "
                + knownHosts
                + ":2); nothing was run. This can be an attack; if the server was reinstalled,"
                + " check the new fingerprint with its administrator, then remove the old key"
                + " with: ssh-keygen -R '[127.0.0.1]:"
                + sshd.port()
                + "' -f "
                + knownHosts);
    assertThat(Files.readString(knownHosts)).isEqualTo("# our estate\n" + before);
    assertNothingRan();
  }

  @Test
  void aDifferentEcdsaKeyIsAChangedKeyEvenWithAcceptNew() throws Exception {
    KeyPair offered = EmbeddedSshd.ecdsa();
    serve(offered);
    String before = sshd.entry(EmbeddedSshd.ecdsa().getPublic());
    Files.writeString(knownHosts, before);

    RunnerException e = refusal(true);

    assertThat(e.kind()).isEqualTo(RunnerException.Kind.HOST_KEY);
    assertThat(e.getMessage())
        .contains("has CHANGED: the server offers an ECDSA key " + fingerprint(offered.getPublic()))
        .contains("Offending ECDSA key in " + knownHosts + ":1");
    assertThat(Files.readString(knownHosts)).isEqualTo(before);
    assertNothingRan();
  }

  @Test
  void aHashedHostNameIsKnownLikeAPlainOne() throws Exception {
    serve(EmbeddedSshd.ed25519());
    String line =
        hashed(sshd.knownHostsName())
            + " "
            + PublicKeyEntry.toString(EmbeddedSshd.rsa().getPublic())
            + "\n";
    Files.writeString(knownHosts, line);

    RunnerException e = refusal(true);

    assertThat(e.getMessage())
        .contains("has CHANGED")
        .contains("Offending RSA key in " + knownHosts + ":1")
        .contains("ssh-keygen -R '" + sshd.knownHostsName() + "'");
    assertThat(Files.readString(knownHosts)).isEqualTo(line);
    assertNothingRan();
  }

  @Test
  void aHostInACommaSeparatedListIsKnown() throws Exception {
    serve(EmbeddedSshd.ed25519());
    String line =
        "gluster-east-1,"
            + sshd.knownHostsName()
            + ",10.0.0.1 "
            + PublicKeyEntry.toString(EmbeddedSshd.rsa().getPublic())
            + "\n";
    Files.writeString(knownHosts, line);

    RunnerException e = refusal(true);

    assertThat(e.getMessage()).contains("has CHANGED").contains(knownHosts + ":1");
    assertThat(Files.readString(knownHosts)).isEqualTo(line);
    assertNothingRan();
  }

  @Test
  void theRightKeyUnderAHashedNameOrInAListIsAccepted() throws Exception {
    KeyPair key = EmbeddedSshd.ed25519();
    serve(key);
    Files.writeString(
        knownHosts, hashed(sshd.knownHostsName()) + " " + PublicKeyEntry.toString(key.getPublic()));
    assertThat(ok(false)).isEqualTo("ok\n");

    Files.writeString(
        knownHosts,
        "other," + sshd.knownHostsName() + " " + PublicKeyEntry.toString(key.getPublic()) + "\n");
    assertThat(ok(false)).isEqualTo("ok\n");
  }

  @Test
  void oneKnownKeyIsEnoughWhenTheServerOffersSeveralTypes() throws Exception {
    KeyPair rsa = EmbeddedSshd.rsa();
    KeyPair ed25519 = EmbeddedSshd.ed25519();
    KeyPair ecdsa = EmbeddedSshd.ecdsa();
    serve(ed25519, ecdsa, rsa);

    // The client asks for the type it knows, as OpenSSH does, so the known key is the one offered.
    for (KeyPair known : List.of(rsa, ecdsa, ed25519)) {
      Files.writeString(knownHosts, sshd.entry(known.getPublic()));
      assertThat(ok(false)).isEqualTo("ok\n");
    }
  }

  @Test
  void aRevokedKeyIsRefusedEvenWhenAPlainEntryTrustsIt() throws Exception {
    KeyPair key = EmbeddedSshd.ed25519();
    serve(key);
    Files.writeString(
        knownHosts,
        sshd.entry(key.getPublic())
            + "@revoked "
            + sshd.knownHostsName()
            + " "
            + PublicKeyEntry.toString(key.getPublic())
            + "\n");

    RunnerException e = refusal(false);

    assertThat(e.kind()).isEqualTo(RunnerException.Kind.HOST_KEY);
    assertThat(e.getMessage())
        .isEqualTo(
            "the SSH host key of "
                + sshd.knownHostsName()
                + " (ED25519 key "
                + fingerprint(key.getPublic())
                + ") is REVOKED in "
                + knownHosts
                + ":2; nothing was run. A revoked key is never accepted (it may be in an"
                + " attacker's hands): ask the server's administrator for the host's new key");
    assertNothingRan();
  }

  @Test
  void aRevokedKeyUnderAWildcardIsRefusedAndNeverRecorded() throws Exception {
    KeyPair key = EmbeddedSshd.ecdsa();
    serve(key);
    String revoked = "@revoked * " + PublicKeyEntry.toString(key.getPublic()) + "\n";
    Files.writeString(knownHosts, revoked);

    RunnerException e = refusal(true);

    assertThat(e.getMessage()).contains("is REVOKED in " + knownHosts + ":1");
    assertThat(Files.readString(knownHosts)).isEqualTo(revoked);
    assertNothingRan();
  }

  @Test
  void aCertificateAuthorityForTheHostIsRefusedClearlyAndNoKeyIsRecorded() throws Exception {
    KeyPair key = EmbeddedSshd.ed25519();
    serve(key);
    String ca =
        "@cert-authority *.example.com,127.0.0.1,"
            + sshd.knownHostsName()
            + " "
            + PublicKeyEntry.toString(EmbeddedSshd.ed25519().getPublic())
            + "\n";
    Files.writeString(knownHosts, ca);

    RunnerException e = refusal(true);

    assertThat(e.kind()).isEqualTo(RunnerException.Kind.HOST_KEY);
    assertThat(e.getMessage())
        .contains("@cert-authority")
        .contains(knownHosts + ":1")
        .contains("does not use host certificates")
        .contains("ssh-keyscan -p " + sshd.port() + " 127.0.0.1 >> " + knownHosts);
    assertThat(Files.readString(knownHosts)).isEqualTo(ca);
    assertNothingRan();
  }

  @Test
  void aNewKeyIsAppendedAsItsOwnLineEvenAfterALastLineWithoutNewline() throws Exception {
    KeyPair key = EmbeddedSshd.ed25519();
    serve(key);
    String other = "gluster-west-1 " + PublicKeyEntry.toString(EmbeddedSshd.rsa().getPublic());
    Files.writeString(knownHosts, other);

    assertThat(ok(true)).isEqualTo("ok\n");

    assertThat(Files.readString(knownHosts))
        .isEqualTo(
            other
                + "\n"
                + sshd.knownHostsName()
                + " "
                + PublicKeyEntry.toString(key.getPublic())
                + "\n");
    // And the recorded key is the known one from now on, also without accept-new.
    assertThat(ok(false)).isEqualTo("ok\n");
  }

  @Test
  void aMissingKnownHostsFileIsCreatedPrivateWhenANewKeyIsRecorded() throws Exception {
    serve(EmbeddedSshd.ed25519());
    knownHosts = dir.resolve("fresh/.ssh/known_hosts");

    assertThat(ok(true)).isEqualTo("ok\n");

    assertThat(Files.getPosixFilePermissions(knownHosts))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(knownHosts.getParent()))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(Files.readString(knownHosts)).startsWith(sshd.knownHostsName() + " ssh-ed25519 ");
  }

  @Test
  void aNewKeyIsNeverAppendedThroughASymbolicLink() throws Exception {
    serve(EmbeddedSshd.ed25519());
    Path victim = dir.resolve("victim");
    Files.writeString(victim, "root-owned content\n");
    Files.createSymbolicLink(knownHosts, victim);

    RunnerException e = refusal(true);

    assertThat(e.kind()).isEqualTo(RunnerException.Kind.HOST_KEY);
    assertThat(e.getMessage())
        .contains("cannot record the new SSH host key of " + sshd.knownHostsName())
        .contains(knownHosts + " is a symbolic link");
    assertThat(Files.readString(victim)).isEqualTo("root-owned content\n");
    assertNothingRan();
  }

  @Test
  void aKnownHostsLinkIsStillReadForAKnownHost() throws Exception {
    KeyPair key = EmbeddedSshd.ed25519();
    serve(key);
    Path real = dir.resolve("real_known_hosts");
    Files.writeString(real, sshd.entry(key.getPublic()));
    Files.createSymbolicLink(knownHosts, real);

    assertThat(ok(false)).isEqualTo("ok\n");
  }

  @Test
  void aKnownHostsFileThatIsAFifoIsRefusedWithoutWaiting() throws Exception {
    serve(EmbeddedSshd.ed25519());
    Process mkfifo = new ProcessBuilder("mkfifo", knownHosts.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();

    RunnerException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> refusal(true));

    assertThat(e.kind()).isEqualTo(RunnerException.Kind.HOST_KEY);
    assertThat(e.getMessage())
        .isEqualTo("cannot read known_hosts file " + knownHosts + ": not a regular file");
    assertNothingRan();
  }
}

package io.glustershares.gluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSH runner against a real SSH server (Apache MINA sshd) that runs commands through /bin/sh,
 * as OpenSSH does.
 */
class SshRunnerTest {

  private static final String USER = EmbeddedSshd.USER;
  private static final String PASSWORD = EmbeddedSshd.PASSWORD;

  @TempDir Path dir;
  private EmbeddedSshd sshd;
  private Path identity;
  private Path knownHosts;

  @BeforeEach
  void start() throws Exception {
    KeyPair clientKey = EmbeddedSshd.rsa();
    identity = dir.resolve("id_rsa");
    Files.writeString(
        identity,
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(clientKey.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
    Files.setPosixFilePermissions(identity, PosixFilePermissions.fromString("rw-------"));

    sshd = EmbeddedSshd.start(clientKey.getPublic(), EmbeddedSshd.rsa());
    knownHosts = dir.resolve("known_hosts");
    Files.writeString(knownHosts, sshd.entries());
  }

  @AfterEach
  void stop() throws Exception {
    sshd.close();
  }

  private SshRunner runner(Optional<Path> key, Optional<String> password, boolean acceptNew) {
    return new SshRunner(
        new SshRunner.Target(
            "east",
            USER,
            "127.0.0.1",
            sshd.port(),
            knownHosts,
            acceptNew,
            key,
            password,
            Optional.empty()));
  }

  @Test
  void keyAuthenticationRunsTheCommand() throws Exception {
    try (SshRunner ssh = runner(Optional.of(identity), Optional.empty(), false)) {
      ProcessResult result =
          ssh.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(20));

      assertThat(result.exitCode()).isEqualTo(3);
      assertThat(result.stdout()).isEqualTo("out\n");
      assertThat(result.stderr()).isEqualTo("err\n");
    }
  }

  @Test
  void aHeldCommandRunsUntilClosedThenItsInputEnds() throws Exception {
    Path ended = dir.resolve("ended");
    try (SshRunner ssh = runner(Optional.of(identity), Optional.empty(), false)) {
      HeldCommand held =
          ssh.hold(
              List.of(
                  "sh", "-c", "echo ready; cat > /dev/null; echo done > \"$0\"", ended.toString()));

      assertThat(held.readLine(Duration.ofSeconds(20))).contains("ready");
      assertThat(held.ended()).isEmpty();
      assertThat(ended).doesNotExist();
      // Other commands go on over the same connection meanwhile.
      assertThat(ssh.run(List.of("echo", "ok"), Duration.ofSeconds(20)).stdout()).isEqualTo("ok\n");

      held.close();

      assertThat(ended).hasContent("done");
      assertThat(held.ended()).isPresent();
    }
  }

  @Test
  void aHeldCommandEndsWhenTheConnectionDropsAndNothingRunsOverANewOne() throws Exception {
    Path ended = dir.resolve("ended");
    try (SshRunner ssh = runner(Optional.of(identity), Optional.empty(), false)) {
      HeldCommand held =
          ssh.hold(
              List.of(
                  "sh", "-c", "echo ready; cat > /dev/null; echo done > \"$0\"", ended.toString()));
      assertThat(held.readLine(Duration.ofSeconds(20))).contains("ready");

      sshd.close();

      assertThat(held.readLine(Duration.ofSeconds(20))).isEmpty();
      assertThat(held.ended()).get().asString().contains("was lost");
      RunnerException e =
          catchThrowableOfType(
              RunnerException.class, () -> ssh.run(List.of("true"), Duration.ofSeconds(20)));
      assertThat(e.getMessage())
          .contains("was lost earlier in this run; nothing more is run over it");
    }
  }

  @Test
  void passwordFromTheEnvironmentAuthenticates() throws Exception {
    try (SshRunner ssh = runner(Optional.empty(), Optional.of(PASSWORD), false)) {
      assertThat(ssh.run(List.of("echo", "ok"), Duration.ofSeconds(20)).stdout()).isEqualTo("ok\n");
    }
  }

  @Test
  void aWrongPasswordIsRefusedWithoutShowingIt() {
    try (SshRunner ssh = runner(Optional.empty(), Optional.of("wrong-" + PASSWORD), false)) {
      RunnerException e =
          catchThrowableOfType(
              RunnerException.class, () -> ssh.run(List.of("true"), Duration.ofSeconds(20)));

      assertThat(e.kind()).isEqualTo(RunnerException.Kind.CONNECTION);
      assertThat(e.getMessage())
          .isEqualTo(
              "SSH login as 'gluster' to 127.0.0.1:"
                  + sshd.port()
                  + " was refused (tried: password)")
          .doesNotContain(PASSWORD);
      assertThat(ssh.toString() + ssh.describe()).doesNotContain(PASSWORD);
    }
  }

  @Test
  void anUnknownHostKeyIsRefusedBeforeAnyCommandRuns() throws Exception {
    Files.writeString(knownHosts, "");
    try (SshRunner ssh = runner(Optional.of(identity), Optional.empty(), false)) {
      RunnerException e =
          catchThrowableOfType(
              RunnerException.class,
              () ->
                  ssh.run(List.of("touch", dir.resolve("ran").toString()), Duration.ofSeconds(20)));

      assertThat(e.kind()).isEqualTo(RunnerException.Kind.HOST_KEY);
      assertThat(e.getMessage())
          .contains("[127.0.0.1]:" + sshd.port() + " (RSA key SHA256:")
          .contains("is not in " + knownHosts)
          .contains("ssh-keyscan -p " + sshd.port() + " 127.0.0.1 >> " + knownHosts);
      assertThat(sshd.commands()).isEmpty();
      assertThat(dir.resolve("ran")).doesNotExist();
    }
  }

  @Test
  void aMissingKnownHostsFileIsAnUnknownHost() {
    knownHosts = dir.resolve("nowhere/known_hosts");
    try (SshRunner ssh = runner(Optional.of(identity), Optional.empty(), false)) {
      RunnerException e =
          catchThrowableOfType(
              RunnerException.class, () -> ssh.run(List.of("true"), Duration.ofSeconds(20)));

      assertThat(e.kind()).isEqualTo(RunnerException.Kind.HOST_KEY);
      assertThat(sshd.commands()).isEmpty();
    }
  }

  @Test
  void aChangedHostKeyIsRefused() throws Exception {
    Files.writeString(knownHosts, sshd.entry(EmbeddedSshd.rsa().getPublic()));
    try (SshRunner ssh = runner(Optional.of(identity), Optional.empty(), false)) {
      RunnerException e =
          catchThrowableOfType(
              RunnerException.class, () -> ssh.run(List.of("true"), Duration.ofSeconds(20)));

      assertThat(e.kind()).isEqualTo(RunnerException.Kind.HOST_KEY);
      assertThat(e.getMessage())
          .contains("has CHANGED")
          .contains("ssh-keygen -R '[127.0.0.1]:" + sshd.port() + "'");
      assertThat(sshd.commands()).isEmpty();
    }
  }

  @Test
  void acceptNewRecordsAnUnknownKeyButNeverAChangedOne() throws Exception {
    Files.writeString(knownHosts, "");
    try (SshRunner ssh = runner(Optional.of(identity), Optional.empty(), true)) {
      assertThat(ssh.run(List.of("echo", "ok"), Duration.ofSeconds(20)).exitCode()).isZero();
    }
    assertThat(Files.readString(knownHosts)).contains("[127.0.0.1]:" + sshd.port() + " ssh-rsa ");

    Files.writeString(knownHosts, sshd.entry(EmbeddedSshd.rsa().getPublic()));
    try (SshRunner ssh = runner(Optional.of(identity), Optional.empty(), true)) {
      assertThat(
              catchThrowableOfType(
                      RunnerException.class, () -> ssh.run(List.of("true"), Duration.ofSeconds(20)))
                  .kind())
          .isEqualTo(RunnerException.Kind.HOST_KEY);
    }
  }

  @Test
  void hostileWordsReachTheRemoteSideAsLiteralArguments() throws Exception {
    List<String> hostile =
        List.of(
            "; rm -rf " + dir.resolve("victim"),
            "$(touch " + dir.resolve("pwned1") + ")",
            "`touch " + dir.resolve("pwned2") + "`",
            "it's \"quoted\"",
            "line one\nline two; touch " + dir.resolve("pwned3"),
            "*",
            "$HOME",
            "a\\b",
            "");
    Files.createDirectories(dir.resolve("victim"));
    List<String> argv = new ArrayList<>(List.of("printf", "%s\\0"));
    argv.addAll(hostile);

    try (SshRunner ssh = runner(Optional.of(identity), Optional.empty(), false)) {
      ProcessResult result = ssh.run(argv, Duration.ofSeconds(20));

      assertThat(result.exitCode()).isZero();
      assertThat(Arrays.asList(result.stdout().split("\0", -1)).subList(0, hostile.size()))
          .isEqualTo(hostile);
    }
    assertThat(dir.resolve("victim")).exists();
    assertThat(dir.resolve("pwned1")).doesNotExist();
    assertThat(dir.resolve("pwned2")).doesNotExist();
    assertThat(dir.resolve("pwned3")).doesNotExist();
  }

  @Test
  void oneConnectionServesEveryCommandOfARun() throws Exception {
    try (SshRunner ssh = runner(Optional.of(identity), Optional.empty(), false)) {
      for (int i = 0; i < 5; i++) {
        ssh.run(List.of("echo", String.valueOf(i)), Duration.ofSeconds(20));
      }
    }
    assertThat(sshd.sessions()).isEqualTo(1);
    assertThat(sshd.commands()).hasSize(5);
  }

  @Test
  void theConnectionSendsEachSmallPacketAtOnce() throws Exception {
    // With Nagle's algorithm on, each of the short exchanges around a command waited for the
    // server's delayed ACK: about 35 ms more per command on the real estate (issue 17).
    try (SshRunner ssh = runner(Optional.of(identity), Optional.empty(), false)) {
      assertThat(ssh.sendsAtOnce()).isFalse();
      ssh.run(List.of("echo", "1"), Duration.ofSeconds(20));
      assertThat(ssh.sendsAtOnce()).isTrue();
    }
  }

  @Test
  void aCommandRunningTooLongIsStopped() {
    try (SshRunner ssh = runner(Optional.of(identity), Optional.empty(), false)) {
      RunnerException e =
          catchThrowableOfType(
              RunnerException.class, () -> ssh.run(List.of("sleep", "30"), Duration.ofMillis(500)));

      assertThat(e.kind()).isEqualTo(RunnerException.Kind.TIMEOUT);
    }
  }
}

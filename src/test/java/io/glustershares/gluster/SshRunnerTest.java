package io.glustershares.gluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.command.CommandFactory;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.shell.ProcessShellCommandFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSH runner against a real SSH server (Apache MINA sshd) that runs commands through /bin/sh,
 * as OpenSSH does.
 */
class SshRunnerTest {

  private static final String USER = "gluster";
  private static final String PASSWORD = "s3cret-Pa55 word";

  @TempDir Path dir;
  private SshServer sshd;
  private KeyPair clientKey;
  private Path identity;
  private Path knownHosts;
  private final AtomicInteger sessions = new AtomicInteger();
  private final List<String> commands = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    clientKey = rsa.generateKeyPair();
    identity = dir.resolve("id_rsa");
    Files.writeString(
        identity,
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(clientKey.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n");

    sshd = SshServer.setUpDefaultServer();
    sshd.setHost("127.0.0.1");
    sshd.setPort(0);
    SimpleGeneratorHostKeyProvider hostKeys =
        new SimpleGeneratorHostKeyProvider(dir.resolve("host.ser"));
    hostKeys.setAlgorithm("RSA");
    sshd.setKeyPairProvider(hostKeys);
    sshd.setPasswordAuthenticator(
        (user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
    sshd.setPublickeyAuthenticator(
        (user, key, session) ->
            USER.equals(user) && KeyUtils.compareKeys(key, clientKey.getPublic()));
    CommandFactory shell = ProcessShellCommandFactory.INSTANCE;
    sshd.setCommandFactory(
        (channel, command) -> {
          synchronized (commands) {
            commands.add(command);
          }
          return shell.createCommand(channel, command);
        });
    sshd.addSessionListener(
        new SessionListener() {
          @Override
          public void sessionCreated(Session session) {
            sessions.incrementAndGet();
          }
        });
    sshd.start();

    knownHosts = dir.resolve("known_hosts");
    Files.writeString(knownHosts, entry(hostKey()));
  }

  @AfterEach
  void stop() throws Exception {
    sshd.stop(true);
  }

  private PublicKey hostKey() throws Exception {
    return sshd.getKeyPairProvider().loadKeys(null).iterator().next().getPublic();
  }

  private String entry(PublicKey key) {
    return "[127.0.0.1]:" + sshd.getPort() + " " + PublicKeyEntry.toString(key) + "\n";
  }

  private SshRunner runner(Optional<Path> key, Optional<String> password, boolean acceptNew) {
    return new SshRunner(
        new SshRunner.Target(
            "east", USER, "127.0.0.1", sshd.getPort(), knownHosts, acceptNew, key, password));
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
                  + sshd.getPort()
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
          .contains("[127.0.0.1]:" + sshd.getPort() + " (SHA256:")
          .contains("is not in " + knownHosts)
          .contains("ssh-keyscan -p " + sshd.getPort() + " 127.0.0.1 >> " + knownHosts);
      assertThat(commands).isEmpty();
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
      assertThat(commands).isEmpty();
    }
  }

  @Test
  void aChangedHostKeyIsRefused() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    Files.writeString(knownHosts, entry(rsa.generateKeyPair().getPublic()));
    try (SshRunner ssh = runner(Optional.of(identity), Optional.empty(), false)) {
      RunnerException e =
          catchThrowableOfType(
              RunnerException.class, () -> ssh.run(List.of("true"), Duration.ofSeconds(20)));

      assertThat(e.kind()).isEqualTo(RunnerException.Kind.HOST_KEY);
      assertThat(e.getMessage())
          .contains("has CHANGED")
          .contains("ssh-keygen -R '[127.0.0.1]:" + sshd.getPort() + "'");
      assertThat(commands).isEmpty();
    }
  }

  @Test
  void acceptNewRecordsAnUnknownKeyButNeverAChangedOne() throws Exception {
    Files.writeString(knownHosts, "");
    try (SshRunner ssh = runner(Optional.of(identity), Optional.empty(), true)) {
      assertThat(ssh.run(List.of("echo", "ok"), Duration.ofSeconds(20)).exitCode()).isZero();
    }
    assertThat(Files.readString(knownHosts))
        .contains("[127.0.0.1]:" + sshd.getPort() + " ssh-rsa ");

    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    Files.writeString(knownHosts, entry(rsa.generateKeyPair().getPublic()));
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
    assertThat(sessions.get()).isEqualTo(1);
    assertThat(commands).hasSize(5);
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

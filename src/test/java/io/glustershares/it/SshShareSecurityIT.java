package io.glustershares.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The security scenario with gluster reached over a real OpenSSH server; and the SSH guarantees:
 * host keys verified before any command runs, secrets never in any output.
 */
class SshShareSecurityIT extends ShareSecurityScenario {

  static final String PASSWORD = "Corr3ct-h0rse_battery.staple";
  static final String PASSWORD_VARIABLE = "GLUSTER_SHARES_TEST_SSH_PASSWORD";

  Sshd sshd;
  Path knownHosts;
  Path identity;

  @BeforeEach
  void startSshd() throws Exception {
    sshd = Sshd.start(work.resolve("sshd"));
    knownHosts = work.resolve("known_hosts");
    Files.writeString(knownHosts, sshd.knownHostsLine(gluster.host()));
    identity = sshd.userKey();
  }

  @AfterEach
  void stopSshd() throws Exception {
    if (sshd != null) {
      sshd.close();
    }
  }

  @Override
  String clusterEntry() {
    return "remote:\n  server: root@"
        + gluster.host()
        + "\n  ssh:\n    port: "
        + sshd.port()
        + "\n    identityFile: "
        + identity
        + "\n    knownHosts: "
        + knownHosts
        + "\n    passwordEnv: "
        + PASSWORD_VARIABLE
        + "\n";
  }

  @Override
  Map<String, String> environment() {
    return Map.of(PASSWORD_VARIABLE, PASSWORD);
  }

  @Override
  String label() {
    return "over SSH";
  }

  @Test
  void aChangedHostKeyIsRefusedBeforeAnyCommandRuns() throws Exception {
    Path other = work.resolve("other");
    Sshd impostor = Sshd.start(other);
    impostor.close();
    Files.writeString(
        knownHosts,
        impostor.knownHostsLine(gluster.host()).replace(":" + impostor.port(), ":" + sshd.port()));
    desired("- { name: quiet, size: 1, access: [ { cn: tenant-a } ] }\n");
    var before = gluster.volume(p + "-1G-1").options();

    Main.Captured result = apply();

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains("has CHANGED")
        .contains("nothing was run")
        .contains("ssh-keygen -R");
    assertThat(sshd.log()).doesNotContain("Accepted publickey");
    assertThat(gluster.volume(p + "-1G-1").options()).isEqualTo(before);
  }

  @Test
  void anUnknownHostKeyIsRefusedWithTheCommandThatAddsIt() throws Exception {
    Files.writeString(knownHosts, "");
    desired("- { name: quiet, size: 1 }\n");

    Main.Captured result = cli().run("plan");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains("is not in " + knownHosts)
        .contains("ssh-keyscan -p " + sshd.port() + " " + gluster.host());
    assertThat(sshd.log()).doesNotContain("Accepted publickey");
  }

  @Test
  void secretsNeverAppearInAnyOutput() throws Exception {
    desired("- { name: secret-keeper, size: 1, access: [ { cn: tenant-a } ] }\n");
    List<String> outputs = new ArrayList<>();
    for (String[] args :
        List.of(
            new String[] {"validate"},
            new String[] {"show"},
            new String[] {"show", "--json"},
            new String[] {"plan"},
            new String[] {"plan", "--json"},
            new String[] {"plan", "--out", "saved.json"},
            new String[] {"apply", "--auto-approve", "--dry-run"},
            new String[] {"apply", "saved.json", "--auto-approve"},
            new String[] {"audit"},
            new String[] {"audit", "--format", "json"},
            new String[] {"audit", "--format", "junit"},
            new String[] {"audit", "--format", "markdown"})) {
      Main.Captured r = cli().run(args);
      outputs.add(r.out());
      outputs.add(r.err());
    }
    outputs.add(Files.readString(work.resolve("saved.json")));
    // A login that fails (a key the server does not know, then the password) and --debug traces.
    identity = work.resolve("stranger");
    Files.copy(work.resolve("sshd/host_key"), identity);
    desired("- { name: secret-keeper, size: 1, access: [ { cn: tenant-a } ] }\n");
    for (String[] args :
        List.of(
            new String[] {"plan"},
            new String[] {"plan", "--debug"},
            new String[] {"show", "--json", "--debug"})) {
      Main.Captured r = cli().run(args);
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.err()).contains("was refused (tried: public key, password)");
      outputs.add(r.out());
      outputs.add(r.err());
    }

    String everything = String.join("\n", outputs);
    assertThat(everything).doesNotContain(PASSWORD);
    for (Path key : List.of(sshd.userKey(), identity)) {
      for (String line : Files.readAllLines(key)) {
        if (!line.startsWith("-----") && line.length() > 16) {
          assertThat(everything).as("key material of " + key).doesNotContain(line);
        }
      }
    }
  }
}

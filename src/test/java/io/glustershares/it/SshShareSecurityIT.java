package io.glustershares.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.cli.Main;
import io.glustershares.it.estate.Node;
import io.glustershares.it.estate.SshKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The security scenario with the tool on the managing host reaching east-1 over its OpenSSH server;
 * and the SSH guarantees: host keys verified before any command runs, secrets never in any output.
 */
class SshShareSecurityIT extends ShareSecurityScenario {

  static final String PASSWORD = "Corr3ct-h0rse_battery.staple";
  static final String PASSWORD_VARIABLE = "GLUSTER_SHARES_TEST_SSH_PASSWORD";

  Path knownHosts;
  Path identity;
  Node server;

  @BeforeEach
  void sshFiles() throws Exception {
    server = east.first();
    // A copy of the estate's known_hosts, which the tests below may break.
    knownHosts = work.resolve("known_hosts");
    Files.copy(estate.ssh().knownHosts(), knownHosts);
    identity = estate.ssh().identity();
  }

  @Override
  String clusterEntry() {
    return "remote:\n  server: root@east-1\n  infrastructureCns: ["
        + east.readyAllow()
        + "]\n  ssh:\n    identityFile: "
        + identity
        + "\n    knownHosts: "
        + knownHosts
        + "\n    passwordEnv: "
        + PASSWORD_VARIABLE
        + "\n";
  }

  @Override
  Main.Captured tool(Map<String, String> env, String... args) {
    return estate.managing().tool(work, env, args);
  }

  @Override
  Map<String, String> environment() {
    return Map.of(PASSWORD_VARIABLE, PASSWORD);
  }

  @Override
  String label() {
    return "over SSH";
  }

  /** What east-1's sshd logged since {@code mark} (its log's length then). */
  private String sshdLogSince(int mark) {
    return server.sshdLog().substring(mark);
  }

  @Test
  void aChangedHostKeyIsRefusedBeforeAnyCommandRuns() throws Exception {
    Path impostor = SshKeys.keygen(work.resolve("impostor"), "impostor");
    String[] key = Files.readString(Path.of(impostor + ".pub")).strip().split(" ");
    Files.writeString(knownHosts, "east-1," + server.ip() + " " + key[0] + " " + key[1] + "\n");
    desired("- { name: quiet, size: 1, access: [ { cn: tenant-a } ] }\n");
    var before = east.volume(volume).options();
    int mark = server.sshdLog().length();

    Main.Captured result = apply();

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains("has CHANGED")
        .contains("nothing was run")
        .contains("ssh-keygen -R");
    assertThat(sshdLogSince(mark)).doesNotContain("Accepted publickey");
    assertThat(east.volume(volume).options()).isEqualTo(before);
  }

  @Test
  void anUnknownHostKeyIsRefusedWithTheCommandThatAddsIt() throws Exception {
    Files.writeString(knownHosts, "");
    desired("- { name: quiet, size: 1 }\n");
    int mark = server.sshdLog().length();

    Main.Captured result = cli("plan");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains("is not in " + knownHosts)
        .contains("ssh-keyscan east-1 >> " + knownHosts);
    assertThat(sshdLogSince(mark)).doesNotContain("Accepted publickey");
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
      Main.Captured r = cli(args);
      outputs.add(r.out());
      outputs.add(r.err());
    }
    outputs.add(Files.readString(work.resolve("saved.json")));
    // A login that fails (a key the server does not know, then the password) and --debug traces.
    identity = SshKeys.keygen(work.resolve("stranger"), "stranger");
    desired("- { name: secret-keeper, size: 1, access: [ { cn: tenant-a } ] }\n");
    for (String[] args :
        List.of(
            new String[] {"plan"},
            new String[] {"plan", "--debug"},
            new String[] {"show", "--json", "--debug"})) {
      Main.Captured r = cli(args);
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.err()).contains("was refused (tried: public key, password)");
      outputs.add(r.out());
      outputs.add(r.err());
    }

    String everything = String.join("\n", outputs);
    assertThat(everything).doesNotContain(PASSWORD);
    for (Path key : List.of(estate.ssh().identity(), identity)) {
      for (String line : Files.readAllLines(key)) {
        if (!line.startsWith("-----") && line.length() > 16) {
          assertThat(everything).as("key material of " + key).doesNotContain(line);
        }
      }
    }
  }
}

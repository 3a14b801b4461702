package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values that could mean something to a shell or a path never get that far: in a share name, a CN
 * or a snapshot name they are refused by validation (exit 3), by every command, before any cluster
 * is contacted.
 */
class HostileInputTest {

  @TempDir Path work;

  static final List<String> HOSTILE =
      List.of(
          "a;rm -rf /",
          "$(reboot)",
          "`id`",
          "it's",
          "say \"hi\"",
          "line\nbreak",
          "../../etc",
          "a..b",
          "x".repeat(300));

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String value : HOSTILE) {
      for (String field : List.of("name", "cn", "snapshot")) {
        for (String command : List.of("validate", "plan", "apply")) {
          out.add(Arguments.of(field, value, command));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {2}: {1}")
  @MethodSource("cases")
  void isRefusedBeforeAnythingRuns(String field, String value, String command) throws Exception {
    TestFiles.copyTree(Path.of("examples/quickstart"), work);
    String quoted =
        "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    String share =
        switch (field) {
          case "name" -> "  - { name: " + quoted + ", size: 1 }\n";
          case "cn" -> "  - { name: ok, size: 1, access: [ { cn: " + quoted + " } ] }\n";
          default -> "  - { name: ok, size: 1, snapshots: [ { name: " + quoted + " } ] }\n";
        };
    Files.writeString(
        work.resolve("hostile.yaml"),
        "apiVersion: gluster-shares/v1\nstack: demo\nvolumePattern: 'manila-share-volume-#{size}G-\\d+$'\n"
            + "clusters:\n  demo:\n    { server: sim:demo-pool.yaml, infrastructureCns: [glusterfs-server-1, manila-host] }\nshares:\n"
            + share);

    Main.Captured result =
        new CliRunner(work)
            .run(
                command.equals("apply")
                    ? new String[] {"apply", "--auto-approve", "-f", "hostile.yaml"}
                    : new String[] {command, "-f", "hostile.yaml"});

    assertThat(result.exitCode()).as(result.err()).isEqualTo(3);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err()).startsWith("hostile.yaml:8:").contains("; valid: ");
    assertThat(result.err()).doesNotContain("\tat ");
    assertThat(result.out()).isEmpty();
    assertThat(work.resolve(".gluster-shares")).as("no cluster was contacted").doesNotExist();
  }
}

package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * import on the simulator: what it writes, that the round trip plans no changes (after adopting the
 * Manila volume), that it keeps the file as written and never overwrites one.
 */
class ImportCommandTest {

  private static final String HEADER =
      """
      # Our estate. Comments survive the import.
      apiVersion: gluster-shares/v1
      stack: demo
      volumePattern: 'manila-share-volume-#{size}G-\\d+$'
      clusters:
        demo:
          server: sim:demo-pool.yaml   # the simulated cluster
          infrastructureCns: [glusterfs-server-1, manila-host]
      """;

  @TempDir Path work;
  private CliRunner cli;

  @BeforeEach
  void appliedQuickstart() throws Exception {
    TestFiles.copyTree(Path.of("examples/quickstart"), work);
    cli = new CliRunner(work);
    Main.Captured applied = cli.run("apply", "--auto-approve");
    assertThat(applied.exitCode()).as(applied.out() + applied.err()).isZero();
  }

  @Test
  void importsEveryShareAndAdoptsTheManilaVolumeThenPlansNoChanges() throws Exception {
    Files.writeString(work.resolve("estate.yaml"), HEADER);

    Main.Captured imported =
        cli.run("import", "-f", "estate.yaml", "--cluster", "demo", "--out", "imported.yaml");

    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(imported.out()).isEmpty();
    // Issue 15: "reading cluster demo…" comes first on standard error.
    assertThat(imported.err())
        .contains(
            "\nImported 4 shares from cluster demo (1 adopted from Manila, 0 already in estate.yaml)"
                + " into imported.yaml\n");
    assertThat(Files.readString(work.resolve("imported.yaml")))
        .isEqualTo(
            HEADER
                + """
                shares:
                  - name: scratch
                    cluster: demo
                    size: 1
                    access:
                      - cn: ci-runner
                  - name: analytics
                    cluster: demo
                    size: 3
                    access:
                      - cn: tenant-a-client
                      - cn: tenant-b-client
                    snapshots:
                      - name: before-migration
                  - name: analytics-restore
                    cluster: demo
                    fromSnapshot: { share: analytics, snapshot: before-migration }
                    access:
                      - cn: tenant-a-client
                  # adopted from Manila share 0e0b6a2e-9a55-4f4b-9a0c-5b1f3f3b7c11 (its UUID stays on the volume)
                  - name: manila-0e0b6a2e-9a55-4f4b-9a0c-5b1f3f3b7c11
                    cluster: demo
                    volume: manila-share-volume-3G-9
                    access:
                      - cn: legacy-tenant
                """);

    // The only change: tag the Manila volume as ours. No restart, no access or data change.
    Main.Captured plan = cli.run("plan", "-f", "imported.yaml", "--json");
    assertThat(plan.out())
        .contains("\"create\" : 0, \"change\" : 1, \"destroy\" : 0".replace(", ", ",\n    "))
        .contains("\"type\" : \"adopt_share\"")
        .doesNotContain("volume\", \"stop\"")
        .doesNotContain("\"auth.ssl-allow\"");
    Main.Captured adopt = cli.run("apply", "-f", "imported.yaml", "--auto-approve");
    assertThat(adopt.exitCode()).as(adopt.out() + adopt.err()).isZero();
    assertThat(adopt.out()).contains("1 done, 0 failed");
    assertThat(Files.readString(work.resolve(".gluster-shares/demo.calls")))
        .doesNotContain("volume stop manila-share-volume-3G-9");

    Main.Captured again = cli.run("plan", "-f", "imported.yaml", "--detailed-exitcode");
    assertThat(again.exitCode()).as(again.out()).isZero();
    assertThat(again.out()).contains("No changes: the clusters match the file.");

    // And the adopted share is now this stack's: importing again adds nothing.
    Main.Captured twice = cli.run("import", "-f", "imported.yaml", "--cluster", "demo");
    assertThat(twice.out()).isEqualTo(Files.readString(work.resolve("imported.yaml")));
    assertThat(twice.err())
        .contains(
            "\nImported 0 shares from cluster demo (0 adopted from Manila, 4 already in imported.yaml)");
  }

  @Test
  void keepsTheFileAsWrittenAndAppendsAfterItsLastShare() throws Exception {
    String file =
        HEADER
            + """
            shares:
                # indented more than usual, on purpose
                -   name: scratch   # kept as written
                    size: 1
                    access: [ { cn: ci-runner } ]
            # trailing comment, and a key after the list
            mountBase: /var/lib/gluster-shares/mnt
            """;
    Files.writeString(work.resolve("estate.yaml"), file);

    Main.Captured imported = cli.run("import", "-f", "estate.yaml", "--cluster", "demo");

    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(imported.err()).contains("(1 adopted from Manila, 1 already in estate.yaml)");
    String out = imported.out();
    assertThat(out)
        .startsWith(
            HEADER
                + """
                shares:
                    # indented more than usual, on purpose
                    -   name: scratch   # kept as written
                        size: 1
                        access: [ { cn: ci-runner } ]
                    - name: analytics
                      cluster: demo
                """)
        .endsWith(
            """
                    - cn: legacy-tenant
            # trailing comment, and a key after the list
            mountBase: /var/lib/gluster-shares/mnt
            """);
    Files.writeString(work.resolve("out.yaml"), out);
    assertThat(cli.run("validate", "-f", "out.yaml").exitCode()).isZero();
  }

  @Test
  void aFileWithoutSharesGetsTheList() throws Exception {
    Files.writeString(work.resolve("estate.yaml"), HEADER.stripTrailing()); // no final newline

    Main.Captured imported = cli.run("import", "-f", "estate.yaml", "--cluster", "demo");

    assertThat(imported.out())
        .startsWith(HEADER + "shares:\n  - name: scratch\n    cluster: demo\n");
  }

  @Test
  void neverOverwritesAFile() throws Exception {
    Files.writeString(work.resolve("estate.yaml"), HEADER);
    Files.writeString(work.resolve("taken.yaml"), "mine\n");
    String callsBefore = Files.readString(work.resolve(".gluster-shares/demo.calls"));

    Main.Captured r =
        cli.run("import", "-f", "estate.yaml", "--cluster", "demo", "--out", "taken.yaml");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err())
        .isEqualTo(
            "gluster-shares: taken.yaml exists; import never overwrites a file: name a new one\n");
    assertThat(Files.readString(work.resolve("taken.yaml"))).isEqualTo("mine\n");
    assertThat(Files.readString(work.resolve(".gluster-shares/demo.calls")))
        .as("no cluster contacted")
        .isEqualTo(callsBefore);
  }

  @Test
  void anUnknownClusterIsExit3() throws Exception {
    Files.writeString(work.resolve("estate.yaml"), HEADER);

    Main.Captured r = cli.run("import", "-f", "estate.yaml", "--cluster", "west");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err())
        .isEqualTo("gluster-shares: --cluster west: no such cluster in estate.yaml; valid: demo\n");
  }

  @Test
  void aFileThatWouldNotValidateWhereItIsWrittenIsNotWritten() throws Exception {
    Files.writeString(work.resolve("estate.yaml"), HEADER);
    Files.createDirectories(work.resolve("elsewhere"));

    Main.Captured r =
        cli.run("import", "-f", "estate.yaml", "--cluster", "demo", "--out", "elsewhere/new.yaml");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err())
        .contains("elsewhere/new.yaml:")
        .contains("simulator file 'demo-pool.yaml' not found")
        .contains("nothing written");
    assertThat(work.resolve("elsewhere/new.yaml")).doesNotExist();
  }
}

package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.model.Identity;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 5 on the simulator, end to end: Manila's snapshots of an adopted share ({@code
 * manila-<uuid>}, to which gluster added {@code _GMT-…}) come back from {@code import} as managed
 * snapshots named by their gluster name, as Manila finds them; after the adoption nothing changes,
 * a share is cloned from one, and --prune deletes one whose entry is gone, like ours.
 */
class ManilaSnapshotImportTest {

  private static final String SHARE = "0e0b6a2e-9a55-4f4b-9a0c-5b1f3f3b7c11";
  private static final String S1 = "manila-5a8f2c1d-3b4e-4f60-9a7b-8c9d0e1f2a3b";
  private static final String S2 = "manila-6b9e3d2c-4c5f-4071-8b8c-9dae1f203b4c";
  private static final String GMT1 = "_GMT-2026.11.01-02.00.00";
  private static final String GMT2 = "_GMT-2026.11.08-02.00.00";

  private static final String HEADER =
      """
      apiVersion: gluster-shares/v1
      stack: prod
      volumePattern: 'pool-#{size}G-\\d+$'
      clusters:
        east:
          server: sim:pool.yaml
          infrastructureCns: [glusterfs-server-1, manila-host]
      """;

  @TempDir Path work;
  private CliRunner cli;

  @BeforeEach
  void manilaEstate() throws Exception {
    Files.writeString(
        work.resolve("pool.yaml"),
        """
        host: gluster-east-1
        volumes:
          - name: pool-3G-1
            options:
              auth.ssl-allow: "glusterfs-server-1,manila-host,tenant-z"
              user.manila-share: %s
              client.ssl: "on"
              server.ssl: "on"
              nfs.disable: "on"
              server.dynamic-auth: "on"
        snapshots:
          - { name: %s, volume: pool-3G-1, description: "", activated: false }
          - { name: %s, volume: pool-3G-1, description: "", activated: true }
        """
            .formatted(SHARE, S1 + GMT1, S2 + GMT2));
    Files.writeString(work.resolve("estate.yaml"), HEADER);
    cli = new CliRunner(work);
  }

  @Test
  void importedManilaSnapshotsAreManagedClonedAndDeletedLikeOurs() throws Exception {
    Main.Captured imported =
        cli.run("import", "-f", "estate.yaml", "--cluster", "east", "--out", "imported.yaml");
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    String file = Files.readString(work.resolve("imported.yaml"));
    assertThat(file)
        .contains(
            "    snapshots:\n      - name: "
                + S1
                + "\n        gluster: "
                + S1
                + "\n      - name: "
                + S2
                + "\n        gluster: "
                + S2
                + "\n");

    Main.Captured adopt = cli.run("apply", "-f", "imported.yaml", "--auto-approve");
    assertThat(adopt.exitCode()).as(adopt.out() + adopt.err()).isZero();
    Main.Captured none = cli.run("plan", "-f", "imported.yaml", "--detailed-exitcode");
    assertThat(none.exitCode()).as(none.out()).isZero();
    assertThat(none.out()).doesNotContain("unmanaged");
    Main.Captured audit = cli.run("audit", "-f", "imported.yaml");
    assertThat(audit.exitCode()).as(audit.out()).isZero();

    // Cloned from Manila's snapshot, by its gluster name; the snapshot is activated first.
    String restore =
        "  - name: restore\n"
            + "    fromSnapshot: { share: manila-"
            + SHARE
            + ", snapshot: "
            + S1
            + " }\n"
            + "    access: [ { cn: tenant-z } ]\n";
    Files.writeString(work.resolve("imported.yaml"), file + restore);
    Main.Captured clone = cli.run("apply", "-f", "imported.yaml", "--auto-approve");
    assertThat(clone.exitCode()).as(clone.out() + clone.err()).isZero();
    String calls = Files.readString(work.resolve(".gluster-shares/east.calls"));
    String cloneVolume = Identity.cloneVolumeName("prod", "restore");
    assertThat(calls)
        .contains("snapshot activate " + S1 + GMT1)
        .contains("snapshot clone " + cloneVolume + " " + S1 + GMT1);

    // Its entry gone, --prune deletes the other Manila snapshot, as one of ours.
    String dropped = file.replace("      - name: " + S2 + "\n        gluster: " + S2 + "\n", "");
    assertThat(dropped).isNotEqualTo(file);
    Files.writeString(work.resolve("imported.yaml"), dropped + restore);
    Main.Captured prune =
        cli.run("apply", "-f", "imported.yaml", "--auto-approve", "--prune", "--allow-destroy");
    assertThat(prune.exitCode()).as(prune.out() + prune.err()).isZero();
    assertThat(Files.readString(work.resolve(".gluster-shares/east.calls")))
        .contains("snapshot delete " + S2 + GMT2);
    Main.Captured converged =
        cli.run("plan", "-f", "imported.yaml", "--prune", "--detailed-exitcode");
    assertThat(converged.exitCode()).as(converged.out()).isZero();
  }
}

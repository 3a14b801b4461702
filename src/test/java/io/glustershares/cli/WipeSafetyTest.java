package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.sim.SimFaults;
import io.glustershares.sim.SimState;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * A share is deleted while its managing host has been tampered with or misbehaves, end to end on
 * the simulator: the delete fails, the volume stays bound to the share (never back in the pool with
 * the tenant's files, never released while mounted), nothing that is not the wipe's own mount is
 * unmounted, and the next apply finishes the job once the cause is gone.
 */
class WipeSafetyTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String VOLUME = "pool-1G-1";
  private static final String MNT = "/srv/wipe/" + VOLUME;

  @TempDir Path work;
  @TempDir Path locks;

  private void files(String hostLines) throws Exception {
    Files.writeString(
        work.resolve("gluster-shares.yaml"),
        """
        apiVersion: gluster-shares/v1
        stack: t
        volumePattern: 'pool-#{size}G-\\d+$'
        mountBase: /srv/wipe
        clusters:
          lab:
            server: sim:pool.yaml
            infrastructureCns: [glusterfs-server-1, manila-host]
        shares:
          - name: old
            size: 1
            access: [ { cn: tenant-old } ]
        """);
    Files.writeString(
        work.resolve("pool.yaml"),
        """
        host: gluster-lab-1
        volumes:
          - name: pool-1G-1
            options: { auth.ssl-allow: "glusterfs-server-1,manila-host" }
            files: [ secret.txt, data/, data/part-1, .trashcan/, .trashcan/old.txt, .trashcan/internal_op/ ]
        """
            + hostLines);
  }

  @BeforeEach
  void safeBase() throws Exception {
    files(
        """
        hostPaths:
          /srv/wipe: { mode: "0700" }
        """);
  }

  private CliRunner cli() {
    return new CliRunner(work).env(ApplyCommand.LOCK_DIR_VARIABLE, locks.toString());
  }

  private SimState state() throws Exception {
    return JSON.readValue(work.resolve(".gluster-shares/lab.json").toFile(), SimState.class);
  }

  private void save(SimState state) throws Exception {
    JSON.writeValue(work.resolve(".gluster-shares/lab.json").toFile(), state);
  }

  private SimState.SimVolume volume() throws Exception {
    return state().volumes.stream().filter(v -> v.name.equals(VOLUME)).findFirst().orElseThrow();
  }

  /** Binds the share, then asks for its deletion. */
  private Main.Captured createThenDelete(CliRunner cli) throws Exception {
    Main.Captured created = cli().run("apply", "--auto-approve");
    assertThat(created.exitCode()).as(created.out() + created.err()).isZero();
    Path desired = work.resolve("gluster-shares.yaml");
    Files.writeString(
        desired,
        Files.readString(desired)
            .replace("    size: 1\n    access: [ { cn: tenant-old } ]\n", "    state: absent\n"));
    return cli.run("apply", "--auto-approve", "--allow-destroy");
  }

  private void assertStillBound(Main.Captured deleted) throws Exception {
    assertThat(deleted.exitCode()).as(deleted.out() + deleted.err()).isEqualTo(1);
    assertThat(deleted.out()).contains("delete_share old: FAILED");
    SimState.SimVolume v = volume();
    assertThat(v.options)
        .as("still bound: not released to the pool")
        .containsEntry("user.gluster-shares.name", "old");
    assertThat(v.options.get("auth.ssl-allow")).doesNotContain("tenant-old");
  }

  private void assertTheNextApplyFinishes() throws Exception {
    Main.Captured again = cli().run("apply", "--auto-approve", "--allow-destroy");
    assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
    SimState.SimVolume v = volume();
    assertThat(v.options).containsEntry("user.gluster-shares.name", "NONE");
    assertThat(v.files).containsExactly(".trashcan/", ".trashcan/internal_op/");
    assertThat(state().mounts).isEmpty();
    assertThat(state().directories).doesNotContain(MNT);
    assertThat(cli().run("plan", "--detailed-exitcode").exitCode()).isZero();
  }

  @Test
  void aMountPointThatIsASymbolicLinkIsRefusedAndTheTenantsFilesNeverReachTheNextTenant()
      throws Exception {
    files(
        """
        hostPaths:
          /srv/wipe: { mode: "0700" }
          /srv/wipe/pool-1G-1: { symlink: /srv/elsewhere }
          /srv/elsewhere: { mode: "0700" }
        """);

    Main.Captured deleted = createThenDelete(cli());

    assertStillBound(deleted);
    assertThat(deleted.out()).contains(MNT + " is a symbolic link");
    assertThat(volume().files).contains("secret.txt");
    assertThat(state().mounts).isEmpty();

    // The operator removes the link: the next apply wipes and releases.
    SimState fixed = state();
    fixed.hostPaths.remove(MNT);
    save(fixed);
    assertTheNextApplyFinishes();
  }

  @Test
  void aLinkToAnUnrelatedMountIsNeverUnmounted() throws Exception {
    files(
        """
        hostPaths:
          /srv/wipe: { mode: "0700" }
          /srv/wipe/pool-1G-1: { symlink: /srv/data }
          /srv/data: {}
        otherMounts:
          /srv/data: "ext4 /dev/sdb1"
        """);

    Main.Captured deleted = createThenDelete(cli());

    assertStillBound(deleted);
    assertThat(state().otherMounts).containsEntry("/srv/data", "ext4 /dev/sdb1");
  }

  @Test
  void anotherFilesystemMountedAtTheMountPointIsNeverUnmounted() throws Exception {
    files(
        """
        hostPaths:
          /srv/wipe: { mode: "0700" }
          /srv/wipe/pool-1G-1: { mode: "0700" }
        otherMounts:
          /srv/wipe/pool-1G-1: "tmpfs tmpfs"
        """);

    Main.Captured deleted = createThenDelete(cli());

    assertStillBound(deleted);
    assertThat(deleted.out()).contains("tmpfs");
    assertThat(state().otherMounts).containsKey(MNT);
  }

  @Test
  void aBaseOthersCanEnterIsRefused() throws Exception {
    files(
        """
        hostPaths:
          /srv/wipe: { mode: "0755" }
        """);

    Main.Captured deleted = createThenDelete(cli());

    assertStillBound(deleted);
    assertThat(deleted.out()).contains("chmod 700 /srv/wipe");
  }

  @Test
  void aMountThatSilentlyDidNotHappenIsAFailureAndTheNextApplyFinishes() throws Exception {
    Main.Captured deleted = createThenDelete(cli().env(SimFaults.VARIABLE, "lab:mount-silent=1"));

    assertStillBound(deleted);
    assertThat(deleted.out()).contains("is not a fuse.glusterfs mount of " + VOLUME);
    assertThat(volume().files).contains("secret.txt");
    assertTheNextApplyFinishes();
  }

  @Test
  void aFailedUnmountAfterTheWipeKeepsTheVolumeBoundAndTheNextApplyFinishes() throws Exception {
    // One pass: unmount after the pass (1st), mount, check, the final unmount (2nd) fails.
    Main.Captured deleted = createThenDelete(cli().env(SimFaults.VARIABLE, "lab:umount-busy=2"));

    assertStillBound(deleted);
    assertThat(deleted.out()).contains("target is busy");
    assertThat(state().mounts).as("still mounted, so not released").containsKey(MNT);
    assertTheNextApplyFinishes();
  }

  @Test
  void aFailedUnmountBetweenPassesKeepsTheVolumeBound() throws Exception {
    Main.Captured deleted = createThenDelete(cli().env(SimFaults.VARIABLE, "lab:umount-busy=1"));

    assertStillBound(deleted);
    assertTheNextApplyFinishes();
  }

  @Test
  void aMountPointThatCannotBeRemovedKeepsTheVolumeBoundAndTheNextApplyFinishes() throws Exception {
    Main.Captured deleted = createThenDelete(cli().env(SimFaults.VARIABLE, "lab:rmdir-busy=1"));

    assertStillBound(deleted);
    assertThat(deleted.out()).contains("Device or resource busy");
    assertTheNextApplyFinishes();
  }

  @Test
  void aTrashcanThatIsAFileIsWipedLikeAnythingElse() throws Exception {
    Files.writeString(
        work.resolve("pool.yaml"),
        Files.readString(work.resolve("pool.yaml"))
            .replace(
                "files: [ secret.txt, data/, data/part-1, .trashcan/, .trashcan/old.txt,"
                    + " .trashcan/internal_op/ ]",
                "files: [ secret.txt, .trashcan ]"));

    Main.Captured deleted = createThenDelete(cli());

    assertThat(deleted.exitCode()).as(deleted.out() + deleted.err()).isZero();
    assertThat(volume().files).isEmpty();
    assertThat(volume().options).containsEntry("user.gluster-shares.name", "NONE");
  }
}

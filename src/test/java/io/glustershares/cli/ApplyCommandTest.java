package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.TestFiles;
import io.glustershares.apply.ClusterLocks;
import io.glustershares.sim.SimFaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplyCommandTest {

  @TempDir Path work;
  @TempDir Path locks;
  private CliRunner cli;

  @BeforeEach
  void quickstart() throws Exception {
    TestFiles.copyTree(Path.of("examples/quickstart"), work);
    cli = new CliRunner(work).env(ApplyCommand.LOCK_DIR_VARIABLE, locks.toString());
  }

  /** Every call the simulator answered that could change something. */
  private List<String> changingCalls() throws Exception {
    Path calls = work.resolve(".gluster-shares/demo.calls");
    if (!Files.exists(calls)) {
      return List.of();
    }
    return Files.readAllLines(calls).stream()
        .filter(
            l ->
                !l.equals("gluster --version")
                    && !l.endsWith(" info")
                    && !l.equals("gluster --xml pool list")
                    && !l.equals("gluster --xml volume status all"))
        .toList();
  }

  @Test
  void withoutATerminalOrAutoApproveNothingIsApplied() throws Exception {
    Main.Captured result = cli.run("apply");

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.err()).contains("refusing to apply without confirmation", "--auto-approve");
    assertThat(changingCalls()).isEmpty();
  }

  @Test
  void onATerminalOnlyYesApplies() throws Exception {
    Main.Captured no =
        new CliRunner(work)
            .env(ApplyCommand.LOCK_DIR_VARIABLE, locks.toString())
            .interactive("no\n")
            .run("apply");
    assertThat(no.exitCode()).isEqualTo(4);
    assertThat(no.out()).contains("Apply these 4 actions? [yes/no] ");
    assertThat(changingCalls()).isEmpty();

    Main.Captured yes =
        new CliRunner(work)
            .env(ApplyCommand.LOCK_DIR_VARIABLE, locks.toString())
            .interactive("yes\n")
            .run("apply");
    assertThat(yes.exitCode()).as(yes.out() + yes.err()).isZero();
    assertThat(yes.out())
        .contains(
            "[demo] + create_share analytics: started (bind manila-share-volume-3G-1 (3 GB) from the pool)")
        .containsPattern("\\[demo\\] \\+ create_share analytics: done in \\d+\\.\\d s")
        .contains("Apply complete in")
        .contains("4 done, 0 failed, 0 skipped")
        .contains("Export locations (mount -t glusterfs):")
        .contains("  analytics          gluster-demo-1:/manila-share-volume-3G-1");
  }

  @Test
  void destructionNeedsAllowDestroyAndIsRefusedBeforeAnyChange() throws Exception {
    cli.run("apply", "--auto-approve");
    Files.writeString(
        work.resolve("gluster-shares.yaml"),
        Files.readString(work.resolve("gluster-shares.yaml"))
            .replace("    size: 1\n    access:\n      - cn: ci-runner\n", "    state: absent\n")
            .replace(
                "cn: tenant-a-client\n      - certificate",
                "cn: tenant-c-client\n      - certificate"));
    Files.delete(work.resolve(".gluster-shares/demo.calls"));

    Main.Captured refused = cli.run("apply", "--auto-approve");

    assertThat(refused.exitCode()).isEqualTo(4);
    assertThat(refused.err())
        .contains(
            "1 action loses data (delete_share:scratch); nothing was changed. Pass --allow-destroy");
    assertThat(changingCalls()).isEmpty();

    Main.Captured allowed = cli.run("apply", "--auto-approve", "--allow-destroy");
    assertThat(allowed.exitCode()).as(allowed.out()).isZero();
    assertThat(changingCalls())
        .contains(
            "find /var/lib/gluster-shares/mnt/manila-share-volume-1G-1 -xdev -mindepth 1 '!' '('"
                + " -path /var/lib/gluster-shares/mnt/manila-share-volume-1G-1/.trashcan -type d"
                + " ')' '!' '(' -path"
                + " /var/lib/gluster-shares/mnt/manila-share-volume-1G-1/.trashcan/internal_op"
                + " -type d ')' -delete",
            "cat /proc/self/mountinfo",
            "umount /var/lib/gluster-shares/mnt/manila-share-volume-1G-1",
            "rmdir /var/lib/gluster-shares/mnt/manila-share-volume-1G-1",
            "gluster --xml volume set manila-share-volume-1G-1 user.manila-share NONE user.gluster-shares.owner NONE user.gluster-shares.name NONE nfs.disable on");
  }

  @Test
  void aDryRunPrintsTheArgvAndRunsNothing() throws Exception {
    Main.Captured result = cli.run("apply", "--dry-run");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("Dry run: apply would run, in this order (nothing was run):")
        .contains("# create_share:analytics on cluster demo")
        .contains("gluster --xml --mode=script volume stop manila-share-volume-3G-1")
        .contains(
            "gluster --xml snapshot clone manila-3889abb0-0979-5272-a371-a58328b4d4ab manila-8e78d870-b1a8-5c4a-bfb5-54a9dd764812");
    assertThat(changingCalls()).isEmpty();
  }

  @Test
  void aSavedPlanIsAppliedAsSavedAndRefusedOnceStale() throws Exception {
    assertThat(cli.run("plan", "--out", "first.json").exitCode()).isZero();
    assertThat(cli.run("plan", "--out", "second.json").exitCode()).isZero();

    Main.Captured applied = cli.run("apply", "first.json", "--auto-approve");
    assertThat(applied.exitCode()).as(applied.out() + applied.err()).isZero();
    assertThat(applied.out())
        .containsPattern(
            "Applying the plan saved in first.json, made at 2026-11-25T12:00:00Z by gluster-shares"
                + " \\S+ from gluster-shares.yaml \\(sha256 [0-9a-f]{12}\\)");

    Main.Captured stale = cli.run("apply", "second.json", "--auto-approve");
    assertThat(stale.exitCode()).isEqualTo(4);
    assertThat(stale.err())
        .contains("refusing second.json: the clusters changed since the plan was made")
        .contains("cluster 'demo': volume manila-share-volume-3G-1 changed")
        .contains("appeared");
  }

  @Test
  void aSavedPlanIsRefusedWhenTheFileChanged() throws Exception {
    cli.run("plan", "--out", "p.json");
    Files.writeString(
        work.resolve("gluster-shares.yaml"),
        Files.readString(work.resolve("gluster-shares.yaml")) + "\n# edited\n");

    Main.Captured result = cli.run("apply", "p.json", "--auto-approve");

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.err()).contains("gluster-shares.yaml changed since the plan was made");
    assertThat(changingCalls()).isEmpty();
  }

  @Test
  void eitherAFileOrAPlan() throws Exception {
    cli.run("plan", "--out", "p.json");

    assertThat(cli.run("apply", "-f", "gluster-shares.yaml", "p.json").exitCode()).isEqualTo(3);
    assertThat(cli.run("apply", "gluster-shares.yaml").exitCode()).isEqualTo(3);
  }

  @Test
  void aFailureStopsOnlyWhatDependsOnIt() throws Exception {
    // Calls: 5 reads, then create_share analytics (pool list, check it is free, stop, set, start),
    // then create_share scratch.
    Main.Captured result =
        cli.env(SimFaults.VARIABLE, "demo:fail=9").run("apply", "--auto-approve");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out())
        .contains("[demo] + create_share analytics: FAILED after")
        .contains("volume set failed: simulated failure of call 9")
        .contains("volume 'manila-share-volume-3G-1' was started again, as it was found")
        .contains("[demo] + create_share scratch: done in")
        .contains(
            "create_snapshot analytics/before-migration: skipped (waits on create_share:analytics, which failed)")
        .contains(
            "create_share_from_snapshot analytics-restore: skipped (waits on create_snapshot:analytics/before-migration, which was skipped)")
        .contains("1 done, 1 failed, 2 skipped")
        .contains("Run apply again once the cause is fixed");

    Main.Captured again =
        new CliRunner(work)
            .env(ApplyCommand.LOCK_DIR_VARIABLE, locks.toString())
            .run("apply", "--auto-approve");
    assertThat(again.exitCode()).as(again.out()).isZero();
    assertThat(new CliRunner(work).run("plan", "--detailed-exitcode").exitCode()).isZero();
  }

  @Test
  void aHeldLockMakesASecondApplyWaitThenRefuse() throws Exception {
    String key = "sim-" + work.resolve(".gluster-shares/demo.json").toAbsolutePath().normalize();
    try (ClusterLocks held =
        ClusterLocks.acquire(
            locks,
            Map.of("demo", key),
            Duration.ofSeconds(1),
            Clock.systemUTC(),
            pid -> true,
            "other-host")) {
      assertThat(held.notes()).isEmpty();
      Main.Captured result = cli.run("apply", "--auto-approve", "--lock-timeout", "1");

      assertThat(result.exitCode()).isEqualTo(4);
      assertThat(result.err())
          .contains(
              "cluster 'demo' is being applied by another gluster-shares (PID "
                  + ProcessHandle.current().pid()
                  + " on other-host since")
          .contains("waited 1 s (--lock-timeout)");
    }
    assertThat(cli.run("apply", "--auto-approve").exitCode()).isZero();
  }

  @Test
  void aLockDirectoryOthersCanWriteIsRefusedBeforeAnyChange() throws Exception {
    Files.setPosixFilePermissions(
        locks, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));

    Main.Captured result = cli.run("apply", "--auto-approve");

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.err())
        .contains("lock directory " + locks)
        .contains("mode 0777")
        .contains("chmod 700 " + locks);
    assertThat(changingCalls()).isEmpty();
    assertThat(locks).isEmptyDirectory();
  }

  @Test
  void withoutALockDirectoryTheUsersRuntimeDirectoryIsUsed() throws Exception {
    Path runtime = locks.resolve("run-user");
    Files.createDirectory(runtime);

    Main.Captured result =
        new CliRunner(work)
            .env(ApplyCommand.LOCK_DIR_VARIABLE, "")
            .env(ApplyCommand.RUNTIME_DIR_VARIABLE, runtime.toString())
            .run("apply", "--auto-approve");

    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    Path dir = runtime.resolve("gluster-shares");
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .singleElement()
          .asString()
          .endsWith("_.gluster-shares_demo.json.lock");
    }
  }

  @Test
  void theLockOfADeadApplyIsTakenOver() throws Exception {
    String key = "sim-" + work.resolve(".gluster-shares/demo.json").toAbsolutePath().normalize();
    Path file = locks.resolve(key.replaceAll("[^A-Za-z0-9._@-]", "_") + ".lock");
    Files.writeString(file, "pid=999999999\nhost=ci-runner-7\nsince=2026-11-25T10:00:00Z\n");

    Main.Captured result = cli.run("apply", "--auto-approve");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err())
        .contains(
            "took over the lock left by PID 999999999 on ci-runner-7 since 2026-11-25T10:00:00Z, which is no longer running");
  }
}

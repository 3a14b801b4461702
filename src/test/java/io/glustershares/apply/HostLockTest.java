package io.glustershares.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock held on a server ({@link ServerLock}), through {@link HostLock}: the real script, {@code
 * flock} and {@code sh} of this machine, in a temporary directory standing for the server's {@code
 * /run/gluster-shares}.
 */
class HostLockTest {

  @TempDir Path tmp;

  private LockServers servers() {
    return new LockServers(tmp);
  }

  @Test
  void heldUntilClosedWhileASecondApplyWaitsThenIsRefusedNamingTheHolder() throws Exception {
    LockServers servers = servers();
    HostLock first = new HostLock("east", servers.server("east-1", ""), "PID 1 on manila since T1");
    HostLock second =
        new HostLock("east", servers.server("east-1", ""), "PID 2 on runner-2 since T2");
    List<String> told = new ArrayList<>();

    try (ClusterLock.Held held = first.acquire(Duration.ofSeconds(5))) {
      assertThat(held.lost()).isEmpty();
      assertThat(held.lost()).isEmpty();
      long t0 = System.nanoTime();
      ClusterLocks.HeldException e =
          catchThrowableOfType(
              ClusterLocks.HeldException.class,
              () -> second.acquire(Duration.ofSeconds(1), told::add));
      long waited = (System.nanoTime() - t0) / 1_000_000;

      assertThat(e.getMessage())
          .isEqualTo(
              "cluster 'east' is being applied by another gluster-shares (PID 1 on manila since"
                  + " T1); waited 1 s (--lock-timeout); its lock is /run/gluster-shares/apply.lock"
                  + " on this host (east-1)");
      assertThat(told)
          .containsExactly(
              "cluster 'east' is being applied by another gluster-shares (PID 1 on manila since"
                  + " T1), which holds its lock on this host (east-1); waiting up to 1 s"
                  + " (--lock-timeout)");
      assertThat(waited).isBetween(900L, 10_000L);
    }
    // Let go: the next one takes it without waiting.
    try (ClusterLock.Held again = second.acquire(Duration.ZERO)) {
      assertThat(again.lost()).isEmpty();
      assertThat(Files.readString(servers.directory("east-1").resolve("apply.lock")))
          .isEqualTo("PID 2 on runner-2 since T2\n");
    }
    assertThat(Files.readString(servers.directory("east-1").resolve("apply.lock")))
        .as("a clean end leaves no holder behind")
        .isEmpty();
  }

  @Test
  void aMissingDirectoryIsMadeOwnerOnly() throws Exception {
    LockServers servers = servers();
    try (ClusterLock.Held held =
        new HostLock("east", servers.server("east-1", ""), "me").acquire(Duration.ZERO)) {
      assertThat(held.lost()).isEmpty();
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(servers.directory("east-1"))))
          .isEqualTo("rwx------");
    }
  }

  @Test
  void theHolderIsDataNeverShell() throws Exception {
    LockServers servers = servers();
    Path pwned = tmp.resolve("pwned");
    String holder = "x'; touch " + pwned + "; '$(touch " + pwned + ")`touch " + pwned + "`";

    try (ClusterLock.Held held =
        new HostLock("east", servers.server("east-1", ""), holder).acquire(Duration.ZERO)) {
      assertThat(held.lost()).isEmpty();
      assertThat(Files.readString(servers.directory("east-1").resolve("apply.lock")))
          .isEqualTo(holder + "\n");
    }
    assertThat(pwned).doesNotExist();
  }

  @Test
  void aDirectoryOthersMayWriteIsRefusedBeforeAnythingIsWritten() throws Exception {
    LockServers servers = servers();
    Path dir = Files.createDirectories(servers.directory("east-1"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));

    ClusterLocks.UnsafeException e =
        catchThrowableOfType(
            ClusterLocks.UnsafeException.class,
            () -> new HostLock("east", servers.server("east-1", ""), "me").acquire(Duration.ZERO));

    assertThat(e.getMessage())
        .startsWith("cluster 'east': refusing the apply lock on this host (east-1): ")
        .contains(dir + " is writable by others (drwxrwxrwx): chmod go-w " + dir);
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void aLinkWhereTheDirectoryOrTheFileIsIsRefused() throws Exception {
    LockServers servers = servers();
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Path dir = servers.directory("east-1");
    Files.createDirectories(dir.getParent());
    Files.createSymbolicLink(dir, elsewhere);

    assertThat(
            catchThrowableOfType(
                    ClusterLocks.UnsafeException.class,
                    () ->
                        new HostLock("east", servers.server("east-1", ""), "me")
                            .acquire(Duration.ZERO))
                .getMessage())
        .contains(dir + " is not a directory");

    Files.delete(dir);
    Files.createDirectory(
        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path target = tmp.resolve("target");
    Files.createSymbolicLink(dir.resolve("apply.lock"), target);
    assertThat(
            catchThrowableOfType(
                    ClusterLocks.UnsafeException.class,
                    () ->
                        new HostLock("east", servers.server("east-1", ""), "me")
                            .acquire(Duration.ZERO))
                .getMessage())
        .contains(dir.resolve("apply.lock") + " is not a regular file: remove it");
    assertThat(target).doesNotExist();
  }

  @Test
  void lostOnceTheCommandHoldingItEnds() throws Exception {
    LockServers servers = servers();
    try (ClusterLock.Held held =
        new HostLock("east", servers.server("east-1", ""), "me").acquire(Duration.ZERO)) {
      assertThat(held.lost()).isEmpty();
      servers.held.get("east-1").get(0).close();

      assertThat(held.lost())
          .get()
          .asString()
          .startsWith(
              "the apply lock of cluster 'east' on this host (east-1) ended: it ended with exit 0");
      // And it is free for the next apply at once.
      new HostLock("east", servers.server("east-1", ""), "next").acquire(Duration.ZERO).close();
    }
  }
}

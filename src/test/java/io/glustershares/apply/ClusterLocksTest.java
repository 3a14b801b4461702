package io.glustershares.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Locks cannot be turned into writes: the lock directory must be the running user's own, 0700, and
 * a lock file is never opened through a link. Everything happens in a temporary directory.
 */
class ClusterLocksTest {

  private static final String KEY = "ssh-root@gluster-east-1";
  private static final String FILE = "ssh-root@gluster-east-1.lock";

  @TempDir Path tmp;

  private ClusterLocks acquire(Path dir) throws Exception {
    return ClusterLocks.acquire(
        dir, Map.of("east", KEY), Duration.ofMillis(200), Clock.systemUTC(), pid -> true, "here");
  }

  private static Path mkdir(Path dir, String mode) throws Exception {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
    return dir;
  }

  private static boolean root() {
    return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
  }

  @Test
  void aLockFileThatIsASymbolicLinkIsRefusedAndItsTargetIsNotWritten() throws Exception {
    Path dir = mkdir(tmp.resolve("locks"), "rwx------");
    Path victim = tmp.resolve("shadow");
    Files.writeString(victim, "root:secret\n");
    Files.createSymbolicLink(dir.resolve(FILE), victim);

    assertThatThrownBy(() -> acquire(dir).close())
        .isInstanceOf(ClusterLocks.UnsafeException.class)
        .hasMessageContaining("lock file " + dir.resolve(FILE) + " is a symbolic link");

    assertThat(victim).hasContent("root:secret\n");
  }

  @Test
  void aLockFileThatIsNotARegularFileIsRefused() throws Exception {
    Path dir = mkdir(tmp.resolve("locks"), "rwx------");
    Files.createDirectory(dir.resolve(FILE));

    assertThatThrownBy(() -> acquire(dir).close())
        .isInstanceOf(ClusterLocks.UnsafeException.class)
        .hasMessageContaining("not a regular file");
  }

  @Test
  void aLockDirectoryOthersCanWriteIsRefusedWithTheFix() throws Exception {
    Path dir = mkdir(tmp.resolve("locks"), "rwxrwxrwx");

    assertThatThrownBy(() -> acquire(dir).close())
        .hasMessageContaining("mode 0777")
        .hasMessageContaining("chmod 700 " + dir);
    assertThat(dir.resolve(FILE)).doesNotExist();
  }

  @Test
  void aLockDirectoryOthersCanReadIsRefused() throws Exception {
    Path dir = mkdir(tmp.resolve("locks"), "rwxr-xr-x");

    assertThatThrownBy(() -> acquire(dir).close()).hasMessageContaining("mode 0755");
  }

  @Test
  void aLockDirectoryOfAnotherUserIsRefused() throws Exception {
    assumeThat(root()).as("chown needs root").isTrue();
    Path dir = mkdir(tmp.resolve("locks"), "rwx------");
    Files.setAttribute(dir, "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);

    assertThatThrownBy(() -> acquire(dir).close()).hasMessageContaining("owned by uid 65534");
    assertThat(dir.resolve(FILE)).doesNotExist();
  }

  @Test
  void aLockDirectoryThatIsASymbolicLinkIsRefused() throws Exception {
    Path real = mkdir(tmp.resolve("real"), "rwx------");
    Path dir = Files.createSymbolicLink(tmp.resolve("locks"), real);

    assertThatThrownBy(() -> acquire(dir).close()).hasMessageContaining("symbolic link");
    assertThat(real.resolve(FILE)).doesNotExist();
  }

  @Test
  void aMissingLockDirectoryIsMadeOwnerOnly() throws Exception {
    Path dir = tmp.resolve("run/gluster-shares");

    acquire(dir).close();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
  }

  @Test
  void theLockDirectoryIsTheOverrideElseTheUsersRuntimeDirectoryElseRun() {
    assertThat(LockDirectory.location(Optional.of("/srv/locks"), Optional.of("/run/user/1000")))
        .isEqualTo(Path.of("/srv/locks"));
    assertThat(LockDirectory.location(Optional.empty(), Optional.of("/run/user/1000")))
        .isEqualTo(Path.of("/run/user/1000/gluster-shares"));
    assertThat(LockDirectory.location(Optional.of(""), Optional.of("relative")))
        .isEqualTo(Path.of("/run/gluster-shares"));
    assertThat(LockDirectory.location(Optional.empty(), Optional.empty()))
        .isEqualTo(Path.of("/run/gluster-shares"));
  }

  @Test
  void aLockFileOfAnotherUserIsRefused() throws Exception {
    assumeThat(root()).as("chown needs root").isTrue();
    Path dir = mkdir(tmp.resolve("locks"), "rwx------");
    Files.writeString(dir.resolve(FILE), "");
    Files.setAttribute(dir.resolve(FILE), "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);

    assertThatThrownBy(() -> acquire(dir).close()).hasMessageContaining("owned by uid 65534");
  }

  @Test
  void aNewLockFileIsOwnerOnly() throws Exception {
    Path dir = mkdir(tmp.resolve("locks"), "rwx------");

    acquire(dir).close();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(FILE))))
        .isEqualTo("rw-------");
  }

  @Test
  void aSafeDirectoryStillLocks() throws Exception {
    Path dir = mkdir(tmp.resolve("locks"), "rwx------");

    try (ClusterLocks held = acquire(dir)) {
      assertThat(held.notes()).isEmpty();
      assertThatThrownBy(() -> acquire(dir))
          .isInstanceOf(ClusterLocks.HeldException.class)
          .hasMessageContaining("cluster 'east' is being applied by another gluster-shares");
    }
    acquire(dir).close();
  }
}

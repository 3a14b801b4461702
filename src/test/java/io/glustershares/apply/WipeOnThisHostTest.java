package io.glustershares.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.glustershares.gluster.GlusterClient;
import io.glustershares.gluster.GlusterException;
import io.glustershares.gluster.LocalRunner;
import io.glustershares.gluster.ProcessResult;
import io.glustershares.gluster.Runner;
import io.glustershares.gluster.RunnerException;
import io.glustershares.plan.Step;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wipe's checks, run for real on this host: {@code id}, {@code stat}, {@code mkdir}, {@code cat
 * /proc/self/mountinfo} and {@code find} go through the real {@link LocalRunner} against real
 * directories in a temporary directory. Only {@code mount} and {@code umount} are stood in for
 * (they exit 0 and do nothing: a mount that silently did not happen), so nothing is ever mounted
 * and no glusterd is needed. Every path a command names must lie in the temporary directory.
 */
class WipeOnThisHostTest {

  private static final String VOLUME = "pool-1G-1";

  @TempDir Path tmp;
  private Path base;
  private Path mountPoint;
  private HostRunner runner;

  /** The real commands, but mount and umount do nothing; no path outside the test's directory. */
  private final class HostRunner implements Runner {
    final LocalRunner real = new LocalRunner("localhost");
    final List<List<String>> ran = new ArrayList<>();

    @Override
    public ProcessResult run(List<String> argv, Duration timeout) throws RunnerException {
      ran.add(argv);
      for (String word : argv.subList(1, argv.size())) {
        if (word.startsWith("/")
            && !word.startsWith(tmp.toString())
            && !tmp.startsWith(word)
            && !word.equals("/proc/self/mountinfo")) {
          throw new AssertionError("a wipe command names a path outside the test: " + argv);
        }
      }
      if (argv.get(0).equals("mount") || argv.get(0).equals("umount")) {
        return new ProcessResult(0, "", "", Duration.ZERO);
      }
      return real.run(argv, timeout);
    }

    @Override
    public String describe() {
      return "this host";
    }

    @Override
    public String host() {
      return "localhost";
    }

    @Override
    public String lockKey() {
      return "test";
    }

    @Override
    public void close() {}
  }

  @BeforeEach
  void paths() {
    base = tmp.resolve("mnt");
    mountPoint = base.resolve(VOLUME);
    runner = new HostRunner();
  }

  private void wipe(Path at) throws GlusterException {
    GlusterClient gluster = new GlusterClient("lab", runner, Duration.ofSeconds(30), d -> {});
    Wipe.run(gluster, new Step.Wipe("localhost", VOLUME, at.toString()), Duration.ofSeconds(30));
  }

  private static void mkdir(Path dir, String mode) throws Exception {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
  }

  private static boolean root() {
    return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
  }

  @Test
  void aMountPointThatIsASymbolicLinkIsRefusedAndWhatItPointsAtSurvives() throws Exception {
    mkdir(base, "rwx------");
    Path elsewhere = tmp.resolve("previous-tenant-copy");
    Files.createDirectories(elsewhere);
    Files.writeString(elsewhere.resolve("secret.txt"), "tenant data");
    Files.createSymbolicLink(mountPoint, elsewhere);

    assertThatThrownBy(() -> wipe(mountPoint))
        .isInstanceOf(GlusterException.class)
        .hasMessageContaining("symbolic link");

    assertThat(elsewhere.resolve("secret.txt")).hasContent("tenant data");
    assertThat(Files.isSymbolicLink(mountPoint)).isTrue();
    assertThat(runner.ran).noneMatch(argv -> argv.get(0).equals("mount"));
  }

  @Test
  void aSymbolicLinkAnywhereOnTheWayToTheBaseIsRefused() throws Exception {
    Path real = tmp.resolve("real");
    mkdir(real.resolve("mnt"), "rwx------");
    Files.createSymbolicLink(tmp.resolve("link"), real);

    assertThatThrownBy(() -> wipe(tmp.resolve("link/mnt").resolve(VOLUME)))
        .isInstanceOf(GlusterException.class)
        .hasMessageContaining(tmp.resolve("link") + " is a symbolic link");

    assertThat(real.resolve("mnt").resolve(VOLUME)).doesNotExist();
    assertThat(runner.ran).noneMatch(argv -> argv.get(0).equals("mount"));
  }

  @Test
  void aBaseOthersCanReadIsRefusedWithTheFix() throws Exception {
    mkdir(base, "rwxr-xr-x");

    assertThatThrownBy(() -> wipe(mountPoint))
        .isInstanceOf(GlusterException.class)
        .hasMessageContaining("mode 0755")
        .hasMessageContaining("chmod 700 " + base);

    assertThat(runner.ran).noneMatch(argv -> argv.get(0).equals("mount"));
  }

  @Test
  void aBaseOfAnotherUserIsRefused() throws Exception {
    assumeThat(root()).as("chown needs root").isTrue();
    mkdir(base, "rwx------");
    Files.setAttribute(base, "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);

    assertThatThrownBy(() -> wipe(mountPoint))
        .isInstanceOf(GlusterException.class)
        .hasMessageContaining("owned by uid 65534");

    assertThat(runner.ran).noneMatch(argv -> argv.get(0).equals("mount"));
  }

  @Test
  void aMountPointOfAnotherUserIsRefused() throws Exception {
    assumeThat(root()).as("chown needs root").isTrue();
    mkdir(base, "rwx------");
    mkdir(mountPoint, "rwx------");
    Files.setAttribute(mountPoint, "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);

    assertThatThrownBy(() -> wipe(mountPoint))
        .isInstanceOf(GlusterException.class)
        .hasMessageContaining("owned by uid 65534");
  }

  @Test
  void aMissingBaseIsMadeWithMode0700() throws Exception {
    // The stand-in mount mounts nothing, so the wipe must stop there; the base stays, made right.
    assertThatThrownBy(() -> wipe(mountPoint)).isInstanceOf(GlusterException.class);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(base)))
        .isEqualTo("rwx------");
  }

  @Test
  void aMountThatDidNotHappenIsAFailureNeverAnEmptyVolume() throws Exception {
    mkdir(base, "rwx------");

    assertThatThrownBy(() -> wipe(mountPoint))
        .isInstanceOf(GlusterException.class)
        .hasMessageContaining("is not a fuse.glusterfs mount of " + VOLUME);

    assertThat(runner.ran).noneMatch(argv -> argv.get(0).equals("find"));
  }
}

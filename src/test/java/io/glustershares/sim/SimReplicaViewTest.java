package io.glustershares.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.gluster.GlusterClient;
import io.glustershares.gluster.GlusterException;
import io.glustershares.gluster.ProcessResult;
import io.glustershares.model.GlusterArgv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator answers the commands of a wipe's mount reading from one replica brick: the FUSE
 * client started directly, and {@code stat %i} of the mount point, 1 only at the root of a gluster
 * mount.
 */
class SimReplicaViewTest {

  @TempDir Path work;

  private ProcessResult run(GlusterClient gluster, List<String> argv) throws GlusterException {
    return gluster.host(argv, Optional.empty(), Duration.ofSeconds(5));
  }

  @Test
  void aMountReadingFromOneReplicaBrickIsAGlusterMountOfTheVolume() throws Exception {
    Path pool = work.resolve("pool.yaml");
    Files.writeString(
        pool,
        """
        host: gluster-test-1
        volumes:
          - name: pool-1G-1
            options: { auth.ssl-allow: "glusterfs-server-1,manila-host" }
            files: [ a.txt ]
        """);
    SimRunner runner =
        new SimRunner(
            "demo",
            pool,
            work.resolve(".gluster-shares"),
            SimFaults.NONE,
            () -> ZonedDateTime.of(2026, 12, 1, 12, 0, 0, 0, ZoneOffset.UTC),
            OptionalInt.empty());
    GlusterClient gluster = new GlusterClient("demo", runner, Duration.ofSeconds(5), d -> {});
    String mnt = "/var/lib/gluster-shares/mnt/pool-1G-1";
    assertThat(run(gluster, GlusterArgv.Wipe.makeBase(mnt)).exitCode()).isZero();
    assertThat(run(gluster, GlusterArgv.Wipe.makeMountPoint(mnt)).exitCode()).isZero();
    assertThat(run(gluster, GlusterArgv.Wipe.rootInode(mnt)).stdout().strip()).isNotEqualTo("1");

    List<String> view = GlusterArgv.Wipe.mountReadingFrom("gluster-test-1", "pool-1G-1", mnt, 2);
    assertThat(run(gluster, view).exitCode()).isZero();

    assertThat(run(gluster, GlusterArgv.Wipe.rootInode(mnt)).stdout()).isEqualTo("1\n");
    assertThat(run(gluster, GlusterArgv.Wipe.mountTable()).stdout())
        .contains(" / " + mnt + " rw,relatime - fuse.glusterfs gluster-test-1:/pool-1G-1 ");
    assertThat(run(gluster, GlusterArgv.Wipe.remaining(mnt)).stdout()).isEqualTo(mnt + "/a.txt\n");
    assertThat(run(gluster, view).stderr()).contains("already mounted");
    assertThat(run(gluster, GlusterArgv.Wipe.unmount(mnt)).exitCode()).isZero();
    assertThat(run(gluster, GlusterArgv.Wipe.rootInode(mnt)).stdout().strip()).isNotEqualTo("1");
  }
}

package io.glustershares.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MountTableTest {

  private static final String ROOT = "21 1 8:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw\n";

  @Test
  void aGlusterMountIsFoundByItsExactPathWithTheKernelsEscapes() throws Exception {
    MountTable table =
        MountTable.parse(
            ROOT
                + "200 21 0:60 / /srv/my\\040wipe/pool-1G-1 rw,relatime - fuse.glusterfs"
                + " gluster-lab-1:/pool-1G-1 rw,user_id=0,group_id=0,allow_other\n");

    MountTable.Mount m = table.at("/srv/my wipe/pool-1G-1").orElseThrow();
    assertThat(m.isGlusterMountOf("gluster-lab-1", "pool-1G-1")).isTrue();
    assertThat(m.isGlusterMountOf("gluster-lab-1", "pool-1G-2")).isFalse();
    assertThat(m.isGlusterMountOf("other-host", "pool-1G-1")).isFalse();
    assertThat(table.at("/srv/my\\040wipe/pool-1G-1")).isEmpty();
    assertThat(table.at("/srv/my wipe")).isEmpty();
  }

  @Test
  void optionalFieldsAndAnEmptySourceAreRead() throws Exception {
    MountTable table =
        MountTable.parse(
            ROOT
                + "30 21 0:5 / /run rw,nosuid shared:5 master:2 propagate_from:1 - tmpfs  rw\n"
                + "31 21 0:6 / /mnt/a\\011tab\\134back rw - fuse.glusterfs h:vol rw\n");

    assertThat(table.at("/run").orElseThrow().source()).isEmpty();
    assertThat(table.at("/mnt/a\ttab\\back").orElseThrow().isGlusterMountOf("h", "vol")).isTrue();
  }

  @Test
  void ofMountsStackedOnOnePathTheOneOnTopCounts() throws Exception {
    MountTable table =
        MountTable.parse(
            ROOT
                + "200 21 0:60 / /srv/wipe/v rw - fuse.glusterfs h:/v rw\n"
                + "201 200 0:61 / /srv/wipe/v rw - tmpfs tmpfs rw\n");

    assertThat(table.at("/srv/wipe/v").orElseThrow().type()).isEqualTo("tmpfs");
  }

  @Test
  void aTableThatIsNotMountinfoIsUnreadableNotEmpty() {
    assertThatThrownBy(() -> MountTable.parse(""))
        .isInstanceOf(MountTable.UnreadableException.class);
    assertThatThrownBy(() -> MountTable.parse("/dev/vda1 / ext4 rw 0 0\n"))
        .isInstanceOf(MountTable.UnreadableException.class);
    assertThatThrownBy(() -> MountTable.parse(ROOT + "x 21 0:5 / /run rw - tmpfs tmpfs rw\n"))
        .isInstanceOf(MountTable.UnreadableException.class);
  }

  @Test
  void thisHostsOwnTableParses() throws Exception {
    MountTable table = MountTable.parse(Files.readString(Path.of("/proc/self/mountinfo")));

    assertThat(table.at("/")).isPresent();
  }
}

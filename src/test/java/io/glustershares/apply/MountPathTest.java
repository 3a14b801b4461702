package io.glustershares.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The rules of the path to a wipe's mount point, on what stat would print. */
class MountPathTest {

  private static final String MNT = "/var/lib/gs/mnt/v";
  private static final String ROOT_DIRS = "41ed 0 /\n41ed 0 /var\n41ed 0 /var/lib\n";

  private static MountPath path(long uid, String stat) throws Exception {
    return MountPath.parse(MNT, uid, stat);
  }

  @Test
  void aMissingBaseAndMountPointAreMadeNotRefused() throws Exception {
    MountPath p = path(0, ROOT_DIRS);

    assertThat(p.baseExists()).isFalse();
    assertThat(p.problemBeforeMounting()).isEmpty();
  }

  @Test
  void aGoodPathPasses() throws Exception {
    MountPath p =
        path(
            1000,
            ROOT_DIRS
                + "41ed 1000 /var/lib/gs\n41c0 1000 /var/lib/gs/mnt\n41c0 1000 "
                + MNT
                + "\n");

    assertThat(p.problemWithMountPoint()).isEmpty();
  }

  @Test
  void aDirectoryAboveTheBaseThatOthersCanWriteIsRefusedUnlessSticky() throws Exception {
    assertThat(path(0, ROOT_DIRS + "41ff 0 /var/lib/gs\n").problemBeforeMounting())
        .hasValueSatisfying(m -> assertThat(m).contains("/var/lib/gs has mode 0777"));
    assertThat(
            path(0, ROOT_DIRS + "43ff 0 /var/lib/gs\n41c0 0 /var/lib/gs/mnt\n")
                .problemBeforeMounting())
        .isEmpty();
  }

  @Test
  void aDirectoryAboveTheBaseOfAnotherUserIsRefused() throws Exception {
    assertThat(path(0, ROOT_DIRS + "41ed 1000 /var/lib/gs\n").problemBeforeMounting())
        .hasValueSatisfying(m -> assertThat(m).contains("/var/lib/gs is owned by uid 1000"));
  }

  @Test
  void aLinkOrFileAtTheMountPointIsRefusedBeforeAnythingIsMounted() throws Exception {
    String base = ROOT_DIRS + "41ed 0 /var/lib/gs\n41c0 0 /var/lib/gs/mnt\n";

    assertThat(path(0, base + "a1ff 0 " + MNT + "\n").problemBeforeMounting())
        .hasValueSatisfying(m -> assertThat(m).contains(MNT + " is a symbolic link"));
    assertThat(path(0, base + "81a4 0 " + MNT + "\n").problemBeforeMounting())
        .hasValueSatisfying(m -> assertThat(m).contains("is not a directory"));
  }

  @Test
  void aBaseThatIsALinkIsRefused() throws Exception {
    assertThat(
            path(0, ROOT_DIRS + "41ed 0 /var/lib/gs\na1ff 0 /var/lib/gs/mnt\n")
                .problemBeforeMounting())
        .hasValueSatisfying(
            m -> assertThat(m).contains("mountBase /var/lib/gs/mnt is a symbolic link"));
  }

  @Test
  void whatStatWasNotAskedAboutIsUnreadable() {
    assertThatThrownBy(() -> path(0, ROOT_DIRS + "41ed 0 /etc\n"))
        .isInstanceOf(MountPath.UnreadableException.class);
    assertThatThrownBy(() -> path(0, "")).isInstanceOf(MountPath.UnreadableException.class);
  }
}

package io.glustershares.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glustershares.gluster.GlusterClient;
import io.glustershares.gluster.GlusterException;
import io.glustershares.gluster.ProcessResult;
import io.glustershares.gluster.Runner;
import io.glustershares.model.GlusterArgv;
import io.glustershares.plan.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The wipe of a replica 3 volume against a host whose bricks disagree, as gluster's trash leaves
 * them on the estate (see ReplicaWipeIT): a mount reads each directory from one brick, so the wipe
 * deletes and checks through one mount per replica brick. The host is a script: each brick's
 * entries, a mount reading from one of them, unlinks that reach every brick.
 */
class WipeReplicaViewsTest {

  private static final String MNT = "/srv/wipe/v";

  /** A host with three bricks of volume {@code v}; a mount reads from {@code reading}. */
  private static final class Bricks implements Runner {
    final List<TreeSet<String>> bricks = new ArrayList<>();
    final List<List<String>> ran = new ArrayList<>();
    boolean mountPointMade;
    int reading = -1;

    /** An entry that one brick makes again whenever it is deleted (a brick still trashing). */
    String comesBack = "";

    int comesBackOn = -1;

    /** The root inode a new mount shows: 1 when gluster let the client in. */
    String rootInode = "1";

    Bricks(List<String> one, List<String> two, List<String> three) {
      bricks.add(new TreeSet<>(one));
      bricks.add(new TreeSet<>(two));
      bricks.add(new TreeSet<>(three));
    }

    @Override
    public ProcessResult run(List<String> argv, Duration timeout) {
      ran.add(argv);
      String cmd = argv.get(0);
      if (argv.equals(GlusterArgv.Wipe.userId())) {
        return ok("0\n");
      }
      if (argv.equals(GlusterArgv.Wipe.inspectPath(MNT))) {
        return ok(
            "41ed 0 /\n41ed 0 /srv\n41c0 0 /srv/wipe\n" + (mountPointMade ? "41c0 0 " + MNT : ""));
      }
      if (argv.equals(GlusterArgv.Wipe.makeMountPoint(MNT))) {
        mountPointMade = true;
        return ok("");
      }
      if (argv.equals(GlusterArgv.Wipe.mountTable())) {
        return ok(
            "21 1 8:1 / / rw - ext4 /dev/vda1 rw\n"
                + (reading >= 0 ? "300 21 0:50 / " + MNT + " rw - fuse.glusterfs h:/v rw\n" : ""));
      }
      if (cmd.equals("glusterfs")) {
        String index = argv.get(argv.size() - 2);
        reading = Integer.parseInt(index.substring(index.lastIndexOf('=') + 1));
        return ok("");
      }
      if (argv.equals(GlusterArgv.Wipe.rootInode(MNT))) {
        return ok(reading >= 0 ? rootInode + "\n" : "2\n");
      }
      if (argv.equals(GlusterArgv.Wipe.delete(MNT))) {
        // An unlink reaches every brick; what the read brick does not list is not unlinked.
        for (String entry : new ArrayList<>(bricks.get(reading))) {
          bricks.forEach(b -> b.remove(entry));
        }
        if (comesBackOn >= 0) {
          bricks.get(comesBackOn).add(comesBack);
        }
        return ok("");
      }
      if (argv.equals(GlusterArgv.Wipe.remaining(MNT))) {
        return ok(bricks.get(reading).isEmpty() ? "" : MNT + "/" + bricks.get(reading).first());
      }
      if (argv.equals(GlusterArgv.Wipe.unmount(MNT))) {
        reading = -1;
        return ok("");
      }
      if (argv.equals(GlusterArgv.Wipe.removeMountPoint(MNT))) {
        mountPointMade = false;
        return ok("");
      }
      return new ProcessResult(1, "", "unexpected: " + argv, Duration.ZERO);
    }

    private static ProcessResult ok(String out) {
      return new ProcessResult(0, out, "", Duration.ZERO);
    }

    @Override
    public String describe() {
      return "three bricks";
    }

    @Override
    public String host() {
      return "h";
    }

    @Override
    public String lockKey() {
      return "k";
    }

    @Override
    public void close() {}

    /** The read brick of every mount the wipe made, in order. */
    List<Integer> mountsReadingFrom() {
      return ran.stream()
          .filter(a -> a.get(0).equals("glusterfs"))
          .map(a -> a.get(a.size() - 2))
          .map(o -> Integer.parseInt(o.substring(o.lastIndexOf('=') + 1)))
          .toList();
    }
  }

  private static void wipe(Bricks host) throws GlusterException {
    GlusterClient gluster = new GlusterClient("lab", host, Duration.ofSeconds(5), d -> {});
    Wipe.run(gluster, new Step.Wipe("h", "v", MNT, 3), Duration.ofSeconds(5));
  }

  @Test
  void whatOnlyOneReplicaHoldsIsDeletedThroughAMountReadingFromIt() throws Exception {
    // As the estate's bricks were before a delete: the live files everywhere, and a file the
    // tenant deleted from .trashcan moved into .trashcan/<gfid:…>/ again on the third brick only.
    String hidden = ".trashcan/<gfid:00000000-0000-0000-0000-000000000005>/old.txt_1_2";
    Bricks host =
        new Bricks(
            List.of("secret.txt"),
            List.of("secret.txt"),
            List.of("secret.txt", hidden, ".trashcan/<gfid:00000000-0000-0000-0000-000000000005>"));

    wipe(host);

    assertThat(host.bricks).allSatisfy(b -> assertThat(b).isEmpty());
    // One pass: a delete through each brick's view, then a check through a fresh mount of each.
    assertThat(host.mountsReadingFrom()).containsExactly(0, 1, 2, 0, 1, 2);
    assertThat(host.reading).as("nothing left mounted").isEqualTo(-1);
    assertThat(host.ran.get(host.ran.size() - 1)).isEqualTo(GlusterArgv.Wipe.removeMountPoint(MNT));
    // Every mount waited for gluster to let it in before anything read what it shows.
    for (int i = 0; i < host.ran.size(); i++) {
      if (host.ran.get(i).get(0).equals("glusterfs")) {
        assertThat(host.ran.get(i + 1)).isEqualTo(GlusterArgv.Wipe.rootInode(MNT));
      }
    }
  }

  @Test
  void aBrickThatKeepsWhatIsDeletedFailsTheWipeNamingIt() {
    Bricks host = new Bricks(List.of("secret.txt"), List.of("secret.txt"), List.of("secret.txt"));
    host.comesBack = ".trashcan/secret.txt_1";
    host.comesBackOn = 1;

    assertThatThrownBy(() -> wipe(host))
        .isInstanceOf(GlusterException.class)
        .hasMessageContaining(
            "the wipe left " + MNT + "/.trashcan/secret.txt_1 (seen reading from replica brick 1)")
        .hasMessageContaining("the volume stays bound to its share until a wipe succeeds");
    assertThat(host.reading).as("unmounted after the failure").isEqualTo(-1);
  }

  @Test
  void aMountThatGlusterDidNotLetInIsNeverReadAsEmpty() {
    Bricks host = new Bricks(List.of("secret.txt"), List.of(), List.of());
    host.rootInode = "2";

    assertThatThrownBy(() -> wipe(host))
        .isInstanceOf(GlusterException.class)
        .hasMessageContaining("the mount reading from replica brick 0 did not come up")
        .hasMessageContaining("inode 2, not gluster's 1");
    assertThat(host.ran).doesNotContain(GlusterArgv.Wipe.delete(MNT));
    assertThat(host.bricks.get(0)).containsExactly("secret.txt");
    assertThat(host.reading).isEqualTo(-1);
  }
}

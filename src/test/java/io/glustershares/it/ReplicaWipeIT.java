package io.glustershares.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.cli.Main;
import io.glustershares.it.estate.Cluster;
import io.glustershares.it.estate.Estate;
import io.glustershares.it.estate.EstateExtension;
import io.glustershares.it.estate.Mount;
import io.glustershares.it.estate.Node;
import io.glustershares.it.estate.Poll;
import io.glustershares.model.Identity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SPEC §6, the wipe leaves nothing of the previous tenant, proven on every brick of a replica 3
 * volume, with gluster's trash feature on and off. With trash on, the bricks move what a client
 * deletes into {@code .trashcan} behind its back, each brick on its own, and a brick that knows a
 * directory only by its gfid moves a deleted file into {@code .trashcan/<gfid:…>/} once more; a
 * client reads each directory from one brick only. So the tenant's files could stay on the replicas
 * that the wipe's mount did not read from, and go to the next tenant with the volume.
 *
 * <p>The tenant lives as tenants do: files written, one deleted (into the trash), a brick restart
 * (maintenance), and the share emptied from its root with {@code find -delete} (which leaves, with
 * trash on, entries on some bricks that others do not have), then new files. After the delete no
 * brick holds any file or name of the tenant, anywhere (gluster's own {@code .glusterfs} store
 * included), trash is as it was, and the next tenant of the volume finds it empty.
 */
@ExtendWith(EstateExtension.class)
class ReplicaWipeIT {

  /** What every file of the tenant holds: no brick may hold these bytes after the delete. */
  private static final String MARKER = "tenant-a-secret-7f3e9c";

  private Estate estate;
  private Cluster east;
  private Path work;
  private String p;
  private final List<Mount> mounts = new ArrayList<>();

  @BeforeEach
  void setUp(Estate estate) {
    this.estate = estate;
    east = estate.cluster("east");
    work = estate.workDir("replica-wipe");
    p = Estate.uniquePrefix();
  }

  @AfterEach
  void cleanUp() {
    mounts.forEach(Mount::unmount);
    if (estate != null) {
      estate.deleteVolumes(p);
    }
  }

  private void desired(String shares) {
    estate
        .desired()
        .stack("wipe")
        .pattern(p + "-#{size}G-\\d+$")
        .overSsh(east)
        .write(work.resolve("gluster-shares.yaml"), shares);
  }

  private Main.Captured apply(String... more) {
    List<String> args = new ArrayList<>(List.of("apply", "--auto-approve"));
    args.addAll(List.of(more));
    return estate
        .managing()
        .tool(
            work,
            Map.of("GLUSTER_SHARES_LOCK_DIR", work.resolve("locks").toString()),
            args.toArray(String[]::new));
  }

  private Mount mount(String cn, String volume) {
    Mount m = estate.tenant(cn).mountOrFail("east-1:/" + volume);
    mounts.add(m);
    return m;
  }

  @ParameterizedTest(name = "features.trash {0}")
  @ValueSource(strings = {"on", "off"})
  void afterTheDeleteNoBrickOfAnyReplicaHoldsAnythingOfTheTenant(String trash) throws Exception {
    String volume = p + "-1G-1";
    Map<String, String> options = new LinkedHashMap<>();
    options.put("auth.ssl-allow", east.readyAllow());
    if (trash.equals("on")) {
      options.put("features.trash", "on");
    }
    east.createVolume(volume, options);
    desired("- { name: vault, size: 1, access: [ { cn: tenant-a } ] }\n");
    Main.Captured created = apply();
    assertThat(created.exitCode()).as(created.out() + created.err()).isZero();

    live(volume);
    Map<String, List<String>> before = tenantTraces(volume);
    assertThat(before.values())
        .as("the tenant's files are on every brick before the delete")
        .allSatisfy(t -> assertThat(t).anyMatch(f -> f.endsWith("secret.txt")));
    SecurityObservations.record(
        "- replica wipe, features.trash "
            + trash
            + ": what each brick held of the tenant before the delete: "
            + before);

    desired("- { name: vault, state: absent }\n");
    Main.Captured deleted = apply("--allow-destroy");
    assertThat(deleted.exitCode()).as(deleted.out() + deleted.err()).isZero();
    assertThat(deleted.out()).contains("- delete_share vault: done");

    assertThat(tenantTraces(volume))
        .as("nothing of the tenant, by name or content, on any brick after the delete")
        .hasSize(3)
        .allSatisfy((node, traces) -> assertThat(traces).isEmpty());
    Map<String, String> released = east.volume(volume).options();
    assertThat(released)
        .containsEntry(Identity.OWNER, "NONE")
        .containsEntry(Identity.NAME, "NONE")
        .containsEntry("auth.ssl-allow", east.readyAllow());
    if (trash.equals("on")) {
      assertThat(released).containsEntry("features.trash", "on");
    } else {
      assertThat(released).doesNotContainKey("features.trash");
    }

    // The next tenant of the volume finds it empty, and (with trash on) gluster's trash working.
    desired("- { name: next, size: 1, access: [ { cn: tenant-b } ] }\n");
    Main.Captured rebound = apply();
    assertThat(rebound.exitCode()).as(rebound.out() + rebound.err()).isZero();
    assertThat(rebound.out()).contains("next  east-1:/" + volume);
    Mount next = mount("tenant-b", volume);
    assertThat(next.list()).isSubsetOf(".trashcan");
    if (trash.equals("on")) {
      next.write("draft.txt", "the next tenant's own");
      Files.delete(next.file("draft.txt"));
      assertThat(
              Poll.within(
                  Duration.ofSeconds(10),
                  () -> list(next.file(".trashcan")).stream().anyMatch(f -> f.startsWith("draft"))))
          .as("gluster's trash keeps the next tenant's deleted file: trash is on again")
          .isTrue();
    }
    next.unmount();
  }

  /**
   * A tenant's life on the share: files written, one deleted, a restart of the volume (bricks
   * forget which directory names they served), the share emptied from its root, new files.
   */
  private void live(String volume) throws IOException {
    Mount a = mount("tenant-a", volume);
    a.write("old.txt", MARKER + " old");
    Files.delete(a.file("old.txt"));
    a.unmount();
    east.gluster("volume", "stop", volume);
    east.gluster("volume", "start", volume);
    Poll.until(
        Duration.ofSeconds(60),
        "the bricks of " + volume + " after a restart",
        () -> east.brickPids(volume).size() == 3);
    Mount fresh = mount("tenant-a", volume);
    // Emptying the share from its root: gluster refuses to delete .trashcan itself, so find
    // exits 1; what matters is what the bricks keep.
    estate.tenant("tenant-a").namespace().exec("find", fresh.point(), "-mindepth", "1", "-delete");
    fresh.write("secret.txt", MARKER + " secret");
    fresh.write("dir/sub/more.txt", MARKER + " more");
    fresh.unmount();
  }

  /**
   * Per node, what its brick of {@code volume} holds of the tenant: every path but the {@code
   * .trashcan} and {@code .trashcan/internal_op} directories gluster keeps and gluster's own stores
   * (the {@code .glusterfs} directory, AFR's {@code .glusterfs-anonymous-inode-*} directory
   * itself), and every file anywhere in the brick, those stores included, that holds the tenant's
   * bytes.
   */
  private Map<String, List<String>> tenantTraces(String volume) {
    Map<String, List<String>> traces = new LinkedHashMap<>();
    for (Node node : east.nodes()) {
      Path brick = node.brick(volume);
      List<String> found = new ArrayList<>();
      try (Stream<Path> all = Files.walk(brick)) {
        for (Path f : (Iterable<Path>) all::iterator) {
          String rel = brick.relativize(f).toString();
          boolean store =
              rel.equals(".glusterfs")
                  || rel.startsWith(".glusterfs/")
                  || rel.matches("\\.glusterfs-anonymous-inode-[0-9a-f-]+");
          if (!rel.isEmpty()
              && !store
              && !rel.equals(".trashcan")
              && !rel.equals(".trashcan/internal_op")) {
            found.add(rel);
          } else if (store && holdsMarker(f)) {
            found.add(rel + " (holds the tenant's bytes)");
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      traces.put(node.name(), found);
    }
    return traces;
  }

  private static boolean holdsMarker(Path f) {
    try {
      if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) || Files.size(f) > 1 << 20) {
        return false;
      }
      return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(MARKER);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> list(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}

package io.glustershares.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.cli.Main;
import io.glustershares.it.SecurityObservations;
import io.glustershares.it.estate.Cluster;
import io.glustershares.it.estate.DesiredYaml;
import io.glustershares.it.estate.Estate;
import io.glustershares.it.estate.EstateExtension;
import io.glustershares.it.estate.Mount;
import io.glustershares.it.estate.Node;
import io.glustershares.it.estate.Poll;
import io.glustershares.model.GlusterArgv;
import io.glustershares.model.Identity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11's wipe attacks on the estate, each against real gluster and a real mount table: the wipe
 * runs over SSH on east-1 (the node that runs the cluster's gluster commands), {@code mountBase}
 * under its private {@code /run}; tenants mount from machines of their own. A link or a foreign
 * filesystem where the wipe mounts stops the delete with the volume still bound (so the next tenant
 * of that volume finds it empty: the apply refused), a busy unmount keeps it bound until the next
 * apply, and a {@code .trashcan} the tenant made is wiped like any file. This class is in the
 * applier's package to read real mount-table lines with the applier's own {@link MountTable}.
 */
@ExtendWith(EstateExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WipeAttackIT {

  private static final String MARKER = "previous-tenant-secret-41b7";
  private static final String BASE = DesiredYaml.MOUNT_BASE;

  private Estate estate;
  private Cluster east;
  private Node server;
  private String p;
  private final List<Mount> mounts = new ArrayList<>();

  @BeforeAll
  void volumes(Estate estate) {
    this.estate = estate;
    east = estate.cluster("east");
    server = east.first();
    p = Estate.uniquePrefix();
    String ready = east.readyAllow();
    // One bucket of sizes per attack; single-brick volumes where replicas do not matter.
    for (String v : List.of("-1G-1", "-1G-2", "-2G-1", "-3G-1")) {
      east.createVolume(p + v, Cluster.Layout.SINGLE_BRICK, Map.of("auth.ssl-allow", ready));
    }
    east.createVolume(p + "-4G-1", Map.of("auth.ssl-allow", ready));
    east.createVolume(p + "-5G-1", Map.of("auth.ssl-allow", ready));
  }

  @AfterEach
  void unmount() {
    mounts.forEach(Mount::unmount);
    mounts.clear();
  }

  @AfterAll
  void cleanUp() {
    if (estate != null) {
      estate.deleteVolumes(p);
    }
  }

  /** One attack's files: its own stack, so that the attacks never see each other's shares. */
  private final class Attack {
    final String stack;
    final Path work;

    Attack(String stack) {
      this.stack = stack;
      this.work = estate.workDir("wipe-" + stack);
    }

    void desired(String shares) {
      estate
          .desired()
          .stack(stack)
          .pattern(p + "-#{size}G-\\d+$")
          .overSsh(east)
          .write(work.resolve("gluster-shares.yaml"), shares);
    }

    Main.Captured apply(String... more) {
      List<String> args = new ArrayList<>(List.of("apply", "--auto-approve", "--allow-destroy"));
      args.addAll(List.of(more));
      return estate
          .managing()
          .tool(
              work,
              Map.of("GLUSTER_SHARES_LOCK_DIR", work.resolve("locks").toString()),
              args.toArray(String[]::new));
    }

    Main.Captured applied(String shares) {
      desired(shares);
      Main.Captured r = apply();
      assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
      return r;
    }
  }

  private Mount mount(String cn, String volume) {
    Mount m = estate.tenant(cn).mountOrFail("east-1:/" + volume);
    mounts.add(m);
    return m;
  }

  private void tenantWrites(String cn, String volume) throws IOException {
    Mount m = mount(cn, volume);
    m.write("secret.txt", MARKER);
    m.unmount();
  }

  private void onServer(String script) {
    server.exec("sh", "-euc", script).orThrow();
  }

  /** east-1's mount table, as the product reads it. */
  private MountTable mountTable() throws MountTable.UnreadableException {
    return MountTable.parse(server.exec("cat", GlusterArgv.Wipe.MOUNT_TABLE).orThrow().out());
  }

  private boolean mountedAnywhere(String volume) throws MountTable.UnreadableException {
    return mountTable().mounts().stream().anyMatch(m -> m.source().endsWith(":/" + volume));
  }

  private String nameTag(String volume) {
    return east.volume(volume).options().get(Identity.NAME);
  }

  /** Whether any file of the volume's bricks, gluster's own store included, holds the marker. */
  private boolean bricksHoldMarker(String volume) {
    for (Node n : east.nodes()) {
      Path brick = n.brick(volume);
      if (!Files.isDirectory(brick)) {
        continue;
      }
      try (Stream<Path> all = Files.walk(brick)) {
        for (Path f : (Iterable<Path>) all::iterator) {
          if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
              && Files.size(f) < 1 << 20
              && new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(MARKER)) {
            return true;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return false;
  }

  @Test
  void aSymlinkedMountPointIsRefusedAndTheNextTenantFindsTheVolumeEmpty() throws Exception {
    Attack a = new Attack("wa-link");
    String volume = p + "-1G-1";
    String elsewhere = "/run/elsewhere-" + p;
    a.applied("- { name: old, size: 1, access: [ { cn: tenant-a } ] }\n");
    tenantWrites("tenant-a", volume);
    onServer(
        "mkdir -p -m 0700 "
            + BASE
            + "; mkdir "
            + elsewhere
            + "; echo canary > "
            + elsewhere
            + "/canary.txt; ln -s "
            + elsewhere
            + " "
            + BASE
            + "/"
            + volume);

    a.desired(
        "- { name: old, state: absent }\n- { name: second, size: 1, access: [ { cn: tenant-b } ] }\n");
    Main.Captured refused = a.apply();

    assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(1);
    assertThat(refused.out() + refused.err()).contains("is a symbolic link");
    assertThat(nameTag(volume)).as("still bound to its share").isEqualTo("old");
    assertThat(mountedAnywhere(volume)).as("nothing of the volume mounted on east-1").isFalse();
    assertThat(server.exec("ls", "-A", elsewhere).orThrow().out().strip())
        .as("the link's target is untouched")
        .isEqualTo("canary.txt");
    // The revocation ran on its own; the second share of the same size got the other volume.
    assertThat(estate.tenant("tenant-a").refused("east-1:/" + volume)).isTrue();
    assertThat(refused.out()).contains("second  east-1:/" + p + "-1G-2");

    onServer("rm " + BASE + "/" + volume + "; rm -r " + elsewhere);
    Main.Captured converged = a.apply();
    assertThat(converged.exitCode()).as(converged.out() + converged.err()).isZero();
    assertThat(converged.out()).contains("- delete_share old: done");
    assertThat(bricksHoldMarker(volume)).isFalse();

    Main.Captured next =
        a.applied(
            "- { name: old, state: absent }\n"
                + "- { name: second, size: 1, access: [ { cn: tenant-b } ] }\n"
                + "- { name: third, size: 1, access: [ { cn: tenant-c } ] }\n");
    assertThat(next.out()).contains("third  east-1:/" + volume);
    assertThat(mount("tenant-c", volume).list()).isSubsetOf(".trashcan");
  }

  @Test
  void anUnrelatedMountIsNeverUnmountedWhetherLinkedToOrAtTheMountPoint() throws Exception {
    Attack a = new Attack("wa-tmpfs");
    String volume = p + "-2G-1";
    String tmpfs = "/run/tmpfs-" + p;
    String mnt = BASE + "/" + volume;
    a.applied("- { name: held, size: 2, access: [ { cn: tenant-a } ] }\n");
    tenantWrites("tenant-a", volume);
    onServer(
        "mkdir -p -m 0700 "
            + BASE
            + "; mkdir "
            + tmpfs
            + "; mount -t tmpfs tmpfs "
            + tmpfs
            + "; echo canary > "
            + tmpfs
            + "/canary.txt; ln -s "
            + tmpfs
            + " "
            + mnt);
    a.desired("- { name: held, state: absent }\n");

    Main.Captured linked = a.apply();

    assertThat(linked.exitCode()).as(linked.out() + linked.err()).isEqualTo(1);
    assertThat(linked.out() + linked.err()).contains("is a symbolic link");
    assertThat(mountTable().at(tmpfs)).as("the tmpfs is still mounted").isPresent();
    assertThat(server.exec("cat", tmpfs + "/canary.txt").orThrow().out()).isEqualTo("canary\n");
    assertThat(nameTag(volume)).isEqualTo("held");

    // The same tmpfs mounted at the mount point itself: not the wipe's, so never unmounted.
    onServer("rm " + mnt + "; mkdir -m 0700 " + mnt + "; mount --bind " + tmpfs + " " + mnt);
    Main.Captured mounted = a.apply();

    assertThat(mounted.exitCode()).as(mounted.out() + mounted.err()).isEqualTo(1);
    assertThat(mounted.out() + mounted.err())
        .contains(mnt + " has a tmpfs mount of 'tmpfs' on it, not this volume's gluster mount");
    Optional<MountTable.Mount> there = mountTable().at(mnt);
    assertThat(there).as("still mounted at the mount point").isPresent();
    assertThat(there.get().type()).isEqualTo("tmpfs");
    assertThat(server.exec("cat", mnt + "/canary.txt").orThrow().out()).isEqualTo("canary\n");
    assertThat(nameTag(volume)).isEqualTo("held");

    onServer("umount " + mnt + "; rmdir " + mnt + "; umount " + tmpfs + "; rmdir " + tmpfs);
    Main.Captured converged = a.apply();
    assertThat(converged.exitCode()).as(converged.out() + converged.err()).isZero();
    assertThat(nameTag(volume)).isEqualTo("NONE");
    assertThat(bricksHoldMarker(volume)).isFalse();
  }

  @Test
  void aBusyFinalUnmountKeepsTheVolumeBoundAndTheNextApplyConverges() throws Exception {
    Attack a = new Attack("wa-busy");
    String volume = p + "-3G-1";
    String mnt = BASE + "/" + volume;
    a.applied("- { name: busy, size: 3, access: [ { cn: tenant-a } ] }\n");
    // Enough files that the first pass's mount lives long enough to be told from the check's.
    Mount m = mount("tenant-a", volume);
    estate
        .tenant("tenant-a")
        .namespace()
        .exec(
            "sh",
            "-c",
            "cd \"$1\" && for i in $(seq 200); do echo x > f$i; done && echo '"
                + MARKER
                + "' > secret.txt",
            "sh",
            m.point())
        .orThrow();
    m.unmount();
    a.desired("- { name: busy, state: absent }\n");

    // Holds the wipe's second mount, its check: the one the wipe unmounts last.
    AtomicReference<DirectoryStream<Path>> held = new AtomicReference<>();
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<Void> holder =
        CompletableFuture.runAsync(
            () -> {
              String line = " " + mnt + " fuse.glusterfs ";
              boolean seen = false;
              boolean gone = false;
              while (!stop.get() && held.get() == null) {
                boolean mounted = server.namespace().mounts().contains(line);
                if (!seen && mounted) {
                  seen = true;
                } else if (seen && !gone && !mounted) {
                  gone = true;
                } else if (gone && mounted) {
                  try {
                    held.set(Files.newDirectoryStream(server.namespace().inside(mnt)));
                  } catch (IOException e) {
                    // Gone again before it could be held: wait for the next one.
                  }
                }
                // Polled every millisecond: the wipe's mounts live for many.
                LockSupport.parkNanos(1_000_000);
              }
            });
    Main.Captured busy;
    try {
      busy = a.apply();
    } finally {
      stop.set(true);
      holder.get(30, TimeUnit.SECONDS);
    }
    try {
      assertThat(held.get()).as("the check's mount was held\n" + busy.out()).isNotNull();
      assertThat(busy.exitCode()).as(busy.out() + busy.err()).isEqualTo(1);
      assertThat(busy.out() + busy.err()).contains("cannot unmount").contains("busy");
      assertThat(nameTag(volume)).as("nothing is released while mounted").isEqualTo("busy");
      // A real wipe mount, left behind: the applier's mount table reads it as its own.
      Optional<MountTable.Mount> left = mountTable().at(mnt);
      assertThat(left).isPresent();
      assertThat(left.get().isGlusterMountOf("east-1", volume)).as(left.get().toString()).isTrue();
      assertThat(left.get().source()).isEqualTo("east-1:/" + volume);
      SecurityObservations.record(
          "- busy unmount: the apply said `"
              + busy.out().lines().filter(l -> l.contains("cannot unmount")).findFirst().orElse("")
              + "`; the wipe's mount left in east-1's mountinfo: `"
              + server
                  .exec("cat", GlusterArgv.Wipe.MOUNT_TABLE)
                  .out()
                  .lines()
                  .filter(l -> l.contains(" " + mnt + " "))
                  .findFirst()
                  .orElse("")
              + "`");
    } finally {
      if (held.get() != null) {
        held.get().close();
      }
    }

    Main.Captured converged = a.apply();
    assertThat(converged.exitCode()).as(converged.out() + converged.err()).isZero();
    assertThat(converged.out()).contains("- delete_share busy: done");
    assertThat(mountTable().at(mnt)).isEmpty();
    assertThat(nameTag(volume)).isEqualTo("NONE");
    assertThat(bricksHoldMarker(volume)).isFalse();
  }

  @Test
  void aTrashcanFileMadeByTheTenantIsGoneAfterTheDelete() throws Exception {
    Attack a = new Attack("wa-trashcan");
    String volume = p + "-4G-1";
    a.applied("- { name: sly, size: 4, access: [ { cn: tenant-a } ] }\n");
    Mount m = mount("tenant-a", volume);
    // Trash is off on this volume, so the name is free: a regular file where gluster's trash
    // directory would be, which a wipe keeping ".trashcan" by name alone would keep.
    m.write(".trashcan", MARKER);
    m.write("dir/.trashcan", MARKER);
    m.unmount();
    assertThat(east.brickFiles(volume).values())
        .allSatisfy(f -> assertThat(f).contains(".trashcan", "dir/.trashcan"));

    a.applied("- { name: sly, state: absent }\n");

    assertThat(east.brickFiles(volume).values())
        .as("nothing on any replica brick")
        .allSatisfy(f -> assertThat(f).isEmpty());
    assertThat(bricksHoldMarker(volume)).isFalse();
    a.applied(
        "- { name: sly, state: absent }\n- { name: next, size: 4, access: [ { cn: tenant-b } ] }\n");
    assertThat(mount("tenant-b", volume).list()).isEmpty();
  }

  @Test
  void theWipesMountsAreGlusterMountsOfTheVolumeInTheRealMountTable() throws Exception {
    String volume = p + "-5G-1";
    String mnt = "/run/gs-mount-table-" + p + "/" + volume;
    onServer("mkdir -p " + mnt);
    try {
      List<List<String>> argvs =
          List.of(
              GlusterArgv.Wipe.mount("east-1", volume, mnt),
              GlusterArgv.Wipe.mountReadingFrom("east-1", volume, mnt, 2));
      for (List<String> argv : argvs) {
        server.exec(argv.toArray(String[]::new)).orThrow();
        assertThat(
                Poll.within(
                    Duration.ofSeconds(20),
                    () ->
                        server
                            .exec(GlusterArgv.Wipe.rootInode(mnt).toArray(String[]::new))
                            .out()
                            .strip()
                            .equals("1")))
            .as("root inode 1 after " + argv)
            .isTrue();
        Optional<MountTable.Mount> at = mountTable().at(mnt);
        assertThat(at).as(String.join(" ", argv)).isPresent();
        assertThat(at.get().type()).isEqualTo(MountTable.GLUSTER_TYPE);
        assertThat(at.get().source()).isEqualTo("east-1:/" + volume);
        assertThat(at.get().isGlusterMountOf("east-1", volume)).isTrue();
        assertThat(at.get().isGlusterMountOf("east-1", volume + "x")).isFalse();
        server.exec("umount", mnt).orThrow();
      }
    } finally {
      server.exec(
          "sh",
          "-c",
          "umount \"$1\" 2>/dev/null; rmdir \"$1\" \"$2\"",
          "sh",
          mnt,
          "/run/gs-mount-table-" + p);
    }
  }
}

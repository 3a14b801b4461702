package io.glustershares.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.load.DesiredStateLoader;
import io.glustershares.load.WorkingTree;
import io.glustershares.model.DesiredState;
import io.glustershares.model.Identity;
import io.glustershares.model.ObservedCluster;
import io.glustershares.model.ShareSpec;
import io.glustershares.model.SnapshotRef;
import io.glustershares.model.SnapshotSpec;
import io.glustershares.plan.Observed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What import makes of each kind of volume it finds. */
class ImporterTest {

  private static final String MANILA_UUID = "0e0b6a2e-9a55-4f4b-9a0c-5b1f3f3b7c11";

  @TempDir Path dir;

  private DesiredState desired(String pattern, String shares) throws Exception {
    Files.writeString(
        dir.resolve("f.yaml"),
        "apiVersion: gluster-shares/v1\nstack: prod\nvolumePattern: '"
            + pattern
            + "'\ntls: { keepCnPrefixes: [backup-] }\nclusters:\n  east: { server: east-1 }\n"
            + shares);
    DesiredStateLoader.Result r =
        new DesiredStateLoader(new WorkingTree(dir)).load(Path.of("f.yaml"));
    assertThat(r.errors()).isEmpty();
    return r.state().orElseThrow();
  }

  private static List<String> names(Importer.Result r) {
    return r.entries().stream().map(e -> e.share().name()).toList();
  }

  @Test
  void ownSharesComeBackAsDeclaredWithTheirSnapshots() throws Exception {
    DesiredState file = desired("pool-#{size}G-\\d+$", "");
    String snapshot = Identity.snapshotName("prod", "analytics", "nightly");
    ObservedCluster east =
        Observed.state()
            .cluster("east")
            .volume(
                "pool-3G-1",
                Observed.with(Observed.share("prod", "analytics", "tenant-a", "backup-agent")))
            .snapshot(snapshot, "pool-3G-1", "prod/analytics/nightly", false)
            .snapshot("manual-snap", "pool-3G-1", "taken by hand", false)
            .and()
            .build()
            .clusters()
            .get("east");

    Importer.Result r = Importer.of(file, "east", east);

    assertThat(r.entries()).hasSize(1);
    Importer.Entry e = r.entries().get(0);
    assertThat(e.adopted()).isFalse();
    assertThat(e.share())
        .isEqualTo(
            new ShareSpec(
                "analytics",
                OptionalInt.of(3),
                Optional.of("east"),
                Optional.empty(),
                List.of(io.glustershares.model.AccessRule.cn("tenant-a")),
                List.of(
                    new SnapshotSpec("nightly"),
                    new SnapshotSpec("manual-snap", Optional.of("manual-snap"))),
                Optional.empty(),
                ShareSpec.State.PRESENT));
    assertThat(e.comments())
        .containsExactly(
            "snapshot manual-snap is gluster's manual-snap, not made by gluster-shares: named by"
                + " its gluster name");
  }

  @Test
  void aPatternWithoutSizeNamesTheVolume() throws Exception {
    DesiredState file = desired("pool-\\d+$", "");
    ObservedCluster east =
        Observed.state()
            .cluster("east")
            .volume("pool-7", Observed.share("prod", "logs"))
            .and()
            .build()
            .clusters()
            .get("east");

    ShareSpec share = Importer.of(file, "east", east).entries().get(0).share();

    assertThat(share.size()).isEmpty();
    assertThat(share.volume()).contains("pool-7");
    assertThat(share.access()).isEmpty();
  }

  @Test
  void aCloneNamesItsParentAndTheRecordedSnapshot() throws Exception {
    DesiredState file = desired("pool-#{size}G-\\d+$", "");
    Map<String, String> clone =
        Observed.with(
            Observed.share("prod", "restore", "tenant-c"),
            Identity.MANILA_CLONED_FROM,
            Identity.shareUuid("prod", "analytics").toString(),
            Identity.FROM_SNAPSHOT,
            "nightly");
    Map<String, String> unrecorded =
        Observed.with(
            Observed.share("prod", "old-restore"),
            Identity.MANILA_CLONED_FROM,
            Identity.shareUuid("prod", "analytics").toString());
    ObservedCluster east =
        Observed.state()
            .cluster("east")
            .volume(Identity.cloneVolumeName("prod", "restore"), clone)
            .volume(Identity.cloneVolumeName("prod", "old-restore"), unrecorded)
            .volume("pool-3G-1", Observed.share("prod", "analytics"))
            .snapshot(
                Identity.snapshotName("prod", "analytics", "nightly"),
                "pool-3G-1",
                "prod/analytics/nightly",
                true)
            .and()
            .build()
            .clusters()
            .get("east");

    Importer.Result r = Importer.of(file, "east", east);

    assertThat(names(r)).containsExactly("analytics", "restore");
    assertThat(r.entries().get(1).share().fromSnapshot())
        .contains(new SnapshotRef("analytics", "nightly"));
    assertThat(r.notes())
        .singleElement()
        .asString()
        .contains("share 'old-restore'")
        .contains("snapshot is not recorded");
  }

  @Test
  void manilaVolumesAreAdoptedByNameAndOthersAreLeftOut() throws Exception {
    DesiredState file =
        desired(
            "pool-#{size}G-\\d+$",
            "shares:\n  - { name: known, size: 1 }\n  - { name: taken, volume: pool-1G-9 }\n");
    ObservedCluster east =
        Observed.state()
            .cluster("east")
            .volume(
                "pool-3G-2",
                Map.of(
                    Identity.MANILA_SHARE,
                    MANILA_UUID,
                    "auth.ssl-allow",
                    "glusterfs-server-1,manila-host,tenant-z"))
            .snapshot("manila-1111", "pool-3G-2", "", false)
            .volume("pool-1G-9", Map.of(Identity.MANILA_SHARE, MANILA_UUID.replace('0', '1')))
            .volume("pool-1G-3", Observed.share("prod", "known"))
            .volume("pool-1G-4", Observed.share("other", "theirs"))
            .volume("pool-1G-5", Map.of(Identity.MANILA_SHARE, "in-use"))
            .volume(
                Identity.cloneVolumeName("prod", "gone"),
                Observed.with(
                    Observed.share("prod", "parent"),
                    Identity.MANILA_CLONED_FROM,
                    Identity.shareUuid("prod", "parent").toString()))
            .free("pool-1G-6")
            .and()
            .build()
            .clusters()
            .get("east");

    Importer.Result r = Importer.of(file, "east", east);

    assertThat(names(r)).containsExactly("manila-" + MANILA_UUID);
    Importer.Entry adopted = r.entries().get(0);
    assertThat(adopted.adopted()).isTrue();
    assertThat(adopted.share().volume()).contains("pool-3G-2");
    assertThat(adopted.share().cns()).containsExactly("tenant-z");
    assertThat(adopted.comments())
        .containsExactly(
            "adopted from Manila share " + MANILA_UUID + " (its UUID stays on the volume)",
            "snapshot manila-1111 is gluster's manila-1111, not made by gluster-shares: named by"
                + " its gluster name");
    assertThat(adopted.share().snapshots())
        .containsExactly(new SnapshotSpec("manila-1111", Optional.of("manila-1111")));
    assertThat(r.alreadyInFile()).isEqualTo(2);
    assertThat(r.notes())
        // user.manila-share 'in-use' is no UUID: a free volume, as Manila reads it, not a share.
        .noneSatisfy(n -> assertThat(n).contains("pool-1G-5"))
        .anySatisfy(n -> assertThat(n).contains("interrupted"));
  }

  /** Manila's {@code _find_actual_backend_snapshot_name}: the one snapshot its name starts. */
  @Test
  void manilaSnapshotsAreNamedByTheirNameWithoutGlustersTimestampAsManilaFindsThem()
      throws Exception {
    DesiredState file = desired("pool-#{size}G-\\d+$", "");
    String a = "manila-" + MANILA_UUID;
    String b = "nightly";
    ObservedCluster east =
        Observed.state()
            .cluster("east")
            .volume(
                "pool-3G-2",
                Map.of(
                    Identity.MANILA_SHARE,
                    MANILA_UUID,
                    "auth.ssl-allow",
                    "glusterfs-server-1,manila-host,tenant-z"))
            .snapshot(a + "_GMT-2026.11.01-02.00.00", "pool-3G-2", "", true)
            // Two whose names start alike: each is named by its whole name.
            .snapshot(b + "_GMT-2026.11.02-02.00.00", "pool-3G-2", "", false)
            .snapshot(b + "_GMT-2026.11.03-02.00.00", "pool-3G-2", "", false)
            // A name the file cannot hold is left alone.
            .snapshot("x".repeat(80), "pool-3G-2", "", false)
            .and()
            .build()
            .clusters()
            .get("east");

    Importer.Entry adopted = Importer.of(file, "east", east).entries().get(0);

    assertThat(adopted.share().snapshots())
        .containsExactly(
            new SnapshotSpec(a, Optional.of(a)),
            new SnapshotSpec(
                b + "_GMT-2026.11.02-02.00.00", Optional.of(b + "_GMT-2026.11.02-02.00.00")),
            new SnapshotSpec(
                b + "_GMT-2026.11.03-02.00.00", Optional.of(b + "_GMT-2026.11.03-02.00.00")));
    assertThat(adopted.comments())
        .anySatisfy(c -> assertThat(c).contains("cannot be named in the file: left alone"));
  }
}

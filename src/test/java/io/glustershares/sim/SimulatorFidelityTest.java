package io.glustershares.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glustershares.gluster.Fixtures;
import io.glustershares.gluster.ProcessResult;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The simulator answers the argv of the CLI reference with the very bytes real gluster 10.3 printed
 * (UUIDs aside, which differ per volume).
 */
class SimulatorFidelityTest {

  private SimState state;

  @BeforeEach
  void pool() {
    state =
        SimPool.seed(
            "pool.yaml",
            """
            host: vm
            volumes:
              - name: manila-share-volume-1G-1
                options: { auth.ssl-allow: "glusterfs-server-1,manila-host,tenant-a", user.manila-share: 3f1c2a7e-0d5b-4c55-9d8e-6b2f1a9c0e11 }
              - name: manila-share-volume-1G-2
              - name: manila-share-volume-3G-1
              - name: manila-share-volume-5G-2
              - name: created-only
                status: Created
            """);
  }

  private ProcessResult run(String... argv) {
    return new GlusterSimulator(
            state, () -> ZonedDateTime.of(2026, 11, 25, 14, 0, 0, 0, ZoneOffset.UTC))
        .answer(List.of(argv))
        .result();
  }

  private static String normalize(String text) {
    return text.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "volume-set-nonexistent.xml|gluster --xml volume set no-such-vol user.manila-share x",
        "volume-set-multi-xml.xml|gluster --xml volume set manila-share-volume-1G-1 user.foo 1 user.bar 2",
        "volume-set-invalid-value-bool.xml|gluster --xml volume set manila-share-volume-1G-1 server.dynamic-auth maybe",
        "volume-set-invalid-value.xml|gluster --xml volume set manila-share-volume-1G-1 client.ssl maybe",
        "volume-set-auth-ssl-allow.xml|gluster --xml volume set manila-share-volume-1G-1 auth.ssl-allow glusterfs-server-1,manila-host,tenant-a",
        "volume-set-nfs-export-volumes-off.xml|gluster --xml volume set manila-share-volume-1G-1 nfs.export-volumes off",
        "volume-reset-nonexistent.xml|gluster --xml volume reset no-such-vol user.manila-share",
        "volume-reset-unset-option.xml|gluster --xml volume reset manila-share-volume-1G-1 performance.cache-size",
        "volume-stop-nonexistent.xml|gluster --xml --mode=script volume stop no-such-vol",
        "volume-start-nonexistent.xml|gluster --xml volume start no-such-vol",
        "volume-delete-nonexistent.xml|gluster --xml --mode=script volume delete no-such-vol",
        "volume-start-already-started.xml|gluster --xml volume start manila-share-volume-5G-2",
        "volume-delete-started.xml|gluster --xml --mode=script volume delete manila-share-volume-5G-2",
        "volume-info-nonexistent.xml|gluster --xml volume info no-such-vol",
        "volume-get-set-option.xml|gluster --xml volume get manila-share-volume-1G-1 auth.ssl-allow",
        "volume-get-user-option-set.xml|gluster --xml volume get manila-share-volume-1G-1 user.manila-share",
        "volume-get-user-option-unset.xml|gluster --xml volume get manila-share-volume-1G-1 user.never-set",
        "volume-get-nonexistent.xml|gluster --xml volume get no-such-vol user.manila-share",
        "volume-stop-noscript-stdin-null.txt|gluster volume stop manila-share-volume-5G-2",
        "snapshot-list.xml|gluster --xml snapshot list",
        "snapshot-info.xml|gluster --xml snapshot info",
        "snapshot-info-vol.xml|gluster --xml snapshot info volume manila-share-volume-3G-1",
        "snapshot-list-nonexistent-vol.xml|gluster --xml snapshot list no-such-vol",
        "snapshot-info-nonexistent.xml|gluster --xml snapshot info nosnap",
        "snapshot-delete-nonexistent.xml|gluster --xml snapshot delete nosnap --mode=script",
        "snapshot-delete-nonexistent-mode-first.xml|gluster --xml --mode=script snapshot delete nosnap",
        "snapshot-clone-nonexistent.xml|gluster --xml snapshot clone clone1 nosnap",
        "snapshot-activate-nonexistent.xml|gluster --xml snapshot activate nosnap",
        "snapshot-deactivate-nonexistent.xml|gluster --xml --mode=script snapshot deactivate nosnap",
        "version.txt|gluster --version",
      })
  void repliesAreTheRealOnes(String fixture, String argv) {
    assertThat(run(argv.split(" ")).stdout()).isEqualTo(Fixtures.read(fixture));
  }

  @Test
  void exitCodesFollowGluster() {
    assertThat(
            run("gluster", "--xml", "volume", "get", "manila-share-volume-1G-1", "user.never-set")
                .exitCode())
        .isEqualTo(2);
    assertThat(
            run("gluster", "--xml", "volume", "get", "no-such-vol", "user.manila-share").exitCode())
        .isEqualTo(1);
    assertThat(
            run("gluster", "--xml", "volume", "set", "no-such-vol", "user.manila-share", "x")
                .exitCode())
        .isZero();
  }

  @Test
  void stopStartDeleteRepliesMatchUpToUuids() {
    assertThat(
            normalize(
                run(
                        "gluster",
                        "--xml",
                        "--mode=script",
                        "volume",
                        "stop",
                        "manila-share-volume-5G-2")
                    .stdout()))
        .isEqualTo(normalize(Fixtures.read("volume-stop.xml")));
    assertThat(
            run("gluster", "--xml", "--mode=script", "volume", "stop", "manila-share-volume-5G-2")
                .stdout())
        .isEqualTo(Fixtures.read("volume-stop-already-stopped.xml"));
    assertThat(
            normalize(
                run(
                        "gluster",
                        "--xml",
                        "--mode=script",
                        "volume",
                        "delete",
                        "manila-share-volume-5G-2")
                    .stdout()))
        .isEqualTo(normalize(Fixtures.read("volume-delete.xml")));
    assertThat(
            normalize(
                run("gluster", "--xml", "volume", "start", "manila-share-volume-1G-2").stdout()))
        .isEqualTo(
            normalize(Fixtures.read("volume-start-already-started.xml").replace("5G-2", "1G-2")));
  }

  @Test
  void volumeInfoOfACreatedVolumeMatchesUpToUuidsAndBrickPath() {
    String real =
        normalize(Fixtures.read("volume-info-created.xml"))
            .replace("/data/gs/created-only", "/bricks/created-only");

    assertThat(normalize(run("gluster", "--xml", "volume", "info", "created-only").stdout()))
        .isEqualTo(real);
  }

  @Test
  void usageErrorsPrintNoXml() {
    ProcessResult odd =
        run(
            "gluster",
            "--xml",
            "volume",
            "set",
            "manila-share-volume-1G-1",
            "user.a",
            "1",
            "user.b");
    ProcessResult empty =
        run("gluster", "--xml", "volume", "set", "manila-share-volume-1G-1", "user.empty", "");

    for (ProcessResult r : List.of(odd, empty)) {
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.stdout()).isEmpty();
      assertThat(r.stderr()).isEqualTo(Fixtures.read("volume-set-odd-args.stderr.txt"));
    }
  }

  @Test
  void aMultiSetWithOneBadOptionSetsNothing() {
    ProcessResult r =
        run(
            "gluster",
            "--xml",
            "volume",
            "set",
            "manila-share-volume-1G-1",
            "user.atomic",
            "1",
            "bogus.option",
            "2");

    assertThat(r.stdout()).contains("<opErrstr>option : bogus.option does not exist");
    assertThat(state.volume("manila-share-volume-1G-1").options).doesNotContainKey("user.atomic");
  }

  @Test
  void withoutScriptModeNothingIsStopped() {
    run("gluster", "--xml", "volume", "stop", "manila-share-volume-5G-2");

    assertThat(state.volume("manila-share-volume-5G-2").status).isEqualTo(1);
  }

  @Test
  void snapshotsFailAsOnPlainBricksOrWithoutLvm() {
    state.thinBricks = false;
    assertThat(
            run(
                    "gluster",
                    "--xml",
                    "snapshot",
                    "create",
                    "snap1",
                    "manila-share-volume-3G-1",
                    "no-timestamp",
                    "description",
                    "x")
                .stdout())
        .isEqualTo(Fixtures.read("snapshot-create-not-thin-lvm.xml"));
    state.lvm = false;
    assertThat(run("gluster", "--xml", "snapshot", "list").stdout())
        .isEqualTo(Fixtures.read("snapshot-list-nolvm.xml"));
    assertThat(
            run(
                    "gluster",
                    "--xml",
                    "snapshot",
                    "create",
                    "snap1",
                    "manila-share-volume-3G-1",
                    "no-timestamp",
                    "description",
                    "x")
                .stdout())
        .isEqualTo(Fixtures.read("snapshot-create-nolvm.xml"));
  }

  // ---- several servers and replica volumes, as the test estate's glusterd prints them ----------

  /** Cluster east of the estate as it was when the estate-* fixtures were captured. */
  private static SimState east(boolean east3Connected) {
    return SimPool.seed(
        "east.yaml",
        """
        host: east-1
        uuid: 1b147438-cb30-4308-8ee6-40269f668cd0
        brickRoot: /srv/bricks
        peers:
          - { hostname: east-2, uuid: fb871759-7066-43ef-80f8-a2de23688dc0 }
          - { hostname: east-3, uuid: 223ff4e2-523b-456f-94ba-e51949cdde1f, connected: CONNECTED }
        volumes:
          - name: manila-share-volume-1G-1
            replica: 3
            options: { auth.ssl-allow: "glusterfs-server-east-1,glusterfs-server-east-2,glusterfs-server-east-3,manila-host" }
          - name: manila-share-volume-1G-2
            replica: 3
            status: Created
        """
            .replace("CONNECTED", String.valueOf(east3Connected)));
  }

  private static ProcessResult run(SimState on, String... argv) {
    return new GlusterSimulator(
            on, () -> ZonedDateTime.of(2026, 11, 25, 14, 0, 0, 0, ZoneOffset.UTC))
        .answer(List.of(argv))
        .result();
  }

  /** Brick ports and pids differ from run to run of real gluster too. */
  private static String normalizeStatus(String text) {
    return text.replaceAll("<(port|tcp)>\\d+</", "<$1>PORT</")
        .replaceAll("<pid>-?\\d+</pid>", "<pid>PID</pid>");
  }

  @Test
  void poolListIsTheEstatesByteForByte() {
    assertThat(run(east(true), "gluster", "--xml", "pool", "list").stdout())
        .isEqualTo(Fixtures.read("estate-pool-list.xml"));
    assertThat(run(east(false), "gluster", "--xml", "pool", "list").stdout())
        .isEqualTo(Fixtures.read("estate-pool-list-peer-down.xml"));
  }

  /** Only the volume ids: peer UUIDs are seeded as the estate had them. */
  private static String volumeIds(String text) {
    return text.replaceAll("<id>[0-9a-f-]{36}</id>", "<id>ID</id>");
  }

  @Test
  void volumeInfoOfReplicaVolumesIsTheEstatesUpToVolumeIds() {
    assertThat(volumeIds(run(east(true), "gluster", "--xml", "volume", "info").stdout()))
        .isEqualTo(volumeIds(Fixtures.read("estate-volume-info.xml")));
    assertThat(volumeIds(run(east(false), "gluster", "--xml", "volume", "info").stdout()))
        .isEqualTo(volumeIds(Fixtures.read("estate-volume-info-peer-down.xml")));
  }

  @Test
  void volumeStatusIsTheEstatesUpToPortsAndPids() {
    assertThat(
            normalizeStatus(
                run(east(true), "gluster", "--xml", "volume", "status", "all").stdout()))
        .isEqualTo(normalizeStatus(Fixtures.read("estate-volume-status-all.xml")));
    assertThat(
            normalizeStatus(
                run(east(false), "gluster", "--xml", "volume", "status", "all").stdout()))
        .isEqualTo(normalizeStatus(Fixtures.read("estate-volume-status-all-peer-down.xml")));
  }

  @Test
  void withAPeerDownChangesAreAcceptedAsRealGlusterAcceptsThem() {
    SimState down = east(false);
    assertThat(
            run(
                    down,
                    "gluster",
                    "--xml",
                    "volume",
                    "set",
                    "manila-share-volume-1G-1",
                    "client.ssl",
                    "on",
                    "server.ssl",
                    "on")
                .stdout())
        .isEqualTo(Fixtures.read("estate-volume-set-peer-down.xml"));
    assertThat(
            normalize(
                run(
                        down,
                        "gluster",
                        "--xml",
                        "--mode=script",
                        "volume",
                        "stop",
                        "manila-share-volume-1G-1")
                    .stdout()))
        .isEqualTo(normalize(Fixtures.read("estate-volume-stop-peer-down.xml")));
    assertThat(
            normalize(
                run(down, "gluster", "--xml", "volume", "start", "manila-share-volume-1G-1")
                    .stdout()))
        .isEqualTo(normalize(Fixtures.read("estate-volume-start-peer-down.xml")));
  }

  @Test
  void aReplicaTwoClusterWithNothingStartedIsTheEstatesWest() {
    SimState west =
        SimPool.seed(
            "west.yaml",
            """
            host: west-1
            uuid: 1735eae4-b2f0-44fe-a3e4-db2e80d56ecc
            brickRoot: /srv/bricks
            peers:
              - { hostname: west-2, uuid: 0a69c2b9-a36c-41d6-a18a-64ea1ab67a8b }
            volumes:
              - { name: manila-share-volume-2G-1, replica: 2, status: Created }
            """);

    assertThat(run(west, "gluster", "--xml", "pool", "list").stdout())
        .isEqualTo(Fixtures.read("estate-pool-list-west.xml"));
    assertThat(volumeIds(run(west, "gluster", "--xml", "volume", "info").stdout()))
        .isEqualTo(volumeIds(Fixtures.read("estate-volume-info-replica-2.xml")));
    assertThat(run(west, "gluster", "--xml", "volume", "status", "all").stdout())
        .isEqualTo(Fixtures.read("estate-volume-status-all-none-started.xml"));
  }

  @Test
  void aVolumeCannotHaveMoreCopiesThanServers() {
    assertThatThrownBy(
            () -> SimPool.seed("p.yaml", "host: a\nvolumes: [ { name: v, replica: 2 } ]\n"))
        .isInstanceOf(SimException.class)
        .hasMessageContaining("replica must be between 1 and the number of servers (1)");
  }
}

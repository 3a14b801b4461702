package io.glustershares.gluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.model.Brick;
import io.glustershares.model.BrickState;
import io.glustershares.model.GlusterVersion;
import io.glustershares.model.ObservedCluster;
import io.glustershares.model.Peer;
import io.glustershares.model.Volume;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Peers and bricks, parsed from what the test estate's real glusterd 10.3 printed. */
class HealthXmlTest {

  static final String EAST_1 = "1b147438-cb30-4308-8ee6-40269f668cd0";
  static final String EAST_2 = "fb871759-7066-43ef-80f8-a2de23688dc0";
  static final String EAST_3 = "223ff4e2-523b-456f-94ba-e51949cdde1f";

  private static GlusterXml.Envelope parse(String fixture) throws Exception {
    return GlusterXml.parse(Fixtures.read(fixture));
  }

  @Test
  void poolListNamesTheServerItRunsOnLocalhost() throws Exception {
    assertThat(HealthXml.peers(parse("estate-pool-list.xml")))
        .containsExactly(
            new Peer(EAST_2, "east-2", true, false),
            new Peer(EAST_3, "east-3", true, false),
            new Peer(EAST_1, "localhost", true, true));
  }

  @Test
  void aPeerWhoseGlusterdStoppedIsDisconnected() throws Exception {
    assertThat(HealthXml.peers(parse("estate-pool-list-peer-down.xml")))
        .containsExactly(
            new Peer(EAST_2, "east-2", true, false),
            new Peer(EAST_3, "east-3", false, false),
            new Peer(EAST_1, "localhost", true, true));
  }

  @Test
  void replicaBricksCarryTheirPeersUuid() throws Exception {
    List<Volume> volumes = GlusterXml.volumes(parse("estate-volume-info.xml"));

    assertThat(volumes)
        .extracting(Volume::name)
        .containsExactly("manila-share-volume-1G-1", "manila-share-volume-1G-2");
    assertThat(volumes.get(0).bricks())
        .containsExactly(
            new Brick("east-1", "/srv/bricks/manila-share-volume-1G-1", EAST_1),
            new Brick("east-2", "/srv/bricks/manila-share-volume-1G-1", EAST_2),
            new Brick("east-3", "/srv/bricks/manila-share-volume-1G-1", EAST_3));
    assertThat(volumes.get(0).brickPeers()).containsExactly(EAST_1, EAST_2, EAST_3);
    assertThat(volumes.get(0).options())
        .containsEntry("cluster.granular-entry-heal", "on")
        .containsEntry("performance.client-io-threads", "off");
  }

  @Test
  void statusListsTheBricksOfStartedVolumesNotTheDaemons() throws Exception {
    assertThat(HealthXml.brickStates(parse("estate-volume-status-all.xml")))
        .containsExactly(
            new BrickState(
                "manila-share-volume-1G-1",
                "east-1:/srv/bricks/manila-share-volume-1G-1",
                EAST_1,
                true),
            new BrickState(
                "manila-share-volume-1G-1",
                "east-2:/srv/bricks/manila-share-volume-1G-1",
                EAST_2,
                true),
            new BrickState(
                "manila-share-volume-1G-1",
                "east-3:/srv/bricks/manila-share-volume-1G-1",
                EAST_3,
                true));
  }

  @Test
  void aDisconnectedPeersBrickIsNotReportedAtAll() throws Exception {
    assertThat(HealthXml.brickStates(parse("estate-volume-status-all-peer-down.xml")))
        .extracting(BrickState::brick)
        .containsExactly(
            "east-1:/srv/bricks/manila-share-volume-1G-1",
            "east-2:/srv/bricks/manila-share-volume-1G-1");
  }

  @Test
  void aKilledBrickIsReportedOffline() throws Exception {
    assertThat(HealthXml.brickStates(parse("estate-volume-status-all-brick-down.xml")))
        .filteredOn(b -> !b.online())
        .extracting(BrickState::brick)
        .containsExactly("east-2:/srv/bricks/manila-share-volume-1G-1");
    // An offline self-heal daemon is no brick.
    assertThat(HealthXml.brickStates(parse("estate-volume-status-all-peer-back.xml")))
        .hasSize(3)
        .allMatch(BrickState::online);
  }

  @Test
  void noStartedVolumeNoBricks() throws Exception {
    assertThat(HealthXml.brickStates(parse("estate-volume-status-all-none-started.xml"))).isEmpty();
    assertThat(HealthXml.brickStates(parse("volume-status-all-empty.xml"))).isEmpty();
  }

  @Test
  void aRefreshNamesTheLocalServerAsItsBricksDo() throws Exception {
    List<Volume> volumes = GlusterXml.volumes(parse("estate-volume-info.xml"));

    List<Peer> named =
        Refresher.named(HealthXml.peers(parse("estate-pool-list.xml")), volumes, "10.0.0.1");

    assertThat(named).extracting(Peer::hostname).containsExactly("east-2", "east-3", "east-1");
    // Without a brick of its own there, the host the commands run on names it.
    assertThat(
            Refresher.named(HealthXml.peers(parse("estate-pool-list.xml")), List.of(), "10.0.0.1"))
        .extracting(Peer::hostname)
        .containsExactly("east-2", "east-3", "10.0.0.1");
  }

  @Test
  void aClusterKnowsWhichVolumesADisconnectedPeerHolds() throws Exception {
    List<Volume> volumes = GlusterXml.volumes(parse("estate-volume-info-peer-down.xml"));
    ObservedCluster cluster =
        new ObservedCluster(
            "east",
            "east-1",
            new GlusterVersion(10, 3, "10.3"),
            volumes,
            List.of(),
            Optional.empty(),
            List.of(),
            Refresher.named(
                HealthXml.peers(parse("estate-pool-list-peer-down.xml")), volumes, "east-1"),
            HealthXml.brickStates(parse("estate-volume-status-all-peer-down.xml")));

    assertThat(cluster.servers()).isEqualTo(3);
    assertThat(cluster.disconnectedPeers()).extracting(Peer::hostname).containsExactly("east-3");
    assertThat(cluster.disconnectedPeersOf("manila-share-volume-1G-2"))
        .extracting(Peer::hostname)
        .containsExactly("east-3");
    // A volume still to be made could have bricks anywhere.
    assertThat(cluster.disconnectedPeersOf("manila-clone")).hasSize(1);
    assertThat(cluster.offlineBricks()).isEmpty();
    assertThat(cluster.peerName(EAST_1)).isEqualTo("east-1");
  }
}

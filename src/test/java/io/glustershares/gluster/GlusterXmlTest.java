package io.glustershares.gluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.model.Brick;
import io.glustershares.model.Volume;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing against the real outputs of gluster 10.3. */
class GlusterXmlTest {

  private static GlusterXml.Envelope parse(String fixture) throws Exception {
    return GlusterXml.parse(Fixtures.read(fixture));
  }

  @Test
  void volumeInfoOfAllVolumes() throws Exception {
    List<Volume> volumes = GlusterXml.volumes(parse("volume-info-all.xml"));

    assertThat(volumes).hasSize(10);
    assertThat(volumes)
        .extracting(Volume::name)
        .doesNotHaveDuplicates()
        .allMatch(n -> !n.isBlank());
    assertThat(volumes).allSatisfy(v -> assertThat(v.id()).hasSize(36));
    assertThat(volumes).allSatisfy(v -> assertThat(v.options()).containsKeys("nfs.disable"));
  }

  @Test
  void bricksAreReadFromTheirNameDespiteMixedContent() throws Exception {
    Volume volume = GlusterXml.volumes(parse("volume-info-vol.xml")).get(0);

    assertThat(volume.name()).isEqualTo("manila-share-volume-1G-1");
    assertThat(volume.status()).isEqualTo(Volume.Status.STARTED);
    assertThat(volume.bricks()).extracting(Brick::name).containsExactly("vm:/data/gs/v1g1");
    assertThat(volume.options())
        .containsEntry("auth.ssl-allow", "glusterfs-server-1,manila-host,tenant-a")
        .containsEntry("user.manila-share", "3f1c2a7e-0d5b-4c55-9d8e-6b2f1a9c0e11")
        .containsEntry("server.dynamic-auth", "on")
        .hasSize(12);
    assertThat(volume.snapshotCount()).isZero();
    assertThat(volume.replicaCount()).isEqualTo(1);
  }

  @Test
  void aReplicatedVolumeSaysHowManyBricksHoldEachFile() throws Exception {
    Volume volume = GlusterXml.volumes(parse("volume-info-replica3.xml")).get(0);

    assertThat(volume.bricks())
        .extracting(Brick::name)
        .containsExactly("east-1:/srv/bricks/t2", "east-2:/srv/bricks/t2", "east-3:/srv/bricks/t2");
    assertThat(volume.replicaCount()).isEqualTo(3);
    assertThat(volume.options()).containsEntry("features.trash", "on");
  }

  @Test
  void statusesOfStoppedAndCreatedVolumes() throws Exception {
    assertThat(GlusterXml.volumes(parse("volume-info-stopped.xml")).get(0).status())
        .isEqualTo(Volume.Status.STOPPED);
    assertThat(GlusterXml.volumes(parse("volume-info-created.xml")).get(0).status())
        .isEqualTo(Volume.Status.CREATED);
  }

  @Test
  void noVolumesAtAll() throws Exception {
    GlusterXml.Envelope reply = parse("volume-info-all-empty.xml");

    assertThat(reply.ok()).isTrue();
    assertThat(GlusterXml.volumes(reply)).isEmpty();
  }

  @Test
  void theEnvelopeOfAFailure() throws Exception {
    GlusterXml.Envelope reply = parse("volume-set-invalid-option-name.xml");

    assertThat(reply.ok()).isFalse();
    assertThat(reply.opRet()).isEqualTo(-1);
    assertThat(reply.opErrno()).isEqualTo(30800);
    assertThat(reply.opErrstr())
        .isEqualTo("option : bogus.option does not exist\nDid you mean locks.trace?");
    assertThat(reply.cliOp()).contains("volSet");
    assertThat(reply.output()).contains("Set volume unsuccessful");
  }

  @Test
  void volumeGetUsesCapitalisedElements() throws Exception {
    Map<String, String> values = GlusterXml.volumeGet(parse("volume-get-set-option.xml"));

    assertThat(values)
        .containsExactly(Map.entry("auth.ssl-allow", "glusterfs-server-1,manila-host,tenant-a"));
    // gluster lists 343 entries, six of them twice (e.g. performance.cache-size).
    assertThat(GlusterXml.volumeGet(parse("volume-get-all.xml"))).hasSize(337);
  }

  @Test
  void emptySnapshotListings() throws Exception {
    assertThat(GlusterXml.snapshots(parse("snapshot-info.xml"))).isEmpty();
    assertThat(GlusterXml.snapshots(parse("snapshot-info-vol.xml"))).isEmpty();
    assertThat(GlusterXml.snapshotNames(parse("snapshot-list.xml"))).isEmpty();
  }

  @Test
  void theUnsetUserOptionReplyHasOpRetMinus2() throws Exception {
    GlusterXml.Envelope reply = parse("volume-get-user-option-unset.xml");

    assertThat(reply.opRet()).isEqualTo(-2);
    assertThat(reply.opErrstr()).isEmpty();
    assertThat(reply.output()).contains("volume get option: failed");
  }

  @Test
  void doctypesAreRefused() {
    String evil =
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
            + "<cliOutput><opRet>0</opRet><opErrstr>&e;</opErrstr></cliOutput>";

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> GlusterXml.parse(evil))
        .isInstanceOf(GlusterXml.MalformedException.class);
  }
}

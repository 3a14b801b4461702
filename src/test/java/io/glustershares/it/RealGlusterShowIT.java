package io.glustershares.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.JsonSchemas;
import io.glustershares.cli.Main;
import io.glustershares.it.estate.Cluster;
import io.glustershares.it.estate.Estate;
import io.glustershares.it.estate.EstateExtension;
import io.glustershares.model.Identity;
import io.glustershares.render.Json;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * {@code show} against the estate's cluster east over SSH: what the test created is what the tool
 * observes. Both tests read the same volumes, made once.
 */
@ExtendWith(EstateExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealGlusterShowIT {

  private Estate estate;
  private Path work;
  private String p;

  @BeforeAll
  void pool(Estate estate) {
    this.estate = estate;
    Cluster east = estate.cluster("east");
    work = estate.workDir("show");
    p = Estate.uniquePrefix();
    String ready = east.readyAllow();
    east.createVolume(p + "-1G-1", Map.of("auth.ssl-allow", ready));
    Map<String, String> share = new LinkedHashMap<>();
    share.put("auth.ssl-allow", ready + ",tenant-a");
    share.put(Identity.MANILA_SHARE, Identity.shareUuid("it", "analytics").toString());
    share.put(Identity.OWNER, "it");
    share.put(Identity.NAME, "analytics");
    share.put("client.ssl", "on");
    share.put("server.ssl", "on");
    share.put("nfs.export-volumes", "off");
    share.put("server.dynamic-auth", "on");
    east.createVolume(p + "-3G-1", share);
    east.createVolume(p + "-3G-2", Map.of());
    east.createVolume(
        p + "-5G-1",
        Map.of(
            "auth.ssl-allow",
            ready,
            Identity.MANILA_SHARE,
            "0e0b6a2e-9a55-4f4b-9a0c-5b1f3f3b7c11"));
    east.createVolume(p + "-outside", Map.of());
    estate
        .desired()
        .pattern(p + "-#{size}G-\\d+$")
        .overSsh(east)
        .write(
            work.resolve("gluster-shares.yaml"),
            "- name: analytics\n  size: 3\n  access: [ { cn: tenant-a } ]\n");
  }

  @AfterAll
  void cleanUp() {
    if (estate != null) {
      estate.deleteVolumes(p);
    }
  }

  @Test
  void showObservesWhatWasCreated() {
    Main.Captured result = estate.managing().tool(work, "show", "--json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(JsonSchemas.problems("show-v1.schema.json", result.out())).isEmpty();
    JsonNode cluster = Json.parse(result.out()).get("clusters").get(0);
    assertThat(cluster.get("host").asString()).isEqualTo("east-1");
    assertThat(cluster.get("glusterVersion").asString()).startsWith("10.");

    JsonNode share = cluster.get("shares").get(0);
    assertThat(cluster.get("shares")).hasSize(1);
    assertThat(share.get("share").asString()).isEqualTo("analytics");
    assertThat(share.get("volume").asString()).isEqualTo(p + "-3G-1");
    assertThat(share.get("exportLocation").asString()).isEqualTo("east-1:/" + p + "-3G-1");
    assertThat(share.get("status").asString()).isEqualTo("Started");
    assertThat(share.get("access").toString()).isEqualTo("[\"tenant-a\"]");
    assertThat(share.get("security").get("secured").asBoolean()).isTrue();

    assertThat(names(cluster.get("free"))).containsExactly(p + "-1G-1");
    assertThat(cluster.get("free").get(0).get("size").asInt()).isEqualTo(1);
    assertThat(names(cluster.get("notReady"))).containsExactly(p + "-3G-2");
    assertThat(names(cluster.get("foreign"))).containsExactly(p + "-5G-1");
    assertThat(cluster.get("foreign").get(0).get("reason").asString())
        .isEqualTo("bound by Manila share 0e0b6a2e-9a55-4f4b-9a0c-5b1f3f3b7c11");
    // Other tests' volumes on east are outside the pattern too; ours is among them.
    assertThat(
            StreamSupport.stream(cluster.get("outsidePattern").spliterator(), false)
                .map(JsonNode::asString))
        .contains(p + "-outside");
  }

  @Test
  void showAsTextNamesEverything() {
    Main.Captured result = estate.managing().tool(work, "show");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("cluster east (root@east-1): gluster 10.")
        .contains("    analytics  volume " + p + "-3G-1 (3 GB), started")
        .contains("      security  ok")
        .contains(p + "-5G-1: bound by Manila share");
  }

  private static List<String> names(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false)
        .map(n -> n.get("volume").asString())
        .toList();
  }
}

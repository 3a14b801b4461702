package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.JsonSchemas;
import io.glustershares.TestFiles;
import io.glustershares.model.GlusterArgv;
import io.glustershares.model.Identity;
import io.glustershares.render.Json;
import io.glustershares.sim.SimFaults;
import io.glustershares.sim.SimRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class ShowCommandTest {

  @TempDir Path work;

  @BeforeEach
  void copyExample() throws Exception {
    TestFiles.copyTree(Path.of("examples/quickstart"), work.resolve("quickstart"));
    TestFiles.copyTree(Path.of("src/test/resources/show"), work.resolve("show"));
  }

  @Test
  void theQuickstartPoolAsPeopleReadIt() throws Exception {
    Main.Captured result = new CliRunner(work).run("show", "-f", "quickstart/gluster-shares.yaml");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .isEqualTo(Files.readString(Path.of("src/test/resources/show/quickstart.txt")));
    assertThat(Files.readAllLines(work.resolve(".gluster-shares/demo.calls")))
        .containsExactly(
            "gluster --version",
            "gluster --xml volume info",
            "gluster --xml snapshot info",
            "gluster --xml pool list",
            "gluster --xml volume status all");
  }

  @Test
  void sharesForeignVolumesAndDriftInJson() throws Exception {
    SimRunner sim =
        new SimRunner(
            "demo",
            work.resolve("show/pool.yaml"),
            work.resolve(".gluster-shares"),
            SimFaults.NONE,
            ZonedDateTime::now,
            OptionalInt.empty());
    Map<String, String> analytics = new LinkedHashMap<>();
    analytics.put(Identity.MANILA_SHARE, Identity.shareUuid("prod", "analytics").toString());
    analytics.put(Identity.OWNER, "prod");
    analytics.put(Identity.NAME, "analytics");
    analytics.put("auth.ssl-allow", "glusterfs-server-1,manila-host,tenant-a,backup-1");
    analytics.put("client.ssl", "on");
    analytics.put("server.ssl", "on");
    analytics.put("nfs.export-volumes", "off");
    analytics.put("server.dynamic-auth", "on");
    run(sim, GlusterArgv.volumeSet("pool-3G-1", analytics));
    Map<String, String> old = new LinkedHashMap<>();
    old.put(Identity.OWNER, "prod");
    old.put(Identity.NAME, "old");
    old.put("client.ssl", "off");
    old.put("auth.ssl-allow", "tenant-z");
    run(sim, GlusterArgv.volumeSet("pool-1G-1", old));
    String snapshot = Identity.snapshotName("prod", "analytics", "nightly");
    run(sim, GlusterArgv.snapshotCreate(snapshot, "pool-3G-1", "prod/analytics/nightly"));
    run(sim, GlusterArgv.snapshotActivate(snapshot));
    run(sim, GlusterArgv.snapshotClone(Identity.cloneVolumeName("prod", "restore"), snapshot));

    Main.Captured result =
        new CliRunner(work).run("show", "--json", "-f", "show/gluster-shares.yaml");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(JsonSchemas.problems("show-v1.schema.json", result.out())).isEmpty();
    JsonNode cluster = Json.parse(result.out()).get("clusters").get(0);
    assertThat(cluster.get("host").asString()).isEqualTo("gluster-show-1");

    JsonNode share = cluster.get("shares").get(0);
    assertThat(share.get("share").asString()).isEqualTo("analytics");
    assertThat(share.get("managed").asBoolean()).isTrue();
    assertThat(share.get("exportLocation").asString()).isEqualTo("gluster-show-1:/pool-3G-1");
    assertThat(share.get("size").asInt()).isEqualTo(3);
    assertThat(share.get("access").toString()).isEqualTo("[\"tenant-a\"]");
    assertThat(share.get("keptCns").toString()).isEqualTo("[\"backup-1\"]");
    assertThat(share.get("security").get("secured").asBoolean()).isTrue();
    assertThat(share.get("snapshots").get(0).get("name").asString()).isEqualTo("nightly");
    assertThat(share.get("snapshots").get(0).get("glusterName").asString()).isEqualTo(snapshot);
    assertThat(share.get("snapshots").get(0).get("activated").asBoolean()).isTrue();

    JsonNode unmanaged = cluster.get("shares").get(1);
    assertThat(unmanaged.get("share").asString()).isEqualTo("old");
    assertThat(unmanaged.get("managed").asBoolean()).isFalse();
    assertThat(unmanaged.get("security").get("secured").asBoolean()).isFalse();
    assertThat(unmanaged.get("security").get("drift").get(0).toString())
        .isEqualTo("{\"option\":\"client.ssl\",\"expected\":\"on\",\"actual\":\"off\"}");
    assertThat(unmanaged.get("security").get("missingInfrastructureCns").toString())
        .isEqualTo("[\"glusterfs-server-1\",\"manila-host\"]");

    assertThat(cluster.get("pendingClones").get(0).asString())
        .isEqualTo(Identity.cloneVolumeName("prod", "restore") + " (for share 'restore')");
    assertThat(cluster.get("foreign").get(0).get("reason").asString())
        .isEqualTo("owned by stack 'test' (share 'other')");
    assertThat(cluster.get("free").toString())
        .isEqualTo("[{\"volume\":\"pool-1G-2\",\"size\":1},{\"volume\":\"pool-3G-2\",\"size\":3}]");
    assertThat(cluster.get("notReady").get(0).get("volume").asString()).isEqualTo("pool-10G-1");
    assertThat(cluster.get("outsidePattern").toString()).isEqualTo("[\"outsider\"]");
  }

  @Test
  void aClusterThatCannotBeReadIsReportedAndTheExitIs1() throws Exception {
    Main.Captured result =
        new CliRunner(work)
            .env(SimFaults.VARIABLE, "demo:fail=2")
            .run("show", "--json", "-f", "quickstart/gluster-shares.yaml");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "gluster-shares: cluster 'demo': volume info failed: simulated failure of call 2 (opErrno"
                + " 30800)\n");
    assertThat(JsonSchemas.problems("show-v1.schema.json", result.out())).isEmpty();
    assertThat(Json.parse(result.out()).get("clusters").get(0).get("error").asString())
        .contains("simulated failure of call 2");
  }

  @Test
  void anInvalidFileIsRefusedBeforeAnyClusterIsContacted() throws Exception {
    Files.writeString(work.resolve("quickstart/gluster-shares.yaml"), "apiVersion: nope\n");

    Main.Captured result = new CliRunner(work).run("show", "-f", "quickstart/gluster-shares.yaml");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(work.resolve(".gluster-shares")).doesNotExist();
  }

  @Test
  void debugShowsTheStackTraceOfAnError() throws Exception {
    Files.writeString(work.resolve("quickstart/demo-pool.yaml"), "host: [broken\n");

    Main.Captured plain = new CliRunner(work).run("show", "-f", "quickstart/gluster-shares.yaml");
    Main.Captured debug =
        new CliRunner(work).run("show", "--debug", "-f", "quickstart/gluster-shares.yaml");

    assertThat(plain.exitCode()).isEqualTo(3);
    assertThat(plain.err().lines()).hasSize(1);
    assertThat(plain.err()).startsWith("gluster-shares: simulator file ").doesNotContain("\tat ");
    assertThat(debug.exitCode()).isEqualTo(3);
    assertThat(debug.err()).contains("\tat io.glustershares.");
  }

  private static void run(SimRunner sim, List<String> argv) throws Exception {
    assertThat(sim.run(argv, Duration.ofSeconds(5)).stdout()).contains("<opRet>0</opRet>");
  }
}

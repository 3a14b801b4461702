package io.glustershares.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.glustershares.gluster.GlusterClient;
import io.glustershares.gluster.GlusterException;
import io.glustershares.gluster.GlusterXml;
import io.glustershares.gluster.ProcessResult;
import io.glustershares.gluster.Refresher;
import io.glustershares.model.GlusterArgv;
import io.glustershares.model.ObservedCluster;
import io.glustershares.model.Snapshot;
import io.glustershares.model.Volume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimRunnerTest {

  @TempDir Path work;
  private Path pool;

  @BeforeEach
  void writePool() throws Exception {
    pool = work.resolve("pool.yaml");
    Files.writeString(
        pool,
        """
        host: gluster-test-1
        version: "10.3"
        volumes:
          - name: legacy-3G-1
            options: { auth.ssl-allow: "glusterfs-server-1,manila-host", user.manila-share: 0e0b6a2e-9a55-4f4b-9a0c-5b1f3f3b7c11 }
            files: [ a.txt, dir/, dir/b.txt ]
        generate:
          - { name: "pool-{size}G-{n}", sizes: { 1: 2, 3: 1 }, ready: true }
        """);
  }

  private SimRunner runner(SimFaults faults) {
    return new SimRunner(
        "demo",
        pool,
        work.resolve(".gluster-shares"),
        faults,
        () -> ZonedDateTime.of(2026, 11, 25, 12, 0, 0, 0, ZoneOffset.UTC),
        OptionalInt.empty());
  }

  private GlusterClient client(SimRunner runner) {
    return new GlusterClient("demo", runner, Duration.ofSeconds(5), d -> {});
  }

  @Test
  void aRefreshReadsTheSeededPoolInFiveCalls() throws Exception {
    SimRunner runner = runner(SimFaults.NONE);
    ObservedCluster cluster = Refresher.refresh(client(runner));

    assertThat(cluster.host()).isEqualTo("gluster-test-1");
    assertThat(cluster.version().text()).isEqualTo("10.3");
    assertThat(cluster.volumes())
        .extracting(Volume::name)
        .containsExactly("legacy-3G-1", "pool-1G-1", "pool-1G-2", "pool-3G-1");
    assertThat(cluster.volume("pool-1G-1").orElseThrow().options())
        .containsEntry("auth.ssl-allow", "glusterfs-server-1,manila-host")
        .containsEntry("nfs.disable", "on");
    assertThat(Files.readAllLines(runner.callsPath()))
        .containsExactly(
            "gluster --version",
            "gluster --xml volume info",
            "gluster --xml snapshot info",
            "gluster --xml pool list",
            "gluster --xml volume status all");
  }

  @Test
  void aChangeIsAppendedToTheJournalAndFoldedIntoTheStateFileOnClose() throws Exception {
    SimRunner writer = runner(SimFaults.NONE);
    client(writer).volumes(); // seeds the state file
    String seeded = Files.readString(writer.statePath());
    for (int i = 0; i < 3; i++) {
      client(writer)
          .xml(
              GlusterArgv.volumeSet("pool-1G-1", Map.of("user.n", String.valueOf(i))),
              Optional.of("pool-1G-1"));
    }

    // Killed before close: the state file is untouched, the journal holds the three calls.
    assertThat(Files.readString(writer.statePath())).isEqualTo(seeded);
    Path journal = work.resolve(".gluster-shares/demo.journal");
    assertThat(Files.readAllLines(journal)).hasSize(4);
    assertThat(client(runner(SimFaults.NONE)).volumes().get(1).options())
        .containsEntry("user.n", "2");

    writer.close();
    assertThat(journal).doesNotExist();
    assertThat(Files.readString(writer.statePath())).contains("\"user.n\" : \"2\"");
    assertThat(client(runner(SimFaults.NONE)).volumes().get(1).options())
        .containsEntry("user.n", "2");
  }

  @Test
  void aStaleJournalAndACutLineAreIgnored() throws Exception {
    SimRunner writer = runner(SimFaults.NONE);
    client(writer)
        .xml(GlusterArgv.volumeSet("pool-1G-1", Map.of("user.n", "1")), Optional.of("pool-1G-1"));
    Path journal = work.resolve(".gluster-shares/demo.journal");
    String lines = Files.readString(journal);
    writer.close();
    // A crash between writing the snapshot and deleting the journal leaves it stale.
    Files.writeString(journal, lines.replace("\"user.n\",\"1\"", "\"user.n\",\"9\""));
    assertThat(client(runner(SimFaults.NONE)).volumes().get(1).options())
        .containsEntry("user.n", "1");

    Files.delete(journal);
    SimRunner second = runner(SimFaults.NONE);
    client(second)
        .xml(GlusterArgv.volumeSet("pool-1G-1", Map.of("user.n", "2")), Optional.of("pool-1G-1"));
    Files.writeString(journal, "{\"time\":", StandardOpenOption.APPEND);
    assertThat(client(runner(SimFaults.NONE)).volumes().get(1).options())
        .containsEntry("user.n", "2");
  }

  @Test
  void stateSurvivesTheProcessAndIsSharedByRunners() throws Exception {
    client(runner(SimFaults.NONE))
        .xml(
            GlusterArgv.volumeSet("pool-1G-1", Map.of("user.gluster-shares.owner", "demo")),
            Optional.of("pool-1G-1"));

    Volume seenByAnother = client(runner(SimFaults.NONE)).volumes().get(1);

    assertThat(seenByAnother.options()).containsEntry("user.gluster-shares.owner", "demo");
    assertThat(work.resolve(".gluster-shares/demo.json")).exists();
  }

  @Test
  void snapshotsClonesAndTheirXml() throws Exception {
    GlusterClient gluster = client(runner(SimFaults.NONE));
    gluster.xml(
        GlusterArgv.volumeSet("pool-3G-1", Map.of("user.gluster-shares.name", "parent")),
        Optional.empty());
    GlusterXml.Envelope created =
        gluster.xml(
            GlusterArgv.snapshotCreate("manila-s1", "pool-3G-1", "demo/parent/nightly"),
            Optional.empty());
    assertThat(GlusterXml.createdName(created, "snapCreate", "snapshot")).contains("manila-s1");

    Snapshot snapshot = gluster.snapshots().snapshots().get(0);
    assertThat(snapshot.name()).isEqualTo("manila-s1");
    assertThat(snapshot.originVolume()).isEqualTo("pool-3G-1");
    assertThat(snapshot.description()).isEqualTo("demo/parent/nightly");
    assertThat(snapshot.createTime()).isEqualTo("2026-11-25 12:00:00");
    assertThat(snapshot.activated()).isFalse();

    assertThatThrownBy(
            () -> gluster.xml(GlusterArgv.snapshotClone("clone-1", "manila-s1"), Optional.empty()))
        .hasMessageContaining("Snapshot manila-s1 is not activated");
    gluster.xml(GlusterArgv.snapshotActivate("manila-s1"), Optional.empty());
    GlusterXml.Envelope clone =
        gluster.xml(GlusterArgv.snapshotClone("clone-1", "manila-s1"), Optional.empty());
    assertThat(GlusterXml.createdName(clone, "CloneCreate", "volume")).contains("clone-1");

    Volume cloneVolume =
        gluster.volumes().stream()
            .filter(v -> v.name().equals("clone-1"))
            .findFirst()
            .orElseThrow();
    assertThat(cloneVolume.status()).isEqualTo(Volume.Status.CREATED);
    assertThat(cloneVolume.options()).containsEntry("user.gluster-shares.name", "parent");

    gluster.xml(GlusterArgv.volumeStop("pool-3G-1"), Optional.empty());
    assertThatThrownBy(() -> gluster.xml(GlusterArgv.volumeDelete("pool-3G-1"), Optional.empty()))
        .hasMessageContaining("as it has 1 snapshots");
    gluster.xml(GlusterArgv.snapshotDelete("manila-s1"), Optional.empty());
    assertThat(gluster.snapshots().snapshots()).isEmpty();
  }

  @Test
  void theWipeCommandsWorkOnTheSimulatedMount() throws Exception {
    GlusterClient gluster = client(runner(SimFaults.NONE));
    String mnt = "/var/lib/gluster-shares/mnt/legacy-3G-1";
    Duration t = Duration.ofSeconds(5);

    assertThat(gluster.host(GlusterArgv.Wipe.userId(), Optional.empty(), t).stdout())
        .isEqualTo("0\n");
    ProcessResult before = gluster.host(GlusterArgv.Wipe.inspectPath(mnt), Optional.empty(), t);
    assertThat(before.stdout()).isEqualTo("41ed 0 /\n41ed 0 /var\n41ed 0 /var/lib\n");
    assertThat(before.stderr())
        .contains("stat: cannot statx '/var/lib/gluster-shares': No such file or directory");
    assertThat(gluster.host(GlusterArgv.Wipe.makeBase(mnt), Optional.empty(), t).exitCode())
        .isZero();
    assertThat(gluster.host(GlusterArgv.Wipe.makeMountPoint(mnt), Optional.empty(), t).exitCode())
        .isZero();
    assertThat(gluster.host(GlusterArgv.Wipe.makeMountPoint(mnt), Optional.empty(), t).stderr())
        .contains("File exists");
    assertThat(gluster.host(GlusterArgv.Wipe.inspectPath(mnt), Optional.empty(), t).stdout())
        .endsWith(
            "41ed 0 /var/lib/gluster-shares\n41c0 0 /var/lib/gluster-shares/mnt\n41c0 0 "
                + mnt
                + "\n");
    assertThat(gluster.host(GlusterArgv.Wipe.mountTable(), Optional.empty(), t).stdout())
        .doesNotContain(mnt);
    assertThat(
            gluster
                .host(
                    GlusterArgv.Wipe.mount("gluster-test-1", "legacy-3G-1", mnt),
                    Optional.empty(),
                    t)
                .exitCode())
        .isZero();
    assertThat(gluster.host(GlusterArgv.Wipe.mountTable(), Optional.empty(), t).stdout())
        .contains(" / " + mnt + " rw,relatime - fuse.glusterfs gluster-test-1:/legacy-3G-1 ");
    assertThat(gluster.host(GlusterArgv.Wipe.remaining(mnt), Optional.empty(), t).stdout())
        .isEqualTo(mnt + "/a.txt\n");
    assertThat(gluster.host(GlusterArgv.Wipe.delete(mnt), Optional.empty(), t).exitCode()).isZero();
    assertThat(gluster.host(GlusterArgv.Wipe.remaining(mnt), Optional.empty(), t).stdout())
        .isEmpty();
    assertThat(gluster.host(GlusterArgv.Wipe.removeMountPoint(mnt), Optional.empty(), t).stderr())
        .contains("Device or resource busy");
    assertThat(gluster.host(GlusterArgv.Wipe.unmount(mnt), Optional.empty(), t).exitCode())
        .isZero();
    assertThat(gluster.host(GlusterArgv.Wipe.removeMountPoint(mnt), Optional.empty(), t).exitCode())
        .isZero();
  }

  @Test
  void failCallNFailsLikeGluster() throws Exception {
    GlusterClient gluster = client(runner(SimFaults.parse("demo:fail=2")));

    gluster.version();
    assertThatThrownBy(gluster::volumes)
        .isInstanceOf(GlusterException.class)
        .hasMessage(
            "cluster 'demo': volume info failed: simulated failure of call 2 (opErrno 30800)");
    assertThat(gluster.volumes()).hasSize(4);
  }

  @Test
  void aTransientFaultIsRetriedAway() throws Exception {
    SimRunner runner = runner(SimFaults.parse("*:transient=1"));

    client(runner)
        .xml(GlusterArgv.volumeSet("pool-1G-1", Map.of("user.x", "1")), Optional.of("pool-1G-1"));

    assertThat(Files.readAllLines(runner.callsPath())).hasSize(2);
    assertThat(runner.current().volume("pool-1G-1").options).containsEntry("user.x", "1");
  }

  @Test
  void hostileWordsAreLoggedQuotedAndNeverInterpreted() throws Exception {
    SimRunner runner = runner(SimFaults.NONE);
    LinkedHashMap<String, String> options = new LinkedHashMap<>();
    options.put("user.note", "a; rm -rf / $(id) `id` 'q'\nnext");

    client(runner).xml(GlusterArgv.volumeSet("pool-1G-1", options), Optional.empty());

    assertThat(runner.current().volume("pool-1G-1").options.get("user.note"))
        .isEqualTo("a; rm -rf / $(id) `id` 'q'\nnext");
    assertThat(Files.readString(runner.callsPath()))
        .isEqualTo(
            "gluster --xml volume set pool-1G-1 user.note 'a; rm -rf / $(id) `id` '\\''q'\\''\nnext'\n");
  }

  @Test
  void poolFileMistakesAreNamedByPlace() throws Exception {
    Files.writeString(pool, "host: x\nvolums: []\n");

    assertThatThrownBy(() -> client(runner(SimFaults.NONE)).version())
        .isInstanceOf(SimException.class)
        .hasMessageContaining("line 2, column 1: unknown field (did you mean 'volumes'?)");
  }

  /**
   * A file that is not a pool (a secret, a CI variable dump) may be named by a hostile desired
   * file: what it holds never appears in a message (issue 11, item 8).
   */
  @Test
  void whatAPoolFileHoldsIsNeverEchoed() throws Exception {
    String secret = "glpat-Zs3cr3tT0k3n";
    for (String text :
        List.of(
            "CI_JOB_TOKEN=" + secret + "\nother: [\n",
            "token: " + secret + "\n",
            secret + ": 1\n",
            "host: " + secret + "!\n",
            "volumes:\n  - name: " + secret + "/x\n",
            "volumes:\n  - { name: v, status: " + secret + " }\n",
            "generate:\n  - { name: " + secret + " }\n",
            "\"" + secret + "\n")) {
      Files.writeString(pool, text);
      Files.deleteIfExists(work.resolve(".gluster-shares/demo.json"));

      assertThatThrownBy(() -> client(runner(SimFaults.NONE)).version())
          .as(text)
          .isInstanceOf(SimException.class)
          .message()
          .doesNotContain(secret)
          .doesNotContain("Zs3");
    }
  }

  @Test
  void poolCertificatesMustBeInsideThePoolsDirectory() throws Exception {
    Files.writeString(work.resolve("outside.pem"), "-----BEGIN CERTIFICATE-----\n");
    Files.createDirectories(work.resolve("sub"));
    Path inner = work.resolve("sub/pool.yaml");
    for (String path : List.of("/etc/hostname", "../outside.pem")) {
      Files.writeString(inner, "tls: { pem: " + path + " }\n");
      pool = inner;
      Files.deleteIfExists(work.resolve(".gluster-shares/demo.json"));

      assertThatThrownBy(() -> client(runner(SimFaults.NONE)).version())
          .as(path)
          .isInstanceOf(SimException.class)
          .hasMessageContaining(
              "tls.pem: valid: a file relative to the pool file, inside its" + " directory");
    }
  }

  @Test
  void aPoolFileThatIsAFifoIsRefusedWithoutBlocking() throws Exception {
    Files.delete(pool);
    Process p = new ProcessBuilder("mkfifo", pool.toString()).inheritIO().start();
    assertThat(p.waitFor()).isZero();

    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () ->
            assertThatThrownBy(() -> client(runner(SimFaults.NONE)).version())
                .isInstanceOf(SimException.class)
                .hasMessageContaining("is not a regular file"));
  }

  @Test
  void faultSpecsAreChecked() {
    assertThatThrownBy(() -> SimFaults.parse("demo:explode=3"))
        .hasMessageContaining("unknown fault 'explode'");
    assertThatThrownBy(() -> SimFaults.parse("demo")).hasMessageContaining("CLUSTER:KIND=N");
  }

  @Test
  void latencyIsAddedToEveryCall() throws Exception {
    SimRunner slow =
        new SimRunner(
            "demo",
            pool,
            work.resolve(".gluster-shares"),
            SimFaults.NONE,
            ZonedDateTime::now,
            OptionalInt.of(50));

    ProcessResult result = slow.run(GlusterArgv.version(), Duration.ofSeconds(5));

    assertThat(result.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    assertThat(List.of(result.exitCode())).containsExactly(0);
  }
}

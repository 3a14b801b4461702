package io.glustershares.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.load.DesiredStateLoader;
import io.glustershares.load.WorkingTree;
import io.glustershares.model.DesiredState;
import io.glustershares.model.HostFacts;
import io.glustershares.model.HostFacts.FileFact;
import io.glustershares.model.ObservedCluster;
import io.glustershares.plan.Observed;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Doctor's conclusions from facts read before: each check's OK, WARN and FAIL sides. */
class DoctorTest {

  /** The fixture certificates are valid until 2036-11-22. */
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  @TempDir Path dir;
  private DesiredState desired;
  private String ca;
  private String server;
  private String selfSigned;

  @BeforeEach
  void load() throws Exception {
    Files.writeString(
        dir.resolve("f.yaml"),
        """
        apiVersion: gluster-shares/v1
        stack: prod
        volumePattern: 'pool-#{size}G-\\d+$'
        clusters:
          east: { server: east-1 }
          west: { server: west-1 }
        """);
    DesiredStateLoader.Result r =
        new DesiredStateLoader(new WorkingTree(dir)).load(Path.of("f.yaml"));
    desired = r.state().orElseThrow();
    ca = resource("demo-ca.pem");
    server = resource("gluster-demo-1.pem");
    selfSigned = resource("tenant-b.pem");
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = DoctorTest.class.getResourceAsStream("/doctor/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  private static FileFact file(String content) {
    return new FileFact(true, Optional.of("644"), Optional.of(content));
  }

  private Map<String, FileFact> tlsFiles(String pem, String caPem, String keyMode) {
    Map<String, FileFact> files = new LinkedHashMap<>();
    files.put("/etc/ssl/glusterfs.pem", file(pem));
    files.put("/etc/ssl/glusterfs.ca", file(caPem));
    files.put("/etc/ssl/glusterfs.key", new FileFact(true, Optional.of(keyMode), Optional.empty()));
    return files;
  }

  private static HostFacts facts(Map<String, FileFact> files, boolean readsUsrLib, boolean thin) {
    return facts(files, readsUsrLib, thin, false);
  }

  private static HostFacts facts(
      Map<String, FileFact> files, boolean readsUsrLib, boolean thin, boolean nfsServer) {
    return new HostFacts(
        "east-1",
        files,
        readsUsrLib,
        Map.of("/bricks/pool-1G-1", "/dev/mapper/vg-thin1"),
        thin ? Set.of("/dev/mapper/vg-thin1") : Set.of(),
        true,
        nfsServer);
  }

  private static ObservedCluster cluster(String name) {
    return Observed.state()
        .cluster(name)
        .free("pool-1G-1", "pool-1G-2")
        .and()
        .build()
        .clusters()
        .get(name);
  }

  private static Doctor.Subject reached(String name, HostFacts facts) {
    return new Doctor.Subject(
        name, "ssh", Optional.of(cluster(name)), Optional.of(facts), Optional.empty());
  }

  private static List<String> lines(List<Doctor.Finding> findings) {
    return findings.stream().map(f -> f.level() + " " + f.cluster() + ": " + f.what()).toList();
  }

  @Test
  void aHealthyClusterIsAllOk() {
    List<Doctor.Finding> findings =
        Doctor.check(
            desired,
            List.of(reached("east", facts(tlsFiles(server, ca, "600"), false, true))),
            NOW);

    assertThat(findings).allSatisfy(f -> assertThat(f.level()).isEqualTo(Doctor.Level.OK));
    assertThat(lines(findings))
        .contains(
            "OK east: certificate CN glusterfs-server-1 is an infrastructure CN",
            "OK east: certificate glusterfs-server-1 is signed by the CA in /etc/ssl/glusterfs.ca",
            "OK east: free pool volumes: 2 × 1 GB",
            "OK east: every brick on east-1 is on thin LVM: snapshots work");
  }

  @Test
  void anUnreachableClusterFailsWithTheReason() {
    List<Doctor.Finding> findings =
        Doctor.check(
            desired,
            List.of(
                new Doctor.Subject(
                    "west",
                    "ssh root@west-1",
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of("connection refused"))),
            NOW);

    assertThat(lines(findings))
        .containsExactly(
            "FAIL west: not reachable (ssh root@west-1): connection refused",
            "SKIP west: gluster version, servers, TLS files, CA, certificates, pool and bricks:"
                + " not checked, the cluster could not be read");
  }

  @Test
  void theClustersCaIsNotOkWhenACLusterCouldNotBeRead() {
    List<Doctor.Finding> findings =
        Doctor.check(
            desired,
            List.of(
                reached("east", facts(tlsFiles(server, ca, "600"), false, true)),
                new Doctor.Subject(
                    "west",
                    "ssh root@west-1",
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of("connection refused"))),
            NOW);

    assertThat(lines(findings))
        .noneMatch(l -> l.startsWith("OK (all)"))
        .contains(
            "SKIP (all): one CA for every cluster: not checked on west (not read); east alone"
                + " was compared");
  }

  @Test
  void aHostThatCouldNotBeProbedSkipsItsChecksInsteadOfPassingThem() {
    List<Doctor.Finding> findings =
        Doctor.check(
            desired,
            List.of(
                new Doctor.Subject(
                    "east",
                    "ssh",
                    Optional.of(cluster("east")),
                    Optional.empty(),
                    Optional.of("hostname: connection lost"))),
            NOW);

    assertThat(lines(findings))
        .contains(
            "SKIP east: TLS files, CA, certificates and bricks on thin LVM: not checked on the"
                + " command host (hostname: connection lost)");
  }

  @Test
  void anUnreadableCertificateIsSkippedNotCalledMissingOrInvalid() {
    Map<String, FileFact> files = tlsFiles(server, ca, "600");
    files.put("/etc/ssl/glusterfs.pem", FileFact.unreadable("Permission denied"));

    List<String> found =
        lines(Doctor.check(desired, List.of(reached("east", facts(files, false, true))), NOW));

    assertThat(found)
        .contains(
            "SKIP east: certificate checks: /etc/ssl/glusterfs.pem on east-1 could not be read"
                + " (Permission denied)")
        .noneMatch(l -> l.startsWith("FAIL"));
  }

  @Test
  void oldGlusterFailsAndGlusterWithoutClonesWarns() {
    ObservedCluster old =
        Observed.state().cluster("east").version(3, 5).and().build().clusters().get("east");
    ObservedCluster noClones =
        Observed.state().cluster("west").version(3, 6).and().build().clusters().get("west");
    List<Doctor.Finding> findings =
        Doctor.check(
            desired,
            List.of(
                new Doctor.Subject(
                    "east", "x", Optional.of(old), Optional.empty(), Optional.empty()),
                new Doctor.Subject(
                    "west", "x", Optional.of(noClones), Optional.empty(), Optional.empty())),
            NOW);

    assertThat(lines(findings))
        .contains(
            "FAIL east: gluster 3.5 is older than 3.6",
            "WARN west: gluster 3.6: shares from snapshots need 3.7");
  }

  @Test
  void missingTlsFilesAndAnOpenKeyAreReported() {
    Map<String, FileFact> files = tlsFiles(server, ca, "644");
    files.remove("/etc/ssl/glusterfs.ca");
    List<Doctor.Finding> findings =
        Doctor.check(desired, List.of(reached("east", facts(files, false, true))), NOW);

    assertThat(lines(findings))
        .contains(
            "FAIL east: /etc/ssl/glusterfs.ca is missing on east-1",
            "WARN east: /etc/ssl/glusterfs.key has mode 644 on east-1")
        .noneMatch(l -> l.contains("TLS files present"));
  }

  @Test
  void aDebianBuildNeedsTheFilesWhereItReadsThem() {
    Map<String, FileFact> files = tlsFiles(server, ca, "600");
    files.put("/usr/lib/ssl/glusterfs.pem", file(server));
    files.put("/usr/lib/ssl/glusterfs.ca", file(selfSigned));
    List<Doctor.Finding> findings =
        Doctor.check(desired, List.of(reached("east", facts(files, true, true))), NOW);

    assertThat(findings)
        .filteredOn(f -> f.level() == Doctor.Level.FAIL)
        .extracting(f -> f.what() + " | " + f.fix().orElseThrow())
        .containsExactly(
            "the installed gluster reads /usr/lib/ssl/glusterfs.key, which is missing on east-1"
                + " | ln -sfn /etc/ssl/glusterfs.key /usr/lib/ssl/glusterfs.key",
            "/usr/lib/ssl/glusterfs.ca differs from /etc/ssl/glusterfs.ca on east-1 (gluster reads"
                + " the first) | ln -sfn /etc/ssl/glusterfs.ca /usr/lib/ssl/glusterfs.ca");
  }

  @Test
  void aTenantCertificateOnAServerFailsTwice() {
    List<Doctor.Finding> findings =
        Doctor.check(
            desired,
            List.of(reached("east", facts(tlsFiles(selfSigned, ca, "600"), false, true))),
            NOW);

    assertThat(lines(findings))
        .contains(
            "FAIL east: certificate CN tenant-b-client on east-1 does not start with"
                + " 'glusterfs-server' or 'manila-host'",
            "FAIL east: certificate tenant-b-client is not signed by the CA in"
                + " /etc/ssl/glusterfs.ca");
  }

  @Test
  void expiryIsWarnedThirtyDaysAheadAndFailsAfter() {
    Instant notAfter = Instant.parse("2036-11-22T15:56:00Z");
    HostFacts f = facts(tlsFiles(server, ca, "600"), false, true);

    assertThat(
            lines(
                Doctor.check(
                    desired, List.of(reached("east", f)), notAfter.minusSeconds(31 * 86400L))))
        .contains("OK east: certificate glusterfs-server-1 valid until 2036-11-22T15:56:00Z");
    assertThat(
            lines(
                Doctor.check(
                    desired, List.of(reached("east", f)), notAfter.minusSeconds(29 * 86400L))))
        .contains(
            "WARN east: certificate glusterfs-server-1 expires on 2036-11-22T15:56:00Z",
            "WARN east: CA demo-ca expires on 2036-11-22T15:56:00Z");
    assertThat(lines(Doctor.check(desired, List.of(reached("east", f)), notAfter.plusSeconds(1))))
        .contains("FAIL east: certificate glusterfs-server-1 expired on 2036-11-22T15:56:00Z");
  }

  @Test
  void clustersWithDifferentCasFail() {
    List<Doctor.Finding> same =
        Doctor.check(
            desired,
            List.of(
                reached("east", facts(tlsFiles(server, ca, "600"), false, true)),
                reached("west", facts(tlsFiles(server, ca, "600"), false, true))),
            NOW);
    List<Doctor.Finding> different =
        Doctor.check(
            desired,
            List.of(
                reached("east", facts(tlsFiles(server, ca, "600"), false, true)),
                reached("west", facts(tlsFiles(server, selfSigned, "600"), false, true))),
            NOW);

    assertThat(lines(same)).contains("OK (all): every cluster trusts the same CA file");
    assertThat(lines(different))
        .anyMatch(
            l ->
                l.startsWith("FAIL (all): the clusters trust different CA files: east (")
                    && l.contains("; west ("));
  }

  @Test
  void poolReadinessAndThinBricks() {
    ObservedCluster mixed =
        Observed.state()
            .cluster("east")
            .free("pool-1G-1")
            .volume("pool-3G-1", Map.of())
            .and()
            .build()
            .clusters()
            .get("east");
    HostFacts thick = facts(tlsFiles(server, ca, "600"), false, false);
    List<Doctor.Finding> findings =
        Doctor.check(
            desired,
            List.of(
                new Doctor.Subject(
                    "east", "x", Optional.of(mixed), Optional.of(thick), Optional.empty())),
            NOW);

    assertThat(lines(findings))
        .contains(
            "OK east: free pool volumes: 1 × 1 GB",
            "WARN east: 1 pool volume is not ready: pool-3G-1",
            "WARN east: 1 volume has bricks not on thin LVM (pool-1G-1): their snapshots will"
                + " fail");
  }

  @Test
  void noFreeVolumeWarns() {
    ObservedCluster empty = Observed.state().cluster("east").and().build().clusters().get("east");
    List<Doctor.Finding> findings =
        Doctor.check(
            desired,
            List.of(
                new Doctor.Subject(
                    "east", "x", Optional.of(empty), Optional.empty(), Optional.empty())),
            NOW);

    assertThat(lines(findings)).contains("WARN east: no free pool volume");
  }

  // ---- servers, bricks, and what is cluster-wide --------------------------------------------

  private List<String> check(ObservedCluster cluster, HostFacts facts) {
    return lines(
        Doctor.check(
            desired,
            List.of(
                new Doctor.Subject(
                    cluster.name(),
                    "ssh",
                    Optional.of(cluster),
                    Optional.ofNullable(facts),
                    Optional.empty())),
            NOW));
  }

  @Test
  void aDisconnectedServerFailsAndNamesItself() {
    ObservedCluster east =
        Observed.state()
            .cluster("east")
            .servers("east-2", "east-3")
            .disconnected("east-3")
            .free("pool-1G-1")
            .and()
            .build()
            .clusters()
            .get("east");

    assertThat(check(east, null))
        .contains(
            "FAIL east: server east-3 is disconnected (its glusterd does not answer): gluster"
                + " would accept changes to volumes with a brick there while that brick goes on"
                + " serving without them, so apply refuses them")
        // Three servers and no infrastructureCns in this file.
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith(
                        "FAIL east: cluster 'east' has 3 servers; declare"
                            + " clusters.east.infrastructureCns"));
  }

  @Test
  void serversAllConnectedAreOkABrickNotRunningWarns() {
    ObservedCluster east =
        Observed.state()
            .cluster("east")
            .servers("east-2")
            .free("pool-1G-1")
            .brickDown("pool-1G-1", "east-2")
            .and()
            .build()
            .clusters()
            .get("east");

    assertThat(check(east, null))
        .contains(
            "OK east: 2 servers, all connected: east-1, east-2",
            "WARN east: brick east-2:/bricks/pool-1G-1 of pool-1G-1 is not running");
    // One server: nothing to say about servers.
    assertThat(check(cluster("east"), null)).noneMatch(l -> l.contains("servers"));
  }

  @Test
  void theClusterWideNfsSettingIsReportedOnlyWhereANfsServerExists() {
    ObservedCluster east =
        Observed.state()
            .cluster("east")
            .free("pool-1G-1")
            .volume("pool-1G-2", Map.of("auth.ssl-allow", Observed.READY, "nfs.disable", "off"))
            .volume("outside", Map.of("nfs.export-volumes", "on"))
            .and()
            .build()
            .clusters()
            .get("east");

    assertThat(check(east, facts(tlsFiles(server, ca, "600"), false, true, false)))
        .noneMatch(l -> l.contains("nfs"));
    assertThat(check(east, facts(tlsFiles(server, ca, "600"), false, true, true)))
        .contains(
            "WARN east: gluster's NFS server is installed on east-1; nfs.export-volumes is on"
                + " (cluster-wide: gluster-shares never sets it), and 1 pool or share volume has"
                + " no nfs.disable on, so it may export them without TLS: pool-1G-2");
  }
}

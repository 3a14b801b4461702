package io.glustershares.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.it.estate.Credentials;
import io.glustershares.it.estate.TestCa;
import io.glustershares.load.DesiredStateLoader;
import io.glustershares.load.WorkingTree;
import io.glustershares.model.DesiredState;
import io.glustershares.model.HostFacts;
import io.glustershares.model.HostFacts.FileFact;
import io.glustershares.model.ObservedCluster;
import io.glustershares.plan.Observed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** doctor's line per server per check: each check's OK and FAIL sides, named CLUSTER/NODE. */
class NodeDoctorTest {

  @TempDir Path dir;
  private DesiredState desired;
  private TestCa ca;
  private Instant now;

  @BeforeEach
  void load() throws Exception {
    Files.writeString(
        dir.resolve("f.yaml"),
        """
        apiVersion: gluster-shares/v1
        stack: prod
        volumePattern: 'pool-#{size}G-\\d+$'
        clusters:
          east: { server: root@east-1 }
        """);
    desired =
        new DesiredStateLoader(new WorkingTree(dir)).load(Path.of("f.yaml")).state().orElseThrow();
    ca = TestCa.create("estate-ca", dir.resolve("ca"));
    now = Instant.now();
  }

  private static String read(Path p) throws Exception {
    return Files.readString(p);
  }

  private static FileFact file(String content) {
    return new FileFact(true, Optional.of("644"), Optional.of(content));
  }

  /** A Debian node: /usr/lib/ssl holds what gluster reads, /etc/ssl the same files. */
  private static HostFacts debian(String node, Credentials c) throws Exception {
    Map<String, FileFact> files = new LinkedHashMap<>();
    for (String d : List.of("/etc/ssl/glusterfs.", "/usr/lib/ssl/glusterfs.")) {
      files.put(d + "pem", file(read(c.cert())));
      files.put(d + "ca", file(read(c.ca())));
      files.put(d + "key", new FileFact(true, Optional.of("600"), Optional.empty()));
    }
    return new HostFacts(
        node,
        files,
        true,
        Map.of("/bricks/pool-1G-1", "/dev/mapper/vg-thin1"),
        Set.of("/dev/mapper/vg-thin1"),
        true,
        false);
  }

  private NodeDoctor.Visit node(String name, Credentials c) throws Exception {
    return new NodeDoctor.Visit.Probed("east", name, debian(name, c));
  }

  private Optional<List<NodeDoctor.CaFile>> managing() throws Exception {
    return Optional.of(List.of(new NodeDoctor.CaFile("/etc/ssl/glusterfs.ca", read(ca.caFile()))));
  }

  private Map<String, ObservedCluster> observed() {
    return Observed.state().cluster("east").free("pool-1G-1").and().build().clusters();
  }

  private List<String> check(List<NodeDoctor.Visit> visits, Optional<List<NodeDoctor.CaFile>> m) {
    return NodeDoctor.check(desired, observed(), visits, m, now).stream()
        .map(f -> f.level() + " " + f.cluster() + ": " + f.what())
        .toList();
  }

  private List<NodeDoctor.Visit> healthy() throws Exception {
    return List.of(
        node("east-1", ca.issue("glusterfs-server-east-1")),
        node("east-2", ca.issue("glusterfs-server-east-2")),
        node("east-3", ca.issue("glusterfs-server-east-3")));
  }

  @Test
  void everyServerOfAHealthyClusterPassesEveryCheck() throws Exception {
    List<String> lines = check(healthy(), managing());

    assertThat(lines).allMatch(l -> l.startsWith("OK "), "all OK");
    for (String n : List.of("east-1", "east-2", "east-3")) {
      assertThat(lines)
          .contains(
              "OK east/"
                  + n
                  + ": TLS files present in /etc/ssl and in /usr/lib/ssl, where this build reads"
                  + " them",
              "OK east/"
                  + n
                  + ": certificate CN glusterfs-server-"
                  + n
                  + " has the server prefix 'glusterfs-server'",
              "OK east/"
                  + n
                  + ": certificate glusterfs-server-"
                  + n
                  + " is signed by the CA in /usr/lib/ssl/glusterfs.ca",
              "OK east/" + n + ": every brick on " + n + " is on thin LVM: snapshots work")
          .anyMatch(
              l ->
                  l.startsWith(
                      "OK east/" + n + ": certificate glusterfs-server-" + n + " valid until"))
          .anyMatch(
              l -> l.matches("OK east/" + n + ": CA SHA-256 [0-9a-f]{16} is the managing host's"));
    }
    assertThat(lines)
        .anyMatch(
            l ->
                l.matches(
                    "OK \\(all\\): one CA SHA-256 [0-9a-f]{16} on 3 servers and the managing host"));
  }

  @Test
  void aServerWithAnotherCaFailsTheConsensus() throws Exception {
    TestCa other = TestCa.create("other-ca", dir.resolve("other"));
    List<NodeDoctor.Visit> visits =
        List.of(
            node("east-1", ca.issue("glusterfs-server-east-1")),
            node("east-2", other.issue("glusterfs-server-east-2")));

    List<String> lines = check(visits, managing());

    assertThat(lines)
        .anyMatch(
            l ->
                l.matches(
                    "FAIL east/east-2: CA SHA-256 [0-9a-f]{16} differs from the managing host's"
                        + " \\(SHA-256 [0-9a-f]{16}\\): clients and servers must share one CA"))
        .anyMatch(l -> l.matches("OK east/east-1: CA SHA-256 [0-9a-f]{16} is the managing host's"))
        .noneMatch(l -> l.startsWith("OK (all)"));
  }

  @Test
  void withoutAManagingHostTheServersAreComparedWithEachOther() throws Exception {
    TestCa other = TestCa.create("other-ca", dir.resolve("other"));
    List<NodeDoctor.Visit> visits =
        List.of(
            node("east-1", ca.issue("glusterfs-server-east-1")),
            node("east-2", other.issue("glusterfs-server-east-2")),
            node("east-3", ca.issue("glusterfs-server-east-3")));

    assertThat(check(visits, Optional.empty()))
        .anyMatch(
            l ->
                l.startsWith("FAIL east/east-2: CA SHA-256 ")
                    && l.contains("differs from the one most servers have"))
        .anyMatch(l -> l.startsWith("OK east/east-3: CA SHA-256 "));
  }

  @Test
  void aWrongCnAndACertificateOfAnotherCaFail() throws Exception {
    TestCa other = TestCa.create("other-ca", dir.resolve("other"));
    Credentials wrongCn = ca.issue("storage-east-2");
    Credentials foreignCert = other.issue("glusterfs-server-east-3");
    HostFacts third = debian("east-3", foreignCert);
    // east-3 trusts the estate CA but presents a certificate the other CA signed.
    third.files().put("/usr/lib/ssl/glusterfs.ca", file(read(ca.caFile())));
    third.files().put("/etc/ssl/glusterfs.ca", file(read(ca.caFile())));
    List<String> lines =
        check(
            List.of(node("east-2", wrongCn), new NodeDoctor.Visit.Probed("east", "east-3", third)),
            managing());

    assertThat(lines)
        .contains(
            "FAIL east/east-2: certificate CN storage-east-2 does not start with the server prefix"
                + " 'glusterfs-server'",
            "FAIL east/east-3: certificate glusterfs-server-east-3 is not signed by the CA in"
                + " /usr/lib/ssl/glusterfs.ca");
  }

  @Test
  void anExpiredCertificateFailsAndOneAboutToExpireWarns() throws Exception {
    Credentials expired = ca.issueExpired("glusterfs-server-east-2");
    Credentials soon =
        ca.issue(
            "glusterfs-server-east-3",
            "soon",
            now.minus(Duration.ofDays(300)),
            now.plus(Duration.ofDays(5)));

    List<String> lines = check(List.of(node("east-2", expired), node("east-3", soon)), managing());

    assertThat(lines)
        .anyMatch(
            l -> l.startsWith("FAIL east/east-2: certificate glusterfs-server-east-2 expired on "))
        .anyMatch(
            l -> l.startsWith("WARN east/east-3: certificate glusterfs-server-east-3 expires on "));
  }

  @Test
  void whatGlusterReadsMustBeThereAndBeTheSameAsEtcSsl() throws Exception {
    HostFacts f = debian("east-2", ca.issue("glusterfs-server-east-2"));
    f.files().remove("/usr/lib/ssl/glusterfs.key");
    f.files().put("/usr/lib/ssl/glusterfs.pem", file(read(ca.issue("glusterfs-server-x").cert())));

    List<String> lines =
        check(List.of(new NodeDoctor.Visit.Probed("east", "east-2", f)), managing());

    assertThat(lines)
        .contains(
            "FAIL east/east-2: /usr/lib/ssl/glusterfs.key is missing (this build reads it)",
            "FAIL east/east-2: /usr/lib/ssl/glusterfs.pem differs from /etc/ssl/glusterfs.pem"
                + " (gluster reads the first)",
            "OK east/east-2: certificate CN glusterfs-server-x has the server prefix"
                + " 'glusterfs-server'")
        .noneMatch(l -> l.contains("TLS files present"));
  }

  @Test
  void unreachableServersFailSkippedOnesWarnAndHostileTextIsEscaped() throws Exception {
    List<String> lines =
        check(
            List.of(
                new NodeDoctor.Visit.Unreached(
                    "east", "east-2\u202Egnp.exe", "SSH to east-2 failed:\nconnection refused"),
                new NodeDoctor.Visit.Skipped("east", "east-3", "the local CLI gives no login")),
            managing());

    assertThat(lines)
        .containsExactly(
            "FAIL east/east-2\\u202Egnp.exe: not checked: SSH to east-2 failed: connection refused",
            "SKIP east/east-3: not checked: the local CLI gives no login");
  }

  @Test
  void oneCaOnEveryServerIsNotOkWhenAServerWasNotChecked() throws Exception {
    List<NodeDoctor.Visit> visits = new java.util.ArrayList<>(healthy().subList(0, 2));
    visits.add(new NodeDoctor.Visit.Skipped("east", "east-3", "the local CLI gives no login"));

    List<String> lines = check(visits, managing());

    assertThat(lines)
        .noneMatch(l -> l.startsWith("OK (all)"))
        .anyMatch(
            l ->
                l.matches(
                    "SKIP \\(all\\): one CA SHA-256 [0-9a-f]{16} on 2 servers and the"
                        + " managing host; not compared on east/east-3"));
  }

  @Test
  void anUnreadableCaFileIsSkippedNotCompared() throws Exception {
    HostFacts facts = debian("east-1", ca.issue("glusterfs-server-east-1"));
    Map<String, FileFact> files = new LinkedHashMap<>(facts.files());
    files.put("/usr/lib/ssl/glusterfs.ca", FileFact.unreadable("Permission denied"));
    HostFacts unreadable =
        new HostFacts(
            "east-1", files, true, facts.brickDevices(), facts.thinDevices(), true, false);

    List<String> lines =
        check(List.of(new NodeDoctor.Visit.Probed("east", "east-1", unreadable)), managing());

    assertThat(lines)
        .contains(
            "SKIP east/east-1: CA checks: /usr/lib/ssl/glusterfs.ca could not be read"
                + " (Permission denied)")
        .noneMatch(l -> l.startsWith("FAIL"));
  }

  @Test
  void aManagingHostCaFileThatCannotBeReadIsSkipped() throws Exception {
    List<String> lines =
        check(
            healthy().subList(0, 1),
            Optional.of(
                List.of(
                    NodeDoctor.CaFile.unreadable("/etc/ssl/glusterfs.ca", "not a regular file"))));

    assertThat(lines)
        .contains(
            "SKIP (managing host): /etc/ssl/glusterfs.ca could not be read here (not a regular"
                + " file): the servers' CA was not compared with it")
        .noneMatch(l -> l.contains("no /etc/ssl/glusterfs.ca here"));
  }

  @Test
  void aManagingHostWithoutACaFileIsWarned() throws Exception {
    assertThat(check(healthy().subList(0, 1), Optional.of(List.of())))
        .contains(
            "WARN (managing host): no /etc/ssl/glusterfs.ca here to compare the servers' CA with");
  }
}

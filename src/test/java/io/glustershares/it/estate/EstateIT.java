package io.glustershares.it.estate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The estate itself: the shape issue 12 asks for, machines isolated from each other and from the
 * host, and a second estate running beside the shared one that clears a crashed run's leftovers at
 * start and leaves nothing behind at the end.
 */
@ExtendWith(EstateExtension.class)
class EstateIT {

  @Test
  void eachNodeIsAMachineOfItsOwnWithItsOwnIdentity(Estate estate) throws Exception {
    Set<String> uuids = new TreeSet<>();
    for (Node n : estate.nodes()) {
      assertThat(n.exec("hostname").orThrow().out().strip()).isEqualTo(n.name());
      assertThat(n.exec("ip", "-4", "-o", "addr", "show", "eth0").out()).contains(n.ip() + "/24");
      // Its own PID namespace: PID 1 is the estate's init, and the host's processes are not there.
      assertThat(n.exec("cat", "/proc/1/cmdline").out()).startsWith("gluster-shares-estate:");
      assertThat(n.exec("ps", "-e", "-o", "comm=").out().lines().toList())
          .contains("glusterd", "sshd")
          .doesNotContain("java");
      X509Certificate cert = certificate(n.exec("cat", "/etc/ssl/glusterfs.pem").orThrow().out());
      assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=" + n.cn());
      assertThat(n.exec("readlink", "/usr/lib/ssl/glusterfs.pem").out().strip())
          .isEqualTo("/etc/ssl/glusterfs.pem");
      uuids.add(n.exec("grep", "UUID", "/var/lib/glusterd/glusterd.info").orThrow().out());
    }
    assertThat(uuids).as("every node has a glusterd state of its own").hasSize(5);
    X509Certificate host =
        certificate(estate.managing().exec("cat", "/etc/ssl/glusterfs.pem").orThrow().out());
    assertThat(host.getSubjectX500Principal().getName()).isEqualTo("CN=manila-host");
  }

  @Test
  void theTwoClustersAreDistinct(Estate estate) {
    assertThat(pool(estate.node("east-1"))).containsExactly("east-2", "east-3", "localhost");
    assertThat(pool(estate.node("east-3"))).containsExactly("east-1", "east-2", "localhost");
    assertThat(pool(estate.node("west-2"))).containsExactly("localhost", "west-1");
    // gluster itself refuses to join a node of one cluster to the other.
    Exec.Result probe = estate.node("east-1").gluster("--xml", "peer", "probe", "west-1");
    assertThat(probe.out()).contains("<opRet>-1</opRet>").contains("another cluster");
    assertThat(pool(estate.node("east-1"))).containsExactly("east-2", "east-3", "localhost");
  }

  @Test
  void nothingOfTheHostCanBeReachedOrWrittenFromInside(Estate estate) {
    Node node = estate.node("west-1");
    assertThat(node.exec("touch", "/var/tmp/estate-write-probe").err())
        .contains("Read-only file system");
    assertThat(node.exec("touch", "/etc/estate-write-probe").ok()).isFalse();
    assertThat(Files.exists(Path.of("/var/tmp/estate-write-probe"))).isFalse();
    // Root's home in here is the estate's: no host ~/.ssh, ~/.m2 or ~/.bashrc is seen.
    assertThat(node.exec("ls", "-A", "/root").out()).isBlank();
    ManagingHost manila = estate.managing();
    assertThat(manila.exec("ls", "-A", "/root").out()).isBlank();
    // The managing host has no glusterd of its own and cannot reach one by its socket.
    assertThat(manila.exec("gluster", "--xml", "volume", "list").out())
        .contains("Connection failed");
    // The host has no address on the estate's bridge: it is not part of that network.
    // And no other run can take this estate's id while it lives.
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Instance.take(String.valueOf(estate.id())))
        .hasMessageContaining("in use");
    assertThat(Exec.ok("ip", "-o", "addr", "show", "dev", "gse" + estate.id() + "br").out())
        .doesNotContain("inet ");
    assertThat(estate.hostChanges()).isEmpty();
  }

  @Test
  void aSecondEstateClearsACrashedRunAndLeavesNothing(Estate estate) throws Exception {
    // What a run of instance N that died in the middle leaves: its directory, its bridge and a
    // namespace's PID 1 that nobody will end.
    Instance crashed = Instance.take();
    int id = crashed.id();
    // The id is free, but a run killed earlier may have left its bridge: start from nothing, as
    // Estate.up does, so that what follows is this test's crash alone.
    Remains.clear(crashed);
    Remains.mark(crashed.dir());
    Files.writeString(crashed.dir().resolve("stale"), "left by a crashed run");
    Exec.ok("ip", "link", "add", crashed.bridge(), "type", "bridge");
    Process orphan =
        new ProcessBuilder(
                "unshare",
                "--pid",
                "--fork",
                "--mount-proc",
                "--mount",
                "perl",
                "-e",
                "$0 = shift; sleep 600",
                crashed.marker() + "east-1")
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    Poll.until(
        Duration.ofSeconds(10),
        "the orphan to run",
        () ->
            orphan
                .children()
                .anyMatch(c -> Namespace.cmdline(c.pid()).startsWith(crashed.marker())));
    crashed.close();

    Estate second = Estate.up(Instance.take(String.valueOf(id)));
    try {
      assertThat(orphan.waitFor(10, TimeUnit.SECONDS))
          .as("the crashed run's namespace was ended")
          .isTrue();
      assertThat(second.dir().resolve("stale")).doesNotExist();
      assertThat(second.id()).isNotEqualTo(estate.id());
      assertThat(second.node("east-1").ip()).isNotEqualTo(estate.node("east-1").ip());
      assertThat(pool(second.node("east-2"))).containsExactly("east-1", "east-3", "localhost");
      second.cluster("west").createVolume("second-estate-vol", Map.of());
      assertThat(estate.cluster("west").volumeNames()).doesNotContain("second-estate-vol");
    } finally {
      List<String> left = second.down();
      assertThat(left).as("what the second estate left").isEmpty();
    }
    assertThat(Files.exists(Path.of("/sys/class/net", "gse" + id + "br"))).isFalse();
    assertThat(second.dir()).doesNotExist();
    assertThat(second.dir().getParent()).as("the shared estate still lives there").exists();
    // The shared estate went on unharmed.
    assertThat(pool(estate.node("east-1"))).containsExactly("east-2", "east-3", "localhost");
  }

  @Test
  void theControlsLaterTestsNeedWork(Estate estate) throws Exception {
    // A peer down: glusterd stopped on east-3, its peers see it disconnected; started, it is back.
    Node east1 = estate.node("east-1");
    Node east3 = estate.node("east-3");
    east3.stopGlusterd();
    assertThat(Poll.within(Duration.ofSeconds(30), () -> connectedPeers(east1) == 1))
        .as("east-1 sees east-3 gone")
        .isTrue();
    east3.startGlusterd();
    assertThat(Poll.within(Duration.ofSeconds(30), () -> connectedPeers(east1) == 2))
        .as("east-1 sees east-3 back")
        .isTrue();

    // SSH cut: west-2's sshd killed, nobody logs in; started again, the same key works.
    ManagingHost manila = estate.managing();
    String ssh = "ssh -F " + estate.ssh().config() + " west-2 hostname";
    assertThat(manila.exec("sh", "-c", ssh).out().strip()).isEqualTo("west-2");
    estate.node("west-2").killSshd();
    assertThat(manila.exec("sh", "-c", ssh).ok()).isFalse();
    estate.node("west-2").startSshd();
    assertThat(manila.exec("sh", "-c", ssh).out().strip()).isEqualTo("west-2");

    // A second managing host with a certificate of its own runs the tool too.
    ManagingHost second = estate.managing("manila-2", "manila-host-2");
    assertThat(second.ip()).isNotEqualTo(manila.ip());
    assertThat(
            certificate(second.exec("cat", "/etc/ssl/glusterfs.pem").orThrow().out())
                .getSubjectX500Principal()
                .getName())
        .isEqualTo("CN=manila-host-2");
    assertThat(second.tool(estate.workDir("second-host"), "--version").exitCode()).isZero();

    // Certificates doctor's FAIL tests will install: expired, and from a CA nobody trusts.
    X509Certificate expired = certificate(Files.readString(estate.ca().issueExpired("old").cert()));
    assertThat(expired.getNotAfter()).isBefore(new Date());
    Credentials foreign = estate.foreignCa("rogue-ca").issue("glusterfs-server-east-2");
    X509Certificate rogue = certificate(Files.readString(foreign.cert()));
    assertThat(rogue.getIssuerX500Principal().getName()).isEqualTo("CN=rogue-ca");
    Tenant t = estate.tenant("tenant-rogue");
    t.installTls(foreign);
    assertThat(t.cn()).isEqualTo("glusterfs-server-east-2");
    assertThat(t.namespace().exec("cat", "/etc/ssl/glusterfs.ca").out())
        .isEqualTo(Files.readString(foreign.ca()));
  }

  private static int connectedPeers(Node n) {
    String xml = n.gluster("--xml", "peer", "status").out();
    return xml.split("<connected>1</connected>", -1).length - 1;
  }

  /** The host names in a node's {@code pool list}, sorted. */
  private static List<String> pool(Node n) {
    List<String> names = new ArrayList<>();
    for (String line : n.gluster("pool", "list").orThrow().out().lines().skip(1).toList()) {
      String[] cols = line.trim().split("\\s+");
      if (cols.length >= 3) {
        names.add(cols[1]);
      }
    }
    return names.stream().sorted().toList();
  }

  private static X509Certificate certificate(String pem) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
  }
}

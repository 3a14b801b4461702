package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.gluster.CallLog;
import io.glustershares.gluster.ClusterReader;
import io.glustershares.gluster.GlusterClient;
import io.glustershares.gluster.ProcessResult;
import io.glustershares.gluster.Retry;
import io.glustershares.gluster.Runner;
import io.glustershares.inspect.NodeDoctor;
import io.glustershares.load.DesiredStateLoader;
import io.glustershares.load.WorkingTree;
import io.glustershares.model.DesiredState;
import io.glustershares.model.GlusterVersion;
import io.glustershares.model.HostFacts;
import io.glustershares.model.ObservedCluster;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which peers doctor contacts, and how: with the cluster's own login, only names that are host
 * names, and none at all for a cluster on the local CLI (no login to use).
 */
class NodeTourTest {

  @TempDir Path work;

  private DesiredState load(String cluster) throws Exception {
    Files.writeString(
        work.resolve("f.yaml"),
        "apiVersion: gluster-shares/v1\nstack: prod\nvolumePattern: 'pool-#{size}G-\\d+$'\n"
            + "clusters:\n  east:\n"
            + cluster.indent(4));
    return new DesiredStateLoader(new WorkingTree(work))
        .load(Path.of("f.yaml"))
        .state()
        .orElseThrow();
  }

  private Environment environment() {
    return new Environment(
        work,
        Map.of(),
        false,
        InputStream.nullInputStream(),
        Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
  }

  /** Answers {@code pool list} with the given reply and records every command. */
  private static final class PoolOnly implements Runner {
    final List<List<String>> ran = new ArrayList<>();
    final String reply;

    PoolOnly(String reply) {
      this.reply = reply;
    }

    @Override
    public ProcessResult run(List<String> argv, Duration timeout) {
      ran.add(argv);
      return new ProcessResult(0, reply, "", Duration.ZERO);
    }

    @Override
    public String describe() {
      return "fake";
    }

    @Override
    public String host() {
      return "east-1";
    }

    @Override
    public String lockKey() {
      return "fake";
    }

    @Override
    public void close() {}
  }

  private static String pool(String... peers) {
    StringBuilder xml =
        new StringBuilder("<cliOutput><opRet>0</opRet><opErrno>0</opErrno><peerStatus>");
    for (String p : peers) {
      xml.append("<peer><hostname>").append(p).append("</hostname><connected>1</connected></peer>");
    }
    return xml.append("<peer><hostname>localhost</hostname></peer></peerStatus></cliOutput>")
        .toString();
  }

  private List<NodeDoctor.Visit> visit(DesiredState desired, Runner runner) {
    ClusterReader reader =
        ClusterReader.of(new GlusterClient("east", runner, Duration.ofSeconds(5), d -> {}));
    ObservedCluster observed =
        new ObservedCluster(
            "east",
            "east-1",
            GlusterVersion.CLONES,
            List.of(),
            List.of(),
            Optional.empty(),
            List.of(),
            List.of(),
            List.of());
    HostFacts first = new HostFacts("east-1", Map.of(), false, Map.of(), Set.of(), true, false);
    return NodeTour.visit(
        desired,
        Map.of("east", reader),
        Map.of("east", observed),
        Map.of("east", first),
        Connections.peers(environment(), Retry.standard(), CallLog.NONE));
  }

  @Test
  void peersOfALocalCliClusterAreSkippedWithTheReasonAndNeverContacted() throws Exception {
    PoolOnly runner = new PoolOnly(pool("east-2", "east-3"));

    List<NodeDoctor.Visit> visits = visit(load("server: east-1\n"), runner);

    assertThat(visits)
        .extracting(v -> v.getClass().getSimpleName() + " " + v.node())
        .containsExactly("Probed east-1", "Skipped east-2", "Skipped east-3");
    assertThat(((NodeDoctor.Visit.Skipped) visits.get(1)).reason())
        .isEqualTo(
            "cluster 'east' runs the local gluster CLI (server: east-1), which gives no SSH login"
                + " for its other servers");
    assertThat(runner.ran).containsExactly(List.of("gluster", "--xml", "pool", "list"));
  }

  @Test
  void aPeerNameThatIsNoHostNameIsNotContacted() throws Exception {
    PoolOnly runner = new PoolOnly(pool("-oProxyCommand=touch /tmp/x"));

    List<NodeDoctor.Visit> visits =
        visit(load("server: root@east-1\nssh: { knownHosts: known_hosts }\n"), runner);

    assertThat(visits.get(1))
        .isEqualTo(
            new NodeDoctor.Visit.Unreached(
                "east",
                "-oProxyCommand=touch /tmp/x",
                "gluster pool list names it, but it is not a host name: not contacted"));
  }

  @Test
  void aPeerIsReachedWithTheClustersOwnLogin() throws Exception {
    DesiredState desired =
        load("server: gluster@east-1\nssh: { port: 2222, knownHosts: known_hosts }\n");

    try (Runner peer =
        Connections.sshRunner(desired.clusters().get("east"), "gluster", "east-2", environment())) {
      assertThat(peer.describe()).isEqualTo("ssh gluster@east-2:2222");
      assertThat(peer.lockKey()).isEqualTo("ssh-gluster@east-2-2222");
    }
  }
}

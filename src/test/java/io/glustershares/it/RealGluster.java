package io.glustershares.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.gluster.GlusterClient;
import io.glustershares.gluster.GlusterException;
import io.glustershares.gluster.GlusterXml;
import io.glustershares.gluster.LocalRunner;
import io.glustershares.gluster.ProcessResult;
import io.glustershares.gluster.RunnerException;
import io.glustershares.model.GlusterArgv;
import io.glustershares.model.Volume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The real glusterd that {@code .ci/run} installs and starts. Tests create uniquely named volumes
 * on local directories (bricks must name the host by its host name and need {@code force} on the
 * root disk), and delete them afterwards; leftovers of earlier runs are tolerated.
 */
public final class RealGluster {

  public static final String REQUIRE_VARIABLE = "GLUSTER_SHARES_REQUIRE_REAL";
  public static final Path BRICKS = Path.of("/var/lib/gluster-shares-it/bricks");

  private final String host;
  private final LocalRunner runner;
  private final GlusterClient client;
  private final List<String> created = new ArrayList<>();

  private RealGluster(String host) {
    this.host = host;
    this.runner = new LocalRunner(host);
    this.client =
        new GlusterClient("real", runner, Duration.ofSeconds(120), GlusterClient.Sleeper.REAL);
  }

  /**
   * The local glusterd. Where none runs the test is skipped, except under {@code .ci/run} ({@value
   * #REQUIRE_VARIABLE}=1), where that is a failure: in CI these tests must run.
   */
  public static RealGluster require() {
    String problem = unavailable();
    if (problem != null) {
      if ("1".equals(System.getenv(REQUIRE_VARIABLE))) {
        throw new AssertionError("real glusterd is required here but " + problem);
      }
      Assumptions.assumeTrue(
          problem == null, "no real glusterd (" + problem + "); run sudo .ci/run");
    }
    return new RealGluster(hostname());
  }

  private static String unavailable() {
    try {
      ProcessResult r =
          new LocalRunner("localhost")
              .run(List.of("gluster", "--xml", "volume", "list"), Duration.ofSeconds(30));
      if (!r.stdout().contains("<opRet>0</opRet>")) {
        return "glusterd does not answer: " + (r.stdout() + r.stderr()).strip();
      }
    } catch (RunnerException e) {
      return "the gluster CLI cannot run: " + e.getMessage();
    }
    return null;
  }

  static String hostname() {
    try {
      return new LocalRunner("localhost")
          .run(List.of("hostname"), Duration.ofSeconds(10))
          .stdout()
          .strip();
    } catch (RunnerException e) {
      throw new IllegalStateException(e);
    }
  }

  public String host() {
    return host;
  }

  public GlusterClient client() {
    return client;
  }

  public LocalRunner runner() {
    return runner;
  }

  /** A prefix no earlier run used: volumes are unique per run. */
  public static String uniquePrefix() {
    return "gsit" + UUID.randomUUID().toString().substring(0, 6);
  }

  /** Creates and starts a volume with one brick, optionally with options. */
  public void createVolume(String name, Map<String, String> options) throws Exception {
    Path brick = BRICKS.resolve(name);
    Files.createDirectories(brick);
    created.add(name);
    ok(List.of("gluster", "--xml", "volume", "create", name, host + ":" + brick, "force"));
    ok(List.of("gluster", "--xml", "volume", "start", name));
    if (!options.isEmpty()) {
      client.xml(GlusterArgv.volumeSet(name, options), Optional.of(name));
    }
  }

  public Volume volume(String name) throws GlusterException {
    return GlusterXml.volumes(client.xml(GlusterArgv.volumeInfo(name), Optional.of(name))).get(0);
  }

  private void ok(List<String> argv) throws Exception {
    ProcessResult r = runner.run(argv, Duration.ofSeconds(120));
    assertThat(r.stdout())
        .as(String.join(" ", argv) + "\n" + r.stderr())
        .contains("<opRet>0</opRet>");
  }

  /** Also tracks volumes made by the tool (clones), to delete them afterwards. */
  public void track(String volume) {
    created.add(volume);
  }

  /** Deletes every volume this run made: snapshots first, then stop and delete. */
  public void cleanUp() {
    for (String name : created) {
      try {
        for (var s : client.snapshots().snapshots()) {
          if (s.originVolume().equals(name)) {
            runner.run(GlusterArgv.snapshotDelete(s.name()), Duration.ofSeconds(120));
          }
        }
      } catch (Exception e) {
        // best effort
      }
      try {
        runner.run(
            List.of("umount", "-l", "/var/lib/gluster-shares/mnt/" + name), Duration.ofSeconds(30));
        runner.run(GlusterArgv.volumeStop(name), Duration.ofSeconds(120));
        runner.run(GlusterArgv.volumeDelete(name), Duration.ofSeconds(120));
        deleteTree(BRICKS.resolve(name));
      } catch (Exception e) {
        // Leftovers are tolerated: names are unique per run.
      }
    }
    created.clear();
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}

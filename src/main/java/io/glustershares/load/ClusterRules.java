package io.glustershares.load;

import static io.glustershares.load.Diagnostics.text;

import io.glustershares.model.ClusterSpec;
import io.glustershares.model.Printable;
import io.glustershares.model.ServerAddress;
import io.glustershares.model.SshSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** The rules of the {@code clusters} mapping: how each cluster's gluster commands are reached. */
final class ClusterRules {

  private static final String TOO_BIG =
      "too big for a simulator pool; valid: at most "
          + ServerAddress.Sim.MAX_POOL_BYTES / 1024
          + " KiB (use generate: for many volumes)";

  private final Path baseDir;
  private final FilePlaces places;
  private final Diagnostics diagnostics;

  ClusterRules(Path baseDir, FilePlaces places, Diagnostics diagnostics) {
    this.baseDir = baseDir;
    this.places = places;
    this.diagnostics = diagnostics;
  }

  Map<String, ClusterSpec> clusters(JsonNode clustersNode) {
    Map<String, ClusterSpec> clusters = new LinkedHashMap<>();
    if (!clustersNode.isObject()) {
      return clusters;
    }
    for (Map.Entry<String, JsonNode> entry : clustersNode.properties()) {
      cluster(entry.getKey(), entry.getValue()).ifPresent(c -> clusters.put(c.name(), c));
    }
    return clusters;
  }

  private Optional<ClusterSpec> cluster(String cluster, JsonNode node) {
    FieldPath at = FieldPath.of("clusters", cluster);
    Optional<String> server = text(node.path("server"));
    if (server.isEmpty()) {
      return Optional.empty();
    }
    ServerAddress address = ServerAddress.parse(server.get(), baseDir);
    if (address instanceof ServerAddress.Sim sim) {
      // Read now, so that a pool file that is missing, too big, not a file or outside this
      // file's directory is a validation error rather than a failed plan.
      if (places.read(FilePlaces.SIMULATOR, sim.file(), ServerAddress.Sim.MAX_POOL_BYTES, TOO_BIG)
          instanceof FilePlaces.Read.Problem problem) {
        diagnostics.error(at.key("server"), problem.message());
      }
    }
    JsonNode ssh = node.path("ssh");
    if (ssh.isObject() && !(address instanceof ServerAddress.Ssh)) {
      diagnostics.warning(
          at.key("ssh"),
          "ignored: server "
              + Printable.quoted(server.get())
              + " is not reached over SSH (SSH needs user@host)");
    }
    Duration timeout =
        node.path("timeoutSeconds").isIntegralNumber()
            ? Duration.ofSeconds(node.path("timeoutSeconds").asLong())
            : ClusterSpec.DEFAULT_TIMEOUT;
    SshSettings settings =
        new SshRules(baseDir, places, diagnostics).settings(cluster, at.key("ssh"), ssh);
    return Optional.of(new ClusterSpec(cluster, address, settings, timeout));
  }
}

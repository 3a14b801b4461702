package io.glustershares.load;

import static io.glustershares.load.Diagnostics.text;

import io.glustershares.model.ClusterSpec;
import io.glustershares.model.Printable;
import io.glustershares.model.ServerAddress;
import io.glustershares.model.SshSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** The rules of the {@code clusters} mapping: how each cluster's gluster commands are reached. */
final class ClusterRules {

  private static final String TOO_BIG =
      "too big for a simulator pool; valid: at most "
          + ServerAddress.Sim.MAX_POOL_BYTES / 1024
          + " KiB (use generate: for many volumes)";

  private final Path baseDir;
  private final FilePlaces places;
  private final ReservedPrefixes reserved;
  private final Diagnostics diagnostics;

  ClusterRules(
      Path baseDir, FilePlaces places, ReservedPrefixes reserved, Diagnostics diagnostics) {
    this.baseDir = baseDir;
    this.places = places;
    this.reserved = reserved;
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
    List<String> infrastructure = infrastructureCns(at.key("infrastructureCns"), node);
    return Optional.of(new ClusterSpec(cluster, address, settings, infrastructure, timeout));
  }

  /**
   * The cluster's infrastructure CNs as the file lists them: each a valid CN under a server or host
   * prefix (a tenant CN listed here would be kept on every share), each once.
   */
  private List<String> infrastructureCns(FieldPath at, JsonNode node) {
    List<String> cns = new ArrayList<>();
    Map<String, FieldPath> seen = new HashMap<>();
    List<ReservedPrefixes.Prefix> qualifying = reserved.infrastructure();
    JsonNode list = node.path("infrastructureCns");
    for (int i = 0; i < list.size(); i++) {
      FieldPath cnAt = at.index(i);
      Optional<String> cn = text(list.get(i));
      if (cn.isEmpty()) {
        continue;
      }
      Optional<String> problem = CommonNames.problem(cn.get());
      if (problem.isPresent()) {
        diagnostics.error(
            cnAt,
            "CN "
                + Printable.quoted(cn.get())
                + " "
                + problem.get()
                + "; valid: "
                + CommonNames.VALID);
      } else if (qualifying.stream().noneMatch(p -> cn.get().startsWith(p.value()))) {
        diagnostics.error(
            cnAt,
            "CN "
                + Printable.quoted(cn.get())
                + " starts with no infrastructure prefix; valid: the CN of a server's or the managing"
                + " host's certificate, starting with "
                + qualifying.stream()
                    .map(ReservedPrefixes.Prefix::describeShort)
                    .collect(Collectors.joining(" or ")));
      } else if (seen.putIfAbsent(cn.get(), cnAt) != null) {
        diagnostics.error(
            cnAt,
            "duplicate CN "
                + Printable.quoted(cn.get())
                + " (first at line "
                + diagnostics.line(seen.get(cn.get()))
                + "); valid: each CN once");
      } else {
        cns.add(cn.get());
      }
    }
    return cns;
  }
}

package io.glustershares.load;

import io.glustershares.model.AccessRule;
import io.glustershares.model.ClusterSpec;
import io.glustershares.model.DesiredState;
import io.glustershares.model.Diagnostic;
import io.glustershares.model.ServerAddress;
import io.glustershares.model.ShareSpec;
import io.glustershares.model.SnapshotRef;
import io.glustershares.model.SnapshotSpec;
import io.glustershares.model.SshSettings;
import io.glustershares.model.TlsPolicy;
import io.glustershares.model.VolumePattern;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The rules the schema cannot express: references between entries, uniqueness, CN syntax,
 * certificates, the volume pattern. Written defensively, since it also runs on documents that
 * failed the schema (so that all problems are reported together); it builds the model only from a
 * document that passed.
 */
final class SemanticRules {

  private final String name;
  private final Path baseDir;
  private final SourceTree tree;
  private final YamlDocument doc;
  private final MessageDigest digest;
  private final List<Diagnostic> diagnostics = new ArrayList<>();

  SemanticRules(String name, Path file, SourceTree tree, YamlDocument doc, byte[] fileBytes) {
    this.name = name;
    this.baseDir = file.getParent() == null ? Path.of("") : file.getParent();
    this.tree = tree;
    this.doc = doc;
    this.digest = sha256();
    digest.update(fileBytes);
  }

  List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  Optional<DesiredState> apply(boolean buildModel) {
    JsonNode root = doc.json();
    if (!root.isObject()) {
      return Optional.empty();
    }
    Optional<VolumePattern> pattern = volumePattern(root);
    Map<String, ClusterSpec> clusters = clusters(root.path("clusters"));
    TlsPolicy tls = tls(root.path("tls"));
    List<ShareSpec> shares = shares(root.path("shares"), clusters.keySet());
    if (!buildModel || pattern.isEmpty() || hasErrors()) {
      return Optional.empty();
    }
    return Optional.of(
        new DesiredState(
            name,
            HexFormat.of().formatHex(digest.digest()),
            text(root.path("apiVersion")).orElse(""),
            text(root.path("stack")).orElse(""),
            pattern.get(),
            clusters,
            text(root.path("mountBase")).orElse(DesiredState.DEFAULT_MOUNT_BASE),
            tls,
            shares));
  }

  private boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  private Optional<VolumePattern> volumePattern(JsonNode root) {
    Optional<String> template = text(root.path("volumePattern"));
    if (template.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(VolumePattern.compile(template.get()));
    } catch (IllegalArgumentException e) {
      error(FieldPath.of("volumePattern"), e.getMessage());
      return Optional.empty();
    }
  }

  private Map<String, ClusterSpec> clusters(JsonNode clustersNode) {
    Map<String, ClusterSpec> clusters = new LinkedHashMap<>();
    if (!clustersNode.isObject()) {
      return clusters;
    }
    for (Map.Entry<String, JsonNode> entry : clustersNode.properties()) {
      String cluster = entry.getKey();
      JsonNode node = entry.getValue();
      FieldPath at = FieldPath.of("clusters", cluster);
      Optional<String> server = text(node.path("server"));
      if (server.isEmpty()) {
        continue;
      }
      ServerAddress address = ServerAddress.parse(server.get(), baseDir);
      if (address instanceof ServerAddress.Sim sim && !tree.exists(sim.resolved())) {
        error(
            at.key("server"),
            "simulator file '"
                + sim.file()
                + "' not found (looked for "
                + sim.resolved()
                + tree.where()
                + "); valid: sim:FILE with FILE relative to this file");
      }
      JsonNode ssh = node.path("ssh");
      if (ssh.isObject() && !(address instanceof ServerAddress.Ssh)) {
        warning(
            at.key("ssh"),
            "ignored: server '" + server.get() + "' is not reached over SSH (SSH needs user@host)");
      }
      SshSettings settings =
          new SshSettings(
              ssh.path("port").canConvertToInt()
                  ? ssh.path("port").asInt()
                  : SshSettings.DEFAULT_PORT,
              text(ssh.path("identityFile")),
              text(ssh.path("knownHosts")),
              text(ssh.path("passwordEnv")),
              text(ssh.path("passphraseEnv")),
              ssh.path("acceptNewHostKey").asBoolean(false));
      Duration timeout =
          node.path("timeoutSeconds").isIntegralNumber()
              ? Duration.ofSeconds(node.path("timeoutSeconds").asLong())
              : ClusterSpec.DEFAULT_TIMEOUT;
      List<String> infrastructureCns = new ArrayList<>();
      node.path("infrastructureCns").forEach(cn -> infrastructureCns.add(cn.asString()));
      clusters.put(
          cluster, new ClusterSpec(cluster, address, settings, infrastructureCns, timeout));
    }
    return clusters;
  }

  private TlsPolicy tls(JsonNode tlsNode) {
    TlsPolicy defaults = TlsPolicy.DEFAULTS;
    List<String> keep = new ArrayList<>();
    for (JsonNode prefix : tlsNode.path("keepCnPrefixes")) {
      text(prefix).ifPresent(keep::add);
    }
    return new TlsPolicy(
        text(tlsNode.path("serverCnPrefix")).orElse(defaults.serverCnPrefix()),
        text(tlsNode.path("hostCnPrefix")).orElse(defaults.hostCnPrefix()),
        keep);
  }

  /** A share entry as far as it could be read, with where its parts are. */
  private record Entry(int index, JsonNode node, String name) {
    FieldPath at() {
      return FieldPath.of("shares", index);
    }
  }

  private List<ShareSpec> shares(JsonNode sharesNode, Set<String> clusterNames) {
    List<ShareSpec> shares = new ArrayList<>();
    if (!sharesNode.isArray()) {
      return shares;
    }
    Map<String, Entry> byName = new LinkedHashMap<>();
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < sharesNode.size(); i++) {
      JsonNode node = sharesNode.get(i);
      Optional<String> shareName = text(node.path("name"));
      Entry entry = new Entry(i, node, shareName.orElse(""));
      entries.add(entry);
      if (shareName.isEmpty()) {
        continue;
      }
      Entry first = byName.putIfAbsent(shareName.get(), entry);
      if (first != null) {
        error(
            entry.at().key("name"),
            "duplicate share name '"
                + shareName.get()
                + "' (first at line "
                + doc.valuePosition(first.at()).line()
                + "); valid: a name used once in the file");
      }
    }
    Map<String, Entry> volumes = new HashMap<>();
    Map<Entry, String> parentOf = new LinkedHashMap<>();
    for (Entry entry : entries) {
      if (!entry.node().isObject()) {
        continue;
      }
      ShareSpec share = share(entry, byName, clusterNames, volumes);
      shares.add(share);
      share.fromSnapshot().ifPresent(from -> parentOf.putIfAbsent(entry, from.share()));
    }
    checkCloneCycles(parentOf);
    return shares;
  }

  private ShareSpec share(
      Entry entry,
      Map<String, Entry> byName,
      Set<String> clusterNames,
      Map<String, Entry> volumes) {
    JsonNode node = entry.node();
    FieldPath at = entry.at();
    Optional<String> cluster = text(node.path("cluster"));
    if (cluster.isPresent() && !clusterNames.isEmpty() && !clusterNames.contains(cluster.get())) {
      error(
          at.key("cluster"),
          "no cluster '"
              + cluster.get()
              + "' under clusters"
              + didYouMean(cluster.get(), clusterNames)
              + "; valid: "
              + String.join(", ", clusterNames));
    }
    Optional<String> volume = text(node.path("volume"));
    if (volume.isPresent()) {
      Entry first = volumes.putIfAbsent(volume.get(), entry);
      if (first != null) {
        error(
            at.key("volume"),
            "volume '"
                + volume.get()
                + "' is already bound by share '"
                + first.name()
                + "'; valid: each volume named by one share");
      }
    }
    OptionalInt size =
        node.path("size").isIntegralNumber() && node.path("size").canConvertToInt()
            ? OptionalInt.of(node.path("size").asInt())
            : OptionalInt.empty();
    Optional<SnapshotRef> from = fromSnapshot(entry, byName);
    if (from.isPresent()) {
      if (node.has("size")) {
        error(
            at.key("size"),
            "a share created from a snapshot takes its size from the parent share; valid: no"
                + " size here");
      }
      if (volume.isPresent()) {
        error(
            at.key("volume"),
            "a share created from a snapshot lives on its own clone volume; valid: no volume"
                + " here");
      }
      Entry parent = byName.get(from.get().share());
      Optional<String> parentCluster =
          parent == null ? Optional.empty() : text(parent.node().path("cluster"));
      if (cluster.isPresent()
          && parentCluster.isPresent()
          && !cluster.get().equals(parentCluster.get())) {
        error(
            at.key("cluster"),
            "a clone lives on its parent's cluster '"
                + parentCluster.get()
                + "'; valid: cluster "
                + parentCluster.get()
                + " or no cluster");
      }
    }
    ShareSpec.State state =
        "absent".equals(node.path("state").asString(""))
            ? ShareSpec.State.ABSENT
            : ShareSpec.State.PRESENT;
    if (!node.has("fromSnapshot")
        && !node.has("size")
        && state == ShareSpec.State.PRESENT
        && volume.isEmpty()) {
      error(
          at.key("size"),
          "required field is missing; valid: the size in GB (only shares created from a snapshot"
              + " or bound to a named volume go without)");
    }
    List<AccessRule> access = access(at, node.path("access"));
    List<SnapshotSpec> snapshots = snapshots(at, node.path("snapshots"));
    return new ShareSpec(entry.name(), size, cluster, volume, access, snapshots, from, state);
  }

  private Optional<SnapshotRef> fromSnapshot(Entry entry, Map<String, Entry> byName) {
    JsonNode from = entry.node().path("fromSnapshot");
    FieldPath at = entry.at().key("fromSnapshot");
    Optional<String> parentName = text(from.path("share"));
    Optional<String> snapshotName = text(from.path("snapshot"));
    if (parentName.isEmpty() || snapshotName.isEmpty()) {
      return Optional.empty();
    }
    Entry parent = byName.get(parentName.get());
    if (parent == null) {
      error(
          at.key("share"),
          "no share '"
              + parentName.get()
              + "' in this file"
              + didYouMean(parentName.get(), byName.keySet())
              + "; valid: the name of another share of this file");
      return Optional.empty();
    }
    if (parent.name().equals(entry.name())) {
      error(
          at.key("share"), "a share cannot be created from its own snapshot; valid: another share");
      return Optional.empty();
    }
    List<String> parentSnapshots = new ArrayList<>();
    for (JsonNode snapshot : parent.node().path("snapshots")) {
      text(snapshot.path("name")).ifPresent(parentSnapshots::add);
    }
    if (!parentSnapshots.contains(snapshotName.get())) {
      error(
          at.key("snapshot"),
          "share '"
              + parent.name()
              + "' has no snapshot '"
              + snapshotName.get()
              + "'"
              + didYouMean(snapshotName.get(), parentSnapshots)
              + "; valid: "
              + (parentSnapshots.isEmpty()
                  ? "a snapshot listed under that share's snapshots (it has none)"
                  : String.join(", ", parentSnapshots)));
      return Optional.empty();
    }
    boolean parentAbsent = "absent".equals(parent.node().path("state").asString(""));
    boolean selfAbsent = "absent".equals(entry.node().path("state").asString(""));
    if (parentAbsent && !selfAbsent) {
      error(
          at.key("share"),
          "share '"
              + parent.name()
              + "' is absent, so its snapshot cannot be cloned; valid: a present share");
    }
    return Optional.of(new SnapshotRef(parentName.get(), snapshotName.get()));
  }

  /** Reports every share whose chain of parents leads back to itself. */
  private void checkCloneCycles(Map<Entry, String> parentOf) {
    Map<String, String> parentByName = new HashMap<>();
    parentOf.forEach((entry, parent) -> parentByName.putIfAbsent(entry.name(), parent));
    for (Entry entry : parentOf.keySet()) {
      String current = parentByName.get(entry.name());
      for (int steps = 0; current != null && steps <= parentByName.size(); steps++) {
        if (current.equals(entry.name())) {
          error(
              entry.at().key("fromSnapshot"),
              "shares are created from each other's snapshots in a cycle; valid: a chain that"
                  + " starts at a share with a size");
          break;
        }
        current = parentByName.get(current);
      }
    }
  }

  private List<AccessRule> access(FieldPath shareAt, JsonNode accessNode) {
    List<AccessRule> rules = new ArrayList<>();
    Map<String, FieldPath> seen = new HashMap<>();
    for (int i = 0; i < accessNode.size(); i++) {
      JsonNode node = accessNode.get(i);
      FieldPath at = shareAt.key("access").index(i);
      if (!node.isObject()) {
        continue;
      }
      Optional<String> mode = text(node.path("mode"));
      if (mode.isPresent() && !mode.get().equals("rw")) {
        error(
            at.key("mode"),
            "access mode '"
                + mode.get()
                + "' is not supported: the GlusterFS native protocol guards a whole volume by TLS"
                + " identity and has no read-only grant; valid: rw");
      }
      boolean hasCn = node.has("cn");
      boolean hasCertificate = node.has("certificate");
      if (hasCn && hasCertificate) {
        error(at, "gives both 'cn' and 'certificate'; valid: exactly one of them");
        continue;
      }
      Optional<AccessRule> rule = Optional.empty();
      FieldPath cnAt;
      if (hasCn) {
        cnAt = at.key("cn");
        rule = text(node.path("cn")).map(AccessRule::cn);
      } else if (hasCertificate) {
        cnAt = at.key("certificate");
        rule = text(node.path("certificate")).flatMap(path -> certificate(cnAt, path));
      } else {
        continue;
      }
      if (rule.isEmpty()) {
        continue;
      }
      String cn = rule.get().cn();
      Optional<String> problem = CommonNames.problem(cn);
      if (problem.isPresent()) {
        String source = hasCertificate ? "the certificate's CN " : "CN ";
        error(
            cnAt,
            source + SchemaCheck.quote(cn) + " " + problem.get() + "; valid: " + CommonNames.VALID);
        continue;
      }
      FieldPath first = seen.putIfAbsent(cn, cnAt);
      if (first != null) {
        error(
            cnAt,
            "duplicate CN '"
                + cn
                + "' (first at line "
                + doc.valuePosition(first).line()
                + "); valid: each CN once per share");
        continue;
      }
      rules.add(rule.get());
    }
    return rules;
  }

  private Optional<AccessRule> certificate(FieldPath at, String written) {
    Path path = baseDir.resolve(written);
    byte[] pem;
    try {
      pem = tree.read(path, Certificates.MAX_BYTES);
    } catch (SourceTree.TooLargeException e) {
      error(
          at,
          "certificate file '"
              + written
              + "' is "
              + e.size()
              + " bytes, too big for a"
              + " certificate; valid: a PEM certificate file");
      return Optional.empty();
    } catch (NoSuchFileException e) {
      error(
          at,
          "certificate file '"
              + written
              + "' not found (looked for "
              + path
              + tree.where()
              + "); valid: a PEM file path relative to this file");
      return Optional.empty();
    } catch (AccessDeniedException e) {
      error(at, "certificate file '" + written + "' cannot be read: permission denied");
      return Optional.empty();
    } catch (IOException e) {
      error(at, "certificate file '" + written + "' cannot be read: " + e.getMessage());
      return Optional.empty();
    }
    Certificates.Read read = Certificates.subjectCn(pem);
    if (read.problem().isPresent()) {
      error(at, "certificate file '" + written + "' " + read.problem().get());
      return Optional.empty();
    }
    digest.update(pem);
    return Optional.of(new AccessRule(read.cn().orElseThrow(), Optional.of(written)));
  }

  private List<SnapshotSpec> snapshots(FieldPath shareAt, JsonNode snapshotsNode) {
    List<SnapshotSpec> snapshots = new ArrayList<>();
    Map<String, FieldPath> seen = new HashMap<>();
    for (int i = 0; i < snapshotsNode.size(); i++) {
      FieldPath at = shareAt.key("snapshots").index(i).key("name");
      Optional<String> snapshot = text(snapshotsNode.get(i).path("name"));
      if (snapshot.isEmpty()) {
        continue;
      }
      FieldPath first = seen.putIfAbsent(snapshot.get(), at);
      if (first != null) {
        error(
            at,
            "duplicate snapshot name '"
                + snapshot.get()
                + "' (first at line "
                + doc.valuePosition(first).line()
                + "); valid: each snapshot name once per share");
        continue;
      }
      snapshots.add(new SnapshotSpec(snapshot.get()));
    }
    return snapshots;
  }

  private static String didYouMean(String word, java.util.Collection<String> candidates) {
    return Suggestions.closest(word, candidates)
        .map(s -> " (did you mean '" + s + "'?)")
        .orElse("");
  }

  private void error(FieldPath at, String message) {
    Position p = doc.valuePosition(at);
    diagnostics.add(Diagnostic.error(name, p.line(), p.column(), at.toString(), message));
  }

  private void warning(FieldPath at, String message) {
    Position p = doc.valuePosition(at);
    diagnostics.add(Diagnostic.warning(name, p.line(), p.column(), at.toString(), message));
  }

  private static Optional<String> text(JsonNode node) {
    return node != null && node.isString() ? Optional.of(node.asString()) : Optional.empty();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}

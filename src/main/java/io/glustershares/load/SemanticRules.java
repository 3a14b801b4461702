package io.glustershares.load;

import static io.glustershares.load.Diagnostics.text;

import io.glustershares.model.ClusterSpec;
import io.glustershares.model.DesiredState;
import io.glustershares.model.Diagnostic;
import io.glustershares.model.ShareSpec;
import io.glustershares.model.TlsPolicy;
import io.glustershares.model.VolumePattern;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The rules the schema cannot express: references between entries, uniqueness, CN syntax,
 * certificates, the volume pattern. Written defensively, since it also runs on documents that
 * failed the schema (so that all problems are reported together); it builds the model only from a
 * document that passed. The rules of each part of the file live in their own class ({@link
 * ClusterRules}, {@link ShareRules}, {@link AccessRules}); this one runs them in order.
 */
final class SemanticRules {

  private final String name;
  private final Path baseDir;
  private final SourceTree tree;
  private final YamlDocument doc;
  private final MessageDigest digest;
  private final Diagnostics diagnostics;
  private final Optional<Instant> now;

  SemanticRules(
      String name,
      Path file,
      SourceTree tree,
      YamlDocument doc,
      byte[] fileBytes,
      Optional<Instant> now) {
    this.name = name;
    this.now = now;
    this.baseDir = file.getParent() == null ? Path.of("") : file.getParent();
    this.tree = tree;
    this.doc = doc;
    this.digest = sha256();
    this.diagnostics = new Diagnostics(name, doc);
    digest.update(fileBytes);
  }

  List<Diagnostic> diagnostics() {
    return diagnostics.list();
  }

  Optional<DesiredState> apply(boolean buildModel) {
    JsonNode root = doc.json();
    if (!root.isObject()) {
      return Optional.empty();
    }
    Optional<VolumePattern> pattern = volumePattern(root);
    FilePlaces places = new FilePlaces(baseDir, tree);
    TlsPolicy tls = tls(root.path("tls"));
    ReservedPrefixes reserved = ReservedPrefixes.of(tls);
    Map<String, ClusterSpec> clusters =
        new ClusterRules(baseDir, places, reserved, diagnostics).clusters(root.path("clusters"));
    AccessRules access = new AccessRules(places, reserved, diagnostics, digest, now);
    List<ShareSpec> shares =
        new ShareRules(diagnostics, access).shares(root.path("shares"), clusters.keySet());
    if (!buildModel || pattern.isEmpty() || diagnostics.hasErrors()) {
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

  private Optional<VolumePattern> volumePattern(JsonNode root) {
    Optional<String> template = text(root.path("volumePattern"));
    if (template.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(VolumePattern.compile(template.get()));
    } catch (IllegalArgumentException e) {
      diagnostics.error(FieldPath.of("volumePattern"), e.getMessage());
      return Optional.empty();
    }
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

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}

package io.glustershares.load;

import static io.glustershares.load.Diagnostics.text;

import io.glustershares.model.AccessRule;
import io.glustershares.model.Printable;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The rules of a share's {@code access} list: one of {@code cn} or {@code certificate} per entry,
 * the CN syntax gluster can hold, each CN once, certificates read relative to the file.
 */
final class AccessRules {

  private final Path baseDir;
  private final SourceTree tree;
  private final Diagnostics diagnostics;
  private final MessageDigest digest;

  /**
   * @param digest what the desired state was read from: every certificate read is added to it
   */
  AccessRules(Path baseDir, SourceTree tree, Diagnostics diagnostics, MessageDigest digest) {
    this.baseDir = baseDir;
    this.tree = tree;
    this.diagnostics = diagnostics;
    this.digest = digest;
  }

  List<AccessRule> access(FieldPath shareAt, JsonNode accessNode) {
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
        diagnostics.error(
            at.key("mode"),
            "access mode '"
                + mode.get()
                + "' is not supported: the GlusterFS native protocol guards a whole volume by TLS"
                + " identity and has no read-only grant; valid: rw");
      }
      boolean hasCn = node.has("cn");
      boolean hasCertificate = node.has("certificate");
      if (hasCn && hasCertificate) {
        diagnostics.error(at, "gives both 'cn' and 'certificate'; valid: exactly one of them");
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
        diagnostics.error(
            cnAt,
            source + Printable.quoted(cn) + " " + problem.get() + "; valid: " + CommonNames.VALID);
        continue;
      }
      FieldPath first = seen.putIfAbsent(cn, cnAt);
      if (first != null) {
        diagnostics.error(
            cnAt,
            "duplicate CN '"
                + cn
                + "' (first at line "
                + diagnostics.line(first)
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
      diagnostics.error(
          at,
          "certificate file '"
              + written
              + "' is "
              + e.size()
              + " bytes, too big for a"
              + " certificate; valid: a PEM certificate file");
      return Optional.empty();
    } catch (NoSuchFileException e) {
      diagnostics.error(
          at,
          "certificate file '"
              + written
              + "' not found (looked for "
              + path
              + tree.where()
              + "); valid: a PEM file path relative to this file");
      return Optional.empty();
    } catch (AccessDeniedException e) {
      diagnostics.error(at, "certificate file '" + written + "' cannot be read: permission denied");
      return Optional.empty();
    } catch (IOException e) {
      diagnostics.error(at, "certificate file '" + written + "' cannot be read: " + e.getMessage());
      return Optional.empty();
    }
    Certificates.Read read = Certificates.subjectCn(pem);
    if (read.problem().isPresent()) {
      diagnostics.error(at, "certificate file '" + written + "' " + read.problem().get());
      return Optional.empty();
    }
    digest.update(pem);
    return Optional.of(new AccessRule(read.cn().orElseThrow(), Optional.of(written)));
  }
}

package io.glustershares.load;

import static io.glustershares.load.Diagnostics.text;

import io.glustershares.model.AccessRule;
import io.glustershares.model.Expiry;
import io.glustershares.model.Printable;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The rules of a share's {@code access} list: one of {@code cn} or {@code certificate} per entry,
 * the CN syntax gluster can hold, each CN once, certificates read relative to the file; an {@code
 * expires} that is a date or an RFC 3339 time, and a warning for a grant already over.
 */
final class AccessRules {

  private final FilePlaces places;
  private final ReservedPrefixes reserved;
  private final Diagnostics diagnostics;
  private final MessageDigest digest;
  private final Optional<Instant> now;

  /**
   * @param digest what the desired state was read from: every certificate read is added to it
   * @param now the instant the file is read for: a grant that ended before it is a warning
   */
  AccessRules(
      FilePlaces places,
      ReservedPrefixes reserved,
      Diagnostics diagnostics,
      MessageDigest digest,
      Optional<Instant> now) {
    this.places = places;
    this.reserved = reserved;
    this.diagnostics = diagnostics;
    this.digest = digest;
    this.now = now;
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
            "access mode "
                + Printable.quoted(mode.get())
                + " is not supported: the GlusterFS native protocol guards a whole volume by TLS"
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
      Optional<ReservedPrefixes.Prefix> prefix = reserved.of(cn);
      if (prefix.isPresent()) {
        String source = hasCertificate ? "the certificate's CN " : "CN ";
        diagnostics.error(
            cnAt,
            source
                + Printable.quoted(cn)
                + " starts with "
                + prefix.get().describe()
                + ": "
                + prefix.get().danger()
                + "; valid: a tenant CN starting with none of "
                + ReservedPrefixes.list(reserved.all()));
        continue;
      }
      FieldPath first = seen.putIfAbsent(cn, cnAt);
      if (first != null) {
        diagnostics.error(
            cnAt,
            "duplicate CN "
                + Printable.quoted(cn)
                + " (first at line "
                + diagnostics.line(first)
                + "); valid: each CN once per share");
        continue;
      }
      Optional<Expiry> expires = expires(at, node);
      rules.add(rule.get().withTerms(expires, text(node.path("note"))));
    }
    return rules;
  }

  private Optional<Expiry> expires(FieldPath at, JsonNode node) {
    Optional<String> written = text(node.path("expires"));
    if (written.isEmpty()) {
      return Optional.empty();
    }
    Optional<Expiry> expiry = Expiry.parse(written.get());
    if (expiry.isEmpty()) {
      diagnostics.error(
          at.key("expires"),
          "expires "
              + Printable.quoted(written.get())
              + " is not a date or a time; valid: a date YYYY-MM-DD (the grant lasts to the end"
              + " of that day, UTC) or an RFC 3339 time such as 2027-01-31T18:00:00Z");
    } else if (now.isPresent() && expiry.get().expiredAt(now.get())) {
      diagnostics.warning(
          at.key("expires"),
          "this grant expired on "
              + written.get()
              + ": it is never given, and revoked where the share still allows it; remove the"
              + " entry once it is revoked");
    }
    return expiry;
  }

  private Optional<AccessRule> certificate(FieldPath at, String written) {
    FilePlaces.Read file =
        places.read(
            FilePlaces.CERTIFICATE,
            written,
            Certificates.MAX_BYTES,
            "too big for a certificate; valid: a PEM certificate file");
    if (file instanceof FilePlaces.Read.Problem problem) {
      diagnostics.error(at, problem.message());
      return Optional.empty();
    }
    byte[] pem = ((FilePlaces.Read.Bytes) file).bytes();
    Certificates.Read read = Certificates.subjectCn(pem);
    if (read.problem().isPresent()) {
      diagnostics.error(
          at, "certificate file " + Printable.quoted(written) + " " + read.problem().get());
      return Optional.empty();
    }
    digest.update(pem);
    return Optional.of(new AccessRule(read.cn().orElseThrow(), Optional.of(written)));
  }
}

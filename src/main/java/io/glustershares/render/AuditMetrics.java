package io.glustershares.render;

import io.glustershares.inspect.Audit;
import io.glustershares.inspect.NodeDoctor;
import io.glustershares.model.AccessRule;
import io.glustershares.model.DesiredState;
import io.glustershares.model.ShareSpec;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code audit --format prometheus}: the Prometheus text format, as node_exporter's textfile
 * collector reads it. The metric names are stable (README, "Metrics"); every sample of one metric
 * follows its {@code # HELP} and {@code # TYPE} lines.
 */
public final class AuditMetrics {

  private AuditMetrics() {}

  /** The metrics of an audit made at {@code at} of every cluster. */
  public static String render(Audit audit, DesiredState desired, Instant at) {
    return render(audit, desired, at, Set.of(), List.of());
  }

  /**
   * The metrics of an audit made at {@code at}.
   *
   * @param audit the audit of the clusters that could be read (and of their shares)
   * @param unread the clusters that could not be read: {@code cluster_up 0}, success 0
   * @param nodes the servers as doctor reads them: the expiry of the certificate each serves
   */
  public static String render(
      Audit audit,
      DesiredState desired,
      Instant at,
      Set<String> unread,
      List<NodeDoctor.Visit> nodes) {
    StringBuilder out = new StringBuilder();
    header(out, "gluster_shares_audit_timestamp_seconds", "when the audit ran (unix time)");
    sample(out, "gluster_shares_audit_timestamp_seconds", Map.of(), at.getEpochSecond());
    header(out, "gluster_shares_audit_success", "1 when every cluster was read and audited");
    sample(out, "gluster_shares_audit_success", Map.of(), unread.isEmpty() ? 1 : 0);
    header(out, "gluster_shares_cluster_up", "1 when the cluster could be read");
    Map<String, Integer> up = new TreeMap<>();
    audit.clusters().forEach(c -> up.put(c.cluster(), 1));
    unread.forEach(c -> up.put(c, 0));
    up.forEach((c, v) -> sample(out, "gluster_shares_cluster_up", Map.of("cluster", c), v));
    certificates(out, nodes);
    header(out, "gluster_shares_share_drift", "1 when the share differs from the file");
    for (Audit.ShareAudit s : audit.shares()) {
      sample(
          out,
          "gluster_shares_share_drift",
          Map.of("share", s.share(), "managed", String.valueOf(s.managed())),
          s.ok() ? 0 : 1);
    }
    header(out, "gluster_shares_share_drift_findings", "findings of a share, by kind");
    for (Audit.ShareAudit s : audit.shares()) {
      Map<String, Integer> kinds = new TreeMap<>();
      s.findings().forEach(f -> kinds.merge(f.kind(), 1, Integer::sum));
      kinds.forEach(
          (kind, n) ->
              sample(
                  out,
                  "gluster_shares_share_drift_findings",
                  Map.of("share", s.share(), "kind", kind),
                  n));
    }
    header(out, "gluster_shares_grant_expiry_timestamp_seconds", "when a grant ends (unix time)");
    for (ShareSpec share : desired.shares()) {
      for (AccessRule rule : share.access()) {
        rule.expires()
            .ifPresent(
                e ->
                    sample(
                        out,
                        "gluster_shares_grant_expiry_timestamp_seconds",
                        Map.of("share", share.name(), "cn", rule.cn()),
                        e.end().getEpochSecond()));
      }
    }
    header(out, "gluster_shares_pool_free_volumes", "free pool volumes, per cluster and size");
    pool(out, audit, "gluster_shares_pool_free_volumes", true);
    header(out, "gluster_shares_pool_volumes", "pool volumes, free or bound, per cluster and size");
    pool(out, audit, "gluster_shares_pool_volumes", false);
    return out.toString();
  }

  /** What an audit that could not read the clusters leaves: no success, and when it ran. */
  public static String failed(Instant at) {
    StringBuilder out = new StringBuilder();
    header(out, "gluster_shares_audit_timestamp_seconds", "when the audit ran (unix time)");
    sample(out, "gluster_shares_audit_timestamp_seconds", Map.of(), at.getEpochSecond());
    header(out, "gluster_shares_audit_success", "1 when every cluster was read and audited");
    sample(out, "gluster_shares_audit_success", Map.of(), 0);
    return out.toString();
  }

  /** Per server: whether the certificate gluster reads there was read, and when it expires. */
  private static void certificates(StringBuilder out, List<NodeDoctor.Visit> nodes) {
    String read = "gluster_shares_node_certificate_read";
    String expiry = "gluster_shares_node_certificate_expiry_timestamp_seconds";
    header(out, read, "1 when the server's TLS certificate (the one gluster reads) was read");
    for (NodeDoctor.Visit v : nodes) {
      sample(out, read, labels(v), certificate(v).isPresent() ? 1 : 0);
    }
    header(out, expiry, "when the server's TLS certificate expires (unix time)");
    for (NodeDoctor.Visit v : nodes) {
      certificate(v)
          .ifPresent(
              c -> sample(out, expiry, labels(v), c.getNotAfter().toInstant().getEpochSecond()));
    }
  }

  private static Map<String, String> labels(NodeDoctor.Visit v) {
    return Map.of("cluster", v.cluster(), "node", v.node());
  }

  private static Optional<X509Certificate> certificate(NodeDoctor.Visit v) {
    return v instanceof NodeDoctor.Visit.Probed p
        ? p.facts().servedCertificate()
        : Optional.empty();
  }

  private static void pool(StringBuilder out, Audit audit, String name, boolean free) {
    for (Audit.ClusterAudit c : audit.clusters()) {
      for (Audit.PoolSize p : c.pool()) {
        String size = p.size().isPresent() ? String.valueOf(p.size().getAsInt()) : "unsized";
        sample(
            out,
            name,
            Map.of("cluster", c.cluster(), "size_gb", size),
            free ? p.free() : p.total());
      }
    }
  }

  private static void header(StringBuilder out, String name, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" gauge\n");
  }

  private static void sample(StringBuilder out, String name, Map<String, String> labels, long v) {
    out.append(name);
    if (!labels.isEmpty()) {
      List<String> parts =
          new TreeMap<>(labels)
              .entrySet().stream()
                  .map(e -> e.getKey() + "=\"" + escape(e.getValue()) + "\"")
                  .toList();
      out.append('{').append(String.join(",", parts)).append('}');
    }
    out.append(' ').append(v).append('\n');
  }

  /** Label values escape backslash, double quote and line feed (the text format's rule). */
  static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}

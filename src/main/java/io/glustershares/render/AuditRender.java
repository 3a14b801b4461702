package io.glustershares.render;

import io.glustershares.inspect.Audit;
import io.glustershares.model.XmlText;
import io.glustershares.planfile.PlanFormat;
import io.glustershares.planfile.Provenance;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code audit} as text, JSON ({@code schema/audit-v1.schema.json}), JUnit XML and Markdown. */
public final class AuditRender {

  public static final int FORMAT_VERSION = 1;

  private AuditRender() {}

  public static void text(Audit audit, Provenance provenance, PrintWriter out) {
    out.println(headline(audit, provenance));
    provenance.gitLine().ifPresent(line -> out.println("  git: " + line));
    out.println("  made by " + provenance.madeBy());
    out.println();
    for (Audit.ShareAudit s : audit.shares()) {
      out.println(
          "share "
              + s.share()
              + where(s)
              + ": "
              + (s.ok() ? "OK" : s.managed() ? "DRIFT" : "UNMANAGED"));
      s.findings().forEach(f -> out.println("  - " + f.kind() + ": " + f.message()));
      s.warnings().forEach(f -> out.println("  warning: " + f.kind() + ": " + f.message()));
    }
    for (Audit.ClusterAudit c : audit.clusters()) {
      out.println(
          "cluster " + c.cluster() + ": " + (c.ok() ? "OK" : "WARN") + "; pool " + pool(c.pool()));
      c.findings().forEach(f -> out.println("  - " + f.kind() + ": " + f.message()));
    }
  }

  private static String headline(Audit audit, Provenance p) {
    long unmanaged = audit.shares().stream().filter(s -> !s.managed()).count();
    long drifted = audit.shares().stream().filter(s -> s.managed() && !s.ok()).count();
    long managed = audit.shares().stream().filter(Audit.ShareAudit::managed).count();
    long clusters = audit.clusters().stream().filter(c -> !c.ok()).count();
    String warnings =
        unmanaged
            + " unmanaged, "
            + clusters
            + " cluster"
            + (clusters == 1 ? "" : "s")
            + " with findings";
    return "Audit of "
        + p.file()
        + " (stack "
        + audit.stack()
        + "): "
        + (audit.drift()
            ? drifted
                + " of "
                + managed
                + " share"
                + (managed == 1 ? "" : "s")
                + " drifted, "
                + warnings
            : "no drift" + (audit.warnings() > 0 ? "; warnings: " + warnings : ""));
  }

  private static String where(Audit.ShareAudit s) {
    if (s.volume().isEmpty()) {
      return "";
    }
    return " (" + s.volume().get() + s.cluster().map(c -> " on " + c).orElse("") + ")";
  }

  private static String pool(List<Audit.PoolSize> pool) {
    if (pool.isEmpty()) {
      return "empty";
    }
    StringBuilder sb = new StringBuilder();
    for (Audit.PoolSize p : pool) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(p.size().isPresent() ? p.size().getAsInt() + "G" : "unsized")
          .append(' ')
          .append(p.free())
          .append('/')
          .append(p.total())
          .append(" free");
    }
    return sb.toString();
  }

  public static ObjectNode json(Audit audit, Provenance provenance) {
    ObjectNode root = Json.object();
    root.put("formatVersion", FORMAT_VERSION);
    root.set("provenance", PlanFormat.provenance(provenance));
    root.put("stack", audit.stack());
    root.put("drift", audit.drift());
    root.put("warnings", audit.warnings());
    ArrayNode shares = root.putArray("shares");
    for (Audit.ShareAudit s : audit.shares()) {
      ObjectNode o = shares.addObject();
      o.put("share", s.share());
      o.put("managed", s.managed());
      Json.put(o, "cluster", s.cluster());
      Json.put(o, "volume", s.volume());
      o.put("status", s.ok() ? "ok" : s.managed() ? "drift" : "unmanaged");
      o.set("findings", findings(s.findings()));
      o.set("warnings", findings(s.warnings()));
    }
    ArrayNode clusters = root.putArray("clusters");
    for (Audit.ClusterAudit c : audit.clusters()) {
      ObjectNode o = clusters.addObject();
      o.put("cluster", c.cluster());
      ArrayNode pool = o.putArray("pool");
      for (Audit.PoolSize p : c.pool()) {
        ObjectNode size = pool.addObject();
        Json.put(size, "size", p.size());
        size.put("total", p.total());
        size.put("free", p.free());
      }
      o.set("findings", findings(c.findings()));
    }
    return root;
  }

  private static ArrayNode findings(List<Audit.Finding> findings) {
    ArrayNode out = Json.array();
    for (Audit.Finding f : findings) {
      ObjectNode o = out.addObject();
      o.put("kind", f.kind());
      o.put("message", f.message());
    }
    return out;
  }

  /** One test case per share and per cluster, so CI systems show drift natively. */
  public static void junit(Audit audit, Provenance provenance, PrintWriter out) {
    junit(audit, provenance, false, out);
  }

  /**
   * One test case per share and per cluster. Drift of a managed share is a {@code <failure>};
   * warnings (unmanaged shares, cluster findings) are the test case's {@code <system-out>}, or
   * failures too when {@code warningsFail} ({@code audit --fail-on warning}).
   */
  public static void junit(
      Audit audit, Provenance provenance, boolean warningsFail, PrintWriter out) {
    long failures =
        audit.shares().stream().filter(s -> !s.ok() && (s.managed() || warningsFail)).count()
            + (warningsFail ? audit.clusters().stream().filter(c -> !c.ok()).count() : 0);
    int tests = audit.shares().size() + audit.clusters().size();
    out.println("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    out.println(
        "<testsuites name=\"gluster-shares audit\" tests=\""
            + tests
            + "\" failures=\""
            + failures
            + "\">");
    out.println(
        "  <testsuite name=\""
            + XmlText.escape("gluster-shares audit " + audit.stack())
            + "\" tests=\""
            + tests
            + "\" failures=\""
            + failures
            + "\" errors=\"0\" skipped=\"0\" timestamp=\""
            + XmlText.escape(provenance.createdAt())
            + "\">");
    out.println("    <properties>");
    out.println(
        "      <property name=\"file\" value=\"" + XmlText.escape(provenance.file()) + "\"/>");
    out.println(
        "      <property name=\"digest\" value=\"" + XmlText.escape(provenance.digest()) + "\"/>");
    provenance
        .commit()
        .ifPresent(
            c ->
                out.println(
                    "      <property name=\"commit\" value=\"" + XmlText.escape(c) + "\"/>"));
    provenance
        .dirty()
        .ifPresent(d -> out.println("      <property name=\"dirty\" value=\"" + d + "\"/>"));
    provenance
        .pathInRepo()
        .ifPresent(
            p ->
                out.println(
                    "      <property name=\"pathInRepo\" value=\"" + XmlText.escape(p) + "\"/>"));
    provenance
        .revision()
        .ifPresent(
            r ->
                out.println(
                    "      <property name=\"revision\" value=\"" + XmlText.escape(r) + "\"/>"));
    out.println(
        "      <property name=\"toolVersion\" value=\""
            + XmlText.escape(provenance.toolVersion())
            + "\"/>");
    out.println("    </properties>");
    for (Audit.ShareAudit s : audit.shares()) {
      testCase(
          out,
          "shares." + s.cluster().orElse("unbound"),
          "share " + s.share(),
          s.findings(),
          s.managed() ? "drift" : "unmanaged",
          s.managed() || warningsFail);
    }
    for (Audit.ClusterAudit c : audit.clusters()) {
      testCase(
          out,
          "clusters",
          "cluster " + c.cluster() + " pool",
          c.findings(),
          "cluster",
          warningsFail);
    }
    out.println("  </testsuite>");
    out.println("</testsuites>");
  }

  private static void testCase(
      PrintWriter out,
      String className,
      String name,
      List<Audit.Finding> findings,
      String type,
      boolean fails) {
    if (findings.isEmpty()) {
      out.println(
          "    <testcase classname=\""
              + XmlText.escape(className)
              + "\" name=\""
              + XmlText.escape(name)
              + "\"/>");
      return;
    }
    out.println(
        "    <testcase classname=\""
            + XmlText.escape(className)
            + "\" name=\""
            + XmlText.escape(name)
            + "\">");
    StringBuilder body = new StringBuilder();
    findings.forEach(f -> body.append(f.kind()).append(": ").append(f.message()).append('\n'));
    if (!fails) {
      out.println("      <system-out>" + XmlText.escape("warning: " + body) + "</system-out>");
      out.println("    </testcase>");
      return;
    }
    // Every kind found, not only the first: the message is what CI systems show in their list.
    List<String> kinds = findings.stream().map(Audit.Finding::kind).distinct().toList();
    out.println(
        "      <failure type=\""
            + type
            + "\" message=\""
            + XmlText.escape(
                findings.size()
                    + " finding"
                    + (findings.size() == 1 ? "" : "s")
                    + ": "
                    + String.join(", ", kinds))
            + "\">"
            + XmlText.escape(body.toString())
            + "</failure>");
    out.println("    </testcase>");
  }

  public static void markdown(Audit audit, Provenance provenance, PrintWriter out) {
    out.println(
        "## gluster-shares audit: "
            + (audit.drift() ? "drift" : audit.warnings() > 0 ? "no drift, warnings" : "no drift"));
    out.println();
    out.println(
        headline(audit, provenance)
            .replace("Audit of ", "Audit of `")
            .replaceFirst(" \\(stack", "` (stack"));
    out.println();
    out.println(Markdown.provenance(provenance));
    out.println();
    out.println("| share | where | status | findings |");
    out.println("|---|---|---|---|");
    for (Audit.ShareAudit s : audit.shares()) {
      out.println(
          "| "
              + Markdown.cell(s.share())
              + " | "
              + Markdown.cell(
                  s.volume().map(v -> v + s.cluster().map(c -> " on " + c).orElse("")).orElse("—"))
              + " | "
              + (s.ok() ? "✅ ok" : s.managed() ? "❌ drift" : "⚠️ unmanaged")
              + " | "
              + Markdown.cell(
                  String.join(
                      "; ",
                      Stream.concat(
                              s.findings().stream().map(f -> f.kind() + ": " + f.message()),
                              s.warnings().stream()
                                  .map(f -> "warning " + f.kind() + ": " + f.message()))
                          .toList()))
              + " |");
    }
    out.println();
    out.println("| cluster | pool (free/total) | findings |");
    out.println("|---|---|---|");
    for (Audit.ClusterAudit c : audit.clusters()) {
      out.println(
          "| "
              + Markdown.cell(c.cluster())
              + " | "
              + Markdown.cell(pool(c.pool()))
              + " | "
              + Markdown.cell(
                  c.ok()
                      ? "—"
                      : String.join(
                          "; ",
                          c.findings().stream().map(f -> f.kind() + ": " + f.message()).toList()))
              + " |");
    }
  }
}

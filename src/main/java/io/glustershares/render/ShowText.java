package io.glustershares.render;

import io.glustershares.inspect.ShowReport;
import io.glustershares.model.ObservedCluster;
import io.glustershares.model.Peer;
import io.glustershares.model.Plural;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/** {@code show} for people. */
public final class ShowText {

  private ShowText() {}

  public static void render(ShowReport report, PrintWriter out) {
    boolean first = true;
    for (ShowReport.ClusterView c : report.clusters()) {
      if (!first) {
        out.println();
      }
      first = false;
      if (c.observed().isEmpty()) {
        out.println(
            "cluster " + c.name() + " (" + c.server() + "): NOT READ: " + c.error().orElse(""));
        continue;
      }
      var o = c.observed().get();
      out.println(
          "cluster "
              + c.name()
              + " ("
              + c.server()
              + "): gluster "
              + o.version()
              + ", host "
              + o.host()
              + ", "
              + Plural.of(o.volumes().size(), "volume"));
      o.snapshotsUnavailable().ifPresent(why -> out.println("  snapshots unavailable: " + why));
      servers(o, out);

      out.println(
          "  shares of stack '"
              + report.stack()
              + "': "
              + (c.shares().isEmpty() ? "none" : c.shares().size()));
      for (ShowReport.ShareView s : c.shares()) {
        out.println(
            "    "
                + s.share()
                + (s.managed() ? "" : " (unmanaged: not in the file)")
                + "  volume "
                + s.volume()
                + size(s.size())
                + (s.isClone() ? ", clone" : "")
                + ", "
                + s.status().label().toLowerCase(Locale.ROOT));
        out.println("      export    " + s.exportLocation());
        out.println("      access    " + list(s.tenantCns()));
        if (!s.keptCns().isEmpty()) {
          out.println("      kept      " + list(s.keptCns()));
        }
        out.println("      infra     " + list(s.infrastructureCns()));
        if (s.secured()) {
          out.println("      security  ok");
        } else {
          StringBuilder sb = new StringBuilder();
          s.drift()
              .forEach(
                  d ->
                      append(
                          sb,
                          d.option()
                              + " "
                              + d.actual().text().orElseThrow()
                              + " (want "
                              + d.expected()
                              + ")"));
          if (!s.missingInfrastructureCns().isEmpty()) {
            append(
                sb,
                "missing infrastructure CNs " + String.join(", ", s.missingInfrastructureCns()));
          }
          if (s.status() != io.glustershares.model.Volume.Status.STARTED) {
            append(sb, "volume " + s.status().label().toLowerCase(Locale.ROOT));
          }
          out.println("      security  DRIFTED: " + sb);
        }
        if (!s.snapshots().isEmpty()) {
          out.println("      snapshots");
          for (ShowReport.SnapshotView snap : s.snapshots()) {
            out.println(
                "        "
                    + snap.name()
                    + (snap.managed() ? "" : " (not in the file)")
                    + "  "
                    + snap.glusterName()
                    + (snap.activated() ? ", activated" : "")
                    + ", "
                    + snap.createTime());
          }
        }
      }
      if (!c.pendingClones().isEmpty()) {
        out.println(
            "  clones not yet tagged (the next apply finishes them): " + c.pendingClones().size());
        c.pendingClones().forEach(p -> out.println("    " + p));
      }
      out.println("  free pool volumes: " + (c.free().isEmpty() ? "none" : c.free().size()));
      c.free()
          .forEach(
              p ->
                  out.println(
                      "    "
                          + p.volume()
                          + size(p.size())
                          + p.reason().map(r -> ": " + r).orElse("")));
      if (!c.notReady().isEmpty()) {
        out.println("  not ready (in the pool by name): " + c.notReady().size());
        c.notReady()
            .forEach(
                p ->
                    out.println(
                        "    " + p.volume() + size(p.size()) + ": " + p.reason().orElse("")));
      }
      if (!c.foreign().isEmpty()) {
        out.println("  foreign (bound by someone else, never touched): " + c.foreign().size());
        c.foreign().forEach(f -> out.println("    " + f.volume() + ": " + f.reason()));
      }
      if (!c.outsidePattern().isEmpty()) {
        out.println("  outside the pool pattern: " + c.outsidePattern().size());
        c.outsidePattern().forEach(v -> out.println("    " + v));
      }
    }
  }

  /** The servers, when there are several or one is away, and the bricks that do not run. */
  private static void servers(ObservedCluster o, PrintWriter out) {
    if (o.servers() > 1) {
      out.println(
          "  servers: "
              + String.join(
                  ", ",
                  o.peers().stream()
                      .map(p -> p.hostname() + (p.connected() ? "" : " DISCONNECTED"))
                      .toList()));
    }
    for (Peer p : o.disconnectedPeers()) {
      out.println(
          "  "
              + p.hostname()
              + " is disconnected (glusterd not answering): volumes with a brick there are not"
              + " changed until it is back");
    }
    if (!o.offlineBricks().isEmpty()) {
      out.println("  bricks not running: " + o.offlineBricks().size());
      o.offlineBricks().forEach(b -> out.println("    " + b.brick() + " of " + b.volume()));
    }
  }

  private static String size(OptionalInt size) {
    return size.isPresent() ? " (" + size.getAsInt() + " GB)" : "";
  }

  private static String list(List<String> cns) {
    return cns.isEmpty() ? "(none)" : String.join(", ", cns);
  }

  private static void append(StringBuilder sb, String item) {
    if (sb.length() > 0) {
      sb.append("; ");
    }
    sb.append(item);
  }
}

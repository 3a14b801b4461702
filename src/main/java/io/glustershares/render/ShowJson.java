package io.glustershares.render;

import io.glustershares.inspect.ShowReport;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code show --json}; the document is described by {@code schema/show-v1.schema.json}. */
public final class ShowJson {

  public static final int FORMAT_VERSION = 1;

  private ShowJson() {}

  public static ObjectNode render(ShowReport report) {
    ObjectNode root = Json.object();
    root.put("formatVersion", FORMAT_VERSION);
    root.put("stack", report.stack());
    ArrayNode clusters = root.putArray("clusters");
    for (ShowReport.ClusterView c : report.clusters()) {
      ObjectNode cluster = clusters.addObject();
      cluster.put("name", c.name());
      cluster.put("server", c.server());
      Json.put(cluster, "error", c.error());
      if (c.observed().isEmpty()) {
        continue;
      }
      var o = c.observed().get();
      cluster.put("host", o.host());
      cluster.put("glusterVersion", o.version().text());
      ObjectNode snapshots = cluster.putObject("snapshots");
      snapshots.put("available", o.snapshotsUnavailable().isEmpty());
      Json.put(snapshots, "unavailableReason", o.snapshotsUnavailable());
      ArrayNode servers = cluster.putArray("servers");
      o.peers()
          .forEach(
              p -> {
                ObjectNode item = servers.addObject();
                item.put("hostname", p.hostname());
                item.put("uuid", p.uuid());
                item.put("connected", p.connected());
                item.put("local", p.local());
              });
      ArrayNode offline = cluster.putArray("offlineBricks");
      o.offlineBricks()
          .forEach(
              b -> {
                ObjectNode item = offline.addObject();
                item.put("volume", b.volume());
                item.put("brick", b.brick());
              });
      ArrayNode shares = cluster.putArray("shares");
      for (ShowReport.ShareView s : c.shares()) {
        ObjectNode share = shares.addObject();
        share.put("share", s.share());
        share.put("managed", s.managed());
        share.put("volume", s.volume());
        Json.put(share, "size", s.size());
        share.put("exportLocation", s.exportLocation());
        share.put("status", s.status().label());
        Json.put(share, "manilaShare", s.manilaShare());
        share.put("clone", s.isClone());
        share.set("access", Json.strings(s.tenantCns()));
        share.set("infrastructureCns", Json.strings(s.infrastructureCns()));
        share.set("keptCns", Json.strings(s.keptCns()));
        ObjectNode security = share.putObject("security");
        security.put("secured", s.secured());
        ArrayNode drift = security.putArray("drift");
        s.drift()
            .forEach(
                d -> {
                  ObjectNode item = drift.addObject();
                  item.put("option", d.option());
                  item.put("expected", d.expected());
                  item.put("actual", d.actual().text().orElseThrow());
                });
        security.set("missingInfrastructureCns", Json.strings(s.missingInfrastructureCns()));
        ArrayNode snaps = share.putArray("snapshots");
        for (ShowReport.SnapshotView snap : s.snapshots()) {
          ObjectNode item = snaps.addObject();
          item.put("name", snap.name());
          item.put("glusterName", snap.glusterName());
          item.put("managed", snap.managed());
          item.put("activated", snap.activated());
          item.put("createTime", snap.createTime());
        }
      }
      cluster.set("pendingClones", Json.strings(c.pendingClones()));
      cluster.set("free", pool(c.free()));
      cluster.set("notReady", pool(c.notReady()));
      ArrayNode foreign = cluster.putArray("foreign");
      for (ShowReport.ForeignVolume f : c.foreign()) {
        ObjectNode item = foreign.addObject();
        item.put("volume", f.volume());
        item.put("reason", f.reason());
        Json.put(item, "manilaShare", f.manilaShare());
        Json.put(item, "owner", f.owner());
      }
      cluster.set("outsidePattern", Json.strings(c.outsidePattern()));
    }
    return root;
  }

  private static ArrayNode pool(List<ShowReport.PoolVolume> volumes) {
    ArrayNode out = Json.array();
    for (ShowReport.PoolVolume p : volumes) {
      ObjectNode item = out.addObject();
      item.put("volume", p.volume());
      Json.put(item, "size", p.size());
      p.reason().ifPresent(r -> item.put("reason", r));
    }
    return out;
  }
}

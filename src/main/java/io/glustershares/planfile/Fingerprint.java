package io.glustershares.planfile;

import io.glustershares.model.ObservedCluster;
import io.glustershares.model.ObservedState;
import io.glustershares.model.Snapshot;
import io.glustershares.model.Volume;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a plan was made from, compact: a short hash per volume (status and options) and per
 * snapshot, per cluster, and one digest over all. A saved plan keeps it, so that applying it later
 * can refuse, and say what changed, when the clusters are no longer as they were.
 */
public record Fingerprint(String digest, Map<String, Map<String, String>> clusters) {

  public static Fingerprint of(ObservedState observed) {
    Map<String, Map<String, String>> clusters = new TreeMap<>();
    StringBuilder all = new StringBuilder();
    for (ObservedCluster cluster : observed.clusters().values()) {
      Map<String, String> items = new TreeMap<>();
      for (Volume v : cluster.volumes()) {
        items.put("volume " + v.name(), hash(v.status() + "\n" + v.options()));
      }
      for (Snapshot s : cluster.snapshots()) {
        items.put("snapshot " + s.name(), hash(s.originVolume() + "\n" + s.activated()));
      }
      clusters.put(cluster.name(), items);
      all.append(cluster.name()).append('\n').append(items).append('\n');
    }
    return new Fingerprint(hash(all.toString()), clusters);
  }

  /** What differs from {@code then}, as lines people can read; empty when nothing does. */
  public List<String> changesSince(Fingerprint then) {
    List<String> out = new ArrayList<>();
    TreeSet<String> names = new TreeSet<>(then.clusters.keySet());
    names.addAll(clusters.keySet());
    for (String cluster : names) {
      Map<String, String> before = then.clusters.getOrDefault(cluster, Map.of());
      Map<String, String> now = clusters.getOrDefault(cluster, Map.of());
      TreeSet<String> items = new TreeSet<>(before.keySet());
      items.addAll(now.keySet());
      for (String item : items) {
        String b = before.get(item);
        String n = now.get(item);
        if (b == null) {
          out.add("cluster '" + cluster + "': " + item + " appeared");
        } else if (n == null) {
          out.add("cluster '" + cluster + "': " + item + " disappeared");
        } else if (!b.equals(n)) {
          out.add("cluster '" + cluster + "': " + item + " changed");
        }
      }
    }
    return out;
  }

  static String hash(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}

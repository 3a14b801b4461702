package io.glustershares.sim;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Fault injection for tests and benchmarks, from {@code GLUSTER_SHARES_SIM_FAULTS}: a list of
 * {@code CLUSTER:KIND=N} separated by {@code ;} or {@code ,}, where CLUSTER is a cluster name or
 * {@code *}, N counts the calls one process makes to that cluster from 1, and KIND is
 *
 * <ul>
 *   <li>{@code fail}: call N fails as gluster fails (opRet -1; host commands exit 1);
 *   <li>{@code transient}: call N fails with glusterd's "Another transaction is in progress";
 *       {@code transient=N-M} fails calls N to M so (a glusterd busy for a while);
 *   <li>{@code die}: the process is killed right after call N took effect (no cleanup runs);
 *   <li>{@code peer-down}: right after call N, the first connected peer of the cluster is
 *       disconnected (as when its glusterd stops), and stays so;
 *   <li>{@code peer-up}: right after call N, every peer is connected again.
 * </ul>
 *
 * and, for the wipe's host commands, where N counts that command's calls instead:
 *
 * <ul>
 *   <li>{@code mount-silent}: the Nth {@code mount} exits 0 and mounts nothing (as a mount helper
 *       that gave up quietly, or a mount that another process undid at once);
 *   <li>{@code umount-busy}: the Nth {@code umount} fails with "target is busy" and leaves the
 *       volume mounted;
 *   <li>{@code rmdir-busy}: the Nth {@code rmdir} fails with "Device or resource busy".
 * </ul>
 */
public final class SimFaults {

  public static final String VARIABLE = "GLUSTER_SHARES_SIM_FAULTS";
  public static final SimFaults NONE = new SimFaults(Map.of(), Map.of());

  enum Kind {
    FAIL,
    TRANSIENT,
    DIE,
    PEER_DOWN,
    PEER_UP,
    MOUNT_SILENT,
    UMOUNT_BUSY,
    RMDIR_BUSY;

    String spelling() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private static final String KINDS =
      String.join(", ", Arrays.stream(Kind.values()).map(Kind::spelling).toList());

  private final Map<String, Map<Kind, Integer>> byCluster;

  /** The last call of a {@code KIND=N-M} range, by cluster and kind; N alone is its own end. */
  private final Map<String, Map<Kind, Integer>> lastByCluster;

  private SimFaults(
      Map<String, Map<Kind, Integer>> byCluster, Map<String, Map<Kind, Integer>> lastByCluster) {
    this.byCluster = byCluster;
    this.lastByCluster = lastByCluster;
  }

  public static SimFaults parse(String spec) {
    Map<String, Map<Kind, Integer>> byCluster = new HashMap<>();
    Map<String, Map<Kind, Integer>> lastByCluster = new HashMap<>();
    if (spec == null || spec.isBlank()) {
      return NONE;
    }
    for (String item : spec.split("[;,]")) {
      String entry = item.strip();
      if (entry.isEmpty()) {
        continue;
      }
      int colon = entry.indexOf(':');
      int equals = entry.indexOf('=');
      if (colon <= 0 || equals < colon) {
        throw new SimException(
            VARIABLE + ": '" + entry + "' is not CLUSTER:KIND=N (KIND: " + KINDS + ")");
      }
      String cluster = entry.substring(0, colon);
      Kind kind;
      try {
        kind =
            Kind.valueOf(
                entry.substring(colon + 1, equals).toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new SimException(
            VARIABLE
                + ": unknown fault '"
                + entry.substring(colon + 1, equals)
                + "'; valid: "
                + KINDS);
      }
      String value = entry.substring(equals + 1);
      int dash = kind == Kind.TRANSIENT ? value.indexOf('-') : -1;
      int n;
      int last;
      try {
        n = Integer.parseInt(dash < 0 ? value : value.substring(0, dash));
        last = dash < 0 ? n : Integer.parseInt(value.substring(dash + 1));
      } catch (NumberFormatException e) {
        throw new SimException(
            VARIABLE
                + ": '"
                + entry
                + "': N must be a whole number"
                + (kind == Kind.TRANSIENT ? " (or a range N-M)" : ""));
      }
      if (last < n) {
        throw new SimException(VARIABLE + ": '" + entry + "': the range ends before it starts");
      }
      byCluster.computeIfAbsent(cluster, k -> new HashMap<>()).put(kind, n);
      lastByCluster.computeIfAbsent(cluster, k -> new HashMap<>()).put(kind, last);
    }
    return new SimFaults(byCluster, lastByCluster);
  }

  /** Whether {@code call} is in the fault's range (N, or N to M). */
  boolean covers(String cluster, Kind kind, int call) {
    String key = byCluster.getOrDefault(cluster, Map.of()).containsKey(kind) ? cluster : "*";
    Integer first = byCluster.getOrDefault(key, Map.of()).get(kind);
    Integer last = lastByCluster.getOrDefault(key, Map.of()).get(kind);
    return first != null && first <= call && call <= last;
  }

  OptionalInt call(String cluster, Kind kind) {
    Integer n = byCluster.getOrDefault(cluster, Map.of()).get(kind);
    if (n == null) {
      n = byCluster.getOrDefault("*", Map.of()).get(kind);
    }
    return n == null ? OptionalInt.empty() : OptionalInt.of(n);
  }
}

package io.glustershares.sim;

import java.util.HashMap;
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
 *   <li>{@code die}: the process is killed right after call N took effect (no cleanup runs).
 * </ul>
 */
public final class SimFaults {

  public static final String VARIABLE = "GLUSTER_SHARES_SIM_FAULTS";
  public static final SimFaults NONE = new SimFaults(Map.of());

  enum Kind {
    FAIL,
    TRANSIENT,
    DIE
  }

  private final Map<String, Map<Kind, Integer>> byCluster;

  private SimFaults(Map<String, Map<Kind, Integer>> byCluster) {
    this.byCluster = byCluster;
  }

  public static SimFaults parse(String spec) {
    Map<String, Map<Kind, Integer>> byCluster = new HashMap<>();
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
            VARIABLE + ": '" + entry + "' is not CLUSTER:KIND=N (KIND: fail, transient, die)");
      }
      String cluster = entry.substring(0, colon);
      Kind kind;
      try {
        kind = Kind.valueOf(entry.substring(colon + 1, equals).toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new SimException(
            VARIABLE
                + ": unknown fault '"
                + entry.substring(colon + 1, equals)
                + "'; valid: fail, transient, die");
      }
      int n;
      try {
        n = Integer.parseInt(entry.substring(equals + 1));
      } catch (NumberFormatException e) {
        throw new SimException(VARIABLE + ": '" + entry + "': N must be a whole number");
      }
      byCluster.computeIfAbsent(cluster, k -> new HashMap<>()).put(kind, n);
    }
    return new SimFaults(byCluster);
  }

  OptionalInt call(String cluster, Kind kind) {
    Integer n = byCluster.getOrDefault(cluster, Map.of()).get(kind);
    if (n == null) {
      n = byCluster.getOrDefault("*", Map.of()).get(kind);
    }
    return n == null ? OptionalInt.empty() : OptionalInt.of(n);
  }
}

package io.glustershares.plan;

import io.glustershares.model.Volume;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Pool selection (SPEC §4): the free volumes of every cluster that no share of this plan has taken
 * yet, and the one a new share gets. Deterministic, so that the plan says which volume is bound.
 */
final class Pool {

  private final boolean sized;
  private final Map<String, Shelf> shelves = new LinkedHashMap<>();
  private final Set<String> taken = new HashSet<>();

  /**
   * One cluster's free volumes, by size, names sorted: key -1 for unknown size (a pattern without
   * size, or a name that matches without its size group), which fits any request.
   */
  private static final class Shelf {
    final TreeMap<Integer, TreeSet<String>> bySize = new TreeMap<>();
    final Map<String, PlanContext.Free> byName = new HashMap<>();
  }

  private static final int UNKNOWN = -1;

  /**
   * Indexes the free volumes and notes, per cluster, the pool volumes that are not ready and the
   * free ones that are not started.
   */
  Pool(PlanContext context, PlanBuilder plan) {
    this.sized = context.desired().volumePattern().hasSize();
    for (PlanContext.Cluster cluster : context.clusters().values()) {
      Shelf shelf = new Shelf();
      for (PlanContext.Free free : cluster.free()) {
        shelf.byName.put(free.volume().name(), free);
        shelf.bySize.computeIfAbsent(key(free), k -> new TreeSet<>()).add(free.volume().name());
      }
      shelves.put(cluster.name(), shelf);
      List<String> notStarted = new ArrayList<>();
      for (PlanContext.Free free : cluster.free()) {
        if (free.volume().status() != Volume.Status.STARTED) {
          notStarted.add(free.volume().name());
        }
      }
      notReady(
          plan,
          cluster,
          cluster.notReady(),
          "pool",
          "not ready (no auth.ssl-allow) and cannot be bound");
      // A free volume serves nobody, but one left stopped by a failed or killed apply must not
      // look fine: it is said, and the create that binds it starts it.
      notReady(
          plan,
          cluster,
          notStarted,
          "free pool",
          "not started (a failed or interrupted apply may have left "
              + (notStarted.size() == 1 ? "it" : "them")
              + " so; binding one starts it, or start it now with gluster volume start VOLUME)");
    }
  }

  /** A note naming the volumes of a cluster that cannot serve yet, if there are any. */
  private static void notReady(
      PlanBuilder plan,
      PlanContext.Cluster cluster,
      List<String> volumes,
      String kind,
      String state) {
    if (!volumes.isEmpty()) {
      plan.warning(
          PlanMessage.clusterNote(
              PlanMessage.Kind.NOT_READY,
              cluster.name(),
              volumes.size()
                  + " "
                  + kind
                  + " volume"
                  + (volumes.size() == 1 ? " is " : "s are ")
                  + state
                  + ": "
                  + String.join(", ", volumes)));
    }
  }

  private static int key(PlanContext.Free free) {
    return free.size().orElse(UNKNOWN);
  }

  /**
   * SPEC §4: smallest fitting size; then the cluster with most free of it; then the first name. As
   * Manila's {@code _pop_gluster_vol}: a volume of unknown size only when no sized volume fits.
   */
  Optional<PlanContext.Free> choose(int size, Optional<String> pin) {
    Optional<PlanContext.Free> sizedFit = choose(size, pin, false);
    return sizedFit.isPresent() || !sized ? sizedFit : choose(size, pin, true);
  }

  private Optional<PlanContext.Free> choose(int size, Optional<String> pin, boolean unknown) {
    String bestCluster = null;
    Map.Entry<Integer, TreeSet<String>> best = null;
    for (Map.Entry<String, Shelf> e : shelves.entrySet()) {
      if (pin.isPresent() && !pin.get().equals(e.getKey())) {
        continue;
      }
      TreeMap<Integer, TreeSet<String>> bySize = e.getValue().bySize;
      Map.Entry<Integer, TreeSet<String>> entry =
          !sized
              ? bySize.firstEntry()
              : unknown ? unknown(bySize) : bySize.ceilingEntry(max1(size));
      if (entry == null) {
        continue;
      }
      if (best == null || better(entry, e.getKey(), best, bestCluster)) {
        bestCluster = e.getKey();
        best = entry;
      }
    }
    return best == null
        ? Optional.empty()
        : Optional.of(shelves.get(bestCluster).byName.get(best.getValue().first()));
  }

  private static Map.Entry<Integer, TreeSet<String>> unknown(
      TreeMap<Integer, TreeSet<String>> bySize) {
    Map.Entry<Integer, TreeSet<String>> first = bySize.firstEntry();
    return first != null && first.getKey() == UNKNOWN ? first : null;
  }

  /** A volume named 0 GB fits no request. */
  private static int max1(int size) {
    return Math.max(1, size);
  }

  private static boolean better(
      Map.Entry<Integer, TreeSet<String>> a,
      String aCluster,
      Map.Entry<Integer, TreeSet<String>> b,
      String bCluster) {
    if (!a.getKey().equals(b.getKey())) {
      return a.getKey() < b.getKey();
    }
    if (a.getValue().size() != b.getValue().size()) {
      return a.getValue().size() > b.getValue().size();
    }
    int byName = a.getValue().first().compareTo(b.getValue().first());
    return byName != 0 ? byName < 0 : aCluster.compareTo(bCluster) < 0;
  }

  /** Takes a volume out of the pool of this plan: no other share gets it. */
  void take(String cluster, String volume) {
    taken.add(cluster + "/" + volume);
    Shelf shelf = shelves.get(cluster);
    PlanContext.Free free = shelf.byName.remove(volume);
    if (free != null) {
      int size = key(free);
      TreeSet<String> names = shelf.bySize.get(size);
      names.remove(volume);
      if (names.isEmpty()) {
        shelf.bySize.remove(size);
      }
    }
  }

  /** Whether a share of this plan took the volume already. */
  boolean isTaken(String cluster, String volume) {
    return taken.contains(cluster + "/" + volume);
  }

  /** The error for a share no volume fits, with what is free per cluster and size. */
  String noFitMessage(String share, int size, Optional<String> pin) {
    String what = sized ? "no free volume of at least " + size + " GB" : "no free volume";
    String where = pin.map(c -> "on cluster '" + c + "'").orElse("on any cluster");
    List<String> free = new ArrayList<>();
    for (Map.Entry<String, Shelf> e : shelves.entrySet()) {
      if (pin.isPresent() && !pin.get().equals(e.getKey())) {
        continue;
      }
      List<String> parts = new ArrayList<>();
      e.getValue()
          .bySize
          .forEach(
              (gb, names) ->
                  parts.add(
                      (!sized ? "" : gb == UNKNOWN ? "size unknown" : gb + "G")
                          + " ×"
                          + names.size()));
      String list =
          parts.isEmpty()
              ? "none"
              : String.join(", ", parts).replace(" ×", sized ? " ×" : "×").strip();
      free.add(pin.isPresent() ? list : e.getKey() + ": " + list);
    }
    return "share '%s': %s %s (free: %s)".formatted(share, what, where, String.join("; ", free));
  }
}

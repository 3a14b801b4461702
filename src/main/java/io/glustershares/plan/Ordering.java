package io.glustershares.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The one place that orders actions (STYLE habit 7): a topological order of the dependency graph
 * that follows SPEC §4's phases (create shares, snapshots, clones, access and repairs, delete
 * snapshots, delete shares) wherever a dependency does not demand otherwise, and keeps the
 * planner's order within a phase.
 */
public final class Ordering {

  private Ordering() {}

  public static List<Action> order(List<Action> actions) {
    Map<String, Action> byId = new HashMap<>();
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < actions.size(); i++) {
      Action a = actions.get(i);
      if (byId.put(a.id(), a) != null) {
        throw new IllegalStateException("two actions with id " + a.id());
      }
      position.put(a.id(), i);
    }
    // A dependency that is not in the plan (filtered by --target, or nothing to do) is dropped.
    Map<String, List<String>> dependsOn = new HashMap<>();
    Map<String, List<String>> dependents = new HashMap<>();
    Map<String, Integer> waiting = new HashMap<>();
    for (Action a : actions) {
      List<String> deps = a.dependsOn().stream().filter(byId::containsKey).distinct().toList();
      dependsOn.put(a.id(), deps);
      waiting.put(a.id(), deps.size());
      deps.forEach(d -> dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(a.id()));
    }
    PriorityQueue<Action> ready =
        new PriorityQueue<>(
            Comparator.comparingInt((Action a) -> a.type().phase())
                .thenComparingInt(a -> position.get(a.id())));
    actions.stream().filter(a -> waiting.get(a.id()) == 0).forEach(ready::add);
    List<Action> ordered = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    while (!ready.isEmpty()) {
      Action next = ready.poll();
      ordered.add(next.withDependsOn(dependsOn.get(next.id())));
      placed.add(next.id());
      for (String d : dependents.getOrDefault(next.id(), List.of())) {
        if (waiting.merge(d, -1, Integer::sum) == 0) {
          ready.add(byId.get(d));
        }
      }
    }
    if (ordered.size() != actions.size()) {
      List<String> stuck =
          actions.stream().map(Action::id).filter(id -> !placed.contains(id)).toList();
      throw new IllegalStateException("dependency cycle among " + stuck);
    }
    return ordered;
  }
}

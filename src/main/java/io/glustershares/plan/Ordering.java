package io.glustershares.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The one place that orders actions (STYLE habit 7): a topological order of the dependency graph
 * that follows SPEC §4's phases (create shares, snapshots, clones, access and repairs, delete
 * snapshots, delete shares) wherever a dependency does not demand otherwise, and keeps the
 * planner's order within a phase.
 */
public final class Ordering {

  private Ordering() {}

  public static List<Action> order(List<Action> actions) {
    int n = actions.size();
    Map<String, Integer> index = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      if (index.put(actions.get(i).id(), i) != null) {
        throw new IllegalStateException("two actions with id " + actions.get(i).id());
      }
    }
    // A dependency that is not in the plan (filtered by --target, or nothing to do) is dropped.
    int[][] dependsOn = new int[n][];
    int[] waiting = new int[n];
    List<List<Integer>> dependents = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      dependents.add(new ArrayList<>(0));
    }
    for (int i = 0; i < n; i++) {
      List<Integer> deps = new ArrayList<>();
      for (String d : actions.get(i).dependsOn()) {
        Integer j = index.get(d);
        if (j != null && !deps.contains(j)) {
          deps.add(j);
        }
      }
      dependsOn[i] = deps.stream().mapToInt(Integer::intValue).toArray();
      waiting[i] = dependsOn[i].length;
      for (int j : dependsOn[i]) {
        dependents.get(j).add(i);
      }
    }
    // Phase first, then the planner's order: one long key per action.
    PriorityQueue<Long> ready = new PriorityQueue<>();
    for (int i = 0; i < n; i++) {
      if (waiting[i] == 0) {
        ready.add(key(actions.get(i), i));
      }
    }
    List<Action> ordered = new ArrayList<>(n);
    while (!ready.isEmpty()) {
      int i = (int) (ready.poll() & 0xffffffffL);
      Action a = actions.get(i);
      List<String> ids = new ArrayList<>(dependsOn[i].length);
      for (int j : dependsOn[i]) {
        ids.add(actions.get(j).id());
      }
      ordered.add(ids.equals(a.dependsOn()) ? a : a.withDependsOn(ids));
      for (int d : dependents.get(i)) {
        if (--waiting[d] == 0) {
          ready.add(key(actions.get(d), d));
        }
      }
    }
    if (ordered.size() != n) {
      List<String> stuck = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (waiting[i] > 0) {
          stuck.add(actions.get(i).id());
        }
      }
      throw new IllegalStateException("dependency cycle among " + stuck);
    }
    return ordered;
  }

  private static long key(Action a, int position) {
    return ((long) a.type().phase() << 32) | position;
  }
}

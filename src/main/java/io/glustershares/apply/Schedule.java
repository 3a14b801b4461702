package io.glustershares.apply;

import io.glustershares.plan.Action;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@link Applier}'s scheduler knows, in time linear in the plan (issue 17): each action counts
 * the dependencies it still waits on, and an action whose count reaches zero joins its cluster's
 * ready set. The next action to start is the first, in plan order, of the ready actions on clusters
 * that are free, kept as one ordered set of each free cluster's first ready action. Not
 * thread-safe: the applier guards it with its own monitor.
 */
final class Schedule {

  /** An action skipped because something it depends on failed or was skipped. */
  record Skip(Action action, String because) {}

  private final List<Action> actions;
  private final Map<String, List<Integer>> dependents = new HashMap<>();
  private final int[] waitingOn;
  private final boolean[] pending;
  private int pendingCount;
  private final Map<String, TreeSet<Integer>> readyByCluster = new HashMap<>();
  private final TreeSet<Integer> startable = new TreeSet<>();
  private final Set<String> busyClusters = new HashSet<>();
  private final Map<String, String> failedIds = new HashMap<>();
  private final ArrayDeque<String> newlyFailed = new ArrayDeque<>();
  private final List<Action> done = new ArrayList<>();
  private final List<ApplyResult.Failure> failures = new ArrayList<>();
  private final List<ApplyResult.Skipped> skipped = new ArrayList<>();
  private final List<ApplyResult.Interrupted> interrupted = new ArrayList<>();
  private final List<Action> notStarted = new ArrayList<>();
  private int running;

  Schedule(List<Action> plan) {
    this.actions = List.copyOf(plan);
    int n = actions.size();
    this.waitingOn = new int[n];
    this.pending = new boolean[n];
    this.pendingCount = n;
    for (int i = 0; i < n; i++) {
      pending[i] = true;
      for (String dependency : new LinkedHashSet<>(actions.get(i).dependsOn())) {
        waitingOn[i]++;
        dependents.computeIfAbsent(dependency, k -> new ArrayList<>()).add(i);
      }
    }
    for (int i = 0; i < n; i++) {
      if (waitingOn[i] == 0) {
        ready(i);
      }
    }
  }

  int running() {
    return running;
  }

  boolean finished() {
    return pendingCount == 0 && running == 0;
  }

  /**
   * Starts the first ready action, in plan order, whose cluster is free; marks its cluster busy.
   */
  Optional<Action> next() {
    Integer first = startable.pollFirst();
    if (first == null) {
      return Optional.empty();
    }
    Action action = actions.get(first);
    readyByCluster.get(action.cluster()).remove(first);
    busyClusters.add(action.cluster());
    pending[first] = false;
    pendingCount--;
    running++;
    return Optional.of(action);
  }

  void succeeded(Action action) {
    done.add(action);
    for (int dependent : dependents.getOrDefault(action.id(), List.of())) {
      if (--waitingOn[dependent] == 0 && pending[dependent]) {
        ready(dependent);
      }
    }
    free(action.cluster());
  }

  void failed(Action action, String error) {
    failedIds.put(action.id(), "failed");
    failures.add(new ApplyResult.Failure(action, error));
    newlyFailed.add(action.id());
    free(action.cluster());
  }

  /** Stopped by Ctrl-C after {@code stepsDone} of its steps: neither done nor failed. */
  void interrupted(Action action, int stepsDone) {
    interrupted.add(new ApplyResult.Interrupted(action, stepsDone));
    free(action.cluster());
  }

  /** Ctrl-C: nothing more starts; every pending action, in plan order, is not started. */
  void stopStarting() {
    for (int i = 0; i < actions.size(); i++) {
      if (pending[i]) {
        pending[i] = false;
        notStarted.add(actions.get(i));
      }
    }
    pendingCount = 0;
    startable.clear();
  }

  /**
   * Skips every pending action that depends, directly or not, on one that failed since the last
   * call: in plan order, in passes until none is left, each naming the first of its dependencies
   * that failed or was skipped.
   */
  List<Skip> skipDependentsOfFailures() {
    if (newlyFailed.isEmpty()) {
      return List.of();
    }
    TreeSet<Integer> affected = new TreeSet<>();
    ArrayDeque<String> work = new ArrayDeque<>(newlyFailed);
    newlyFailed.clear();
    while (!work.isEmpty()) {
      for (int dependent : dependents.getOrDefault(work.poll(), List.of())) {
        if (pending[dependent] && affected.add(dependent)) {
          work.add(actions.get(dependent).id());
        }
      }
    }
    List<Skip> skips = new ArrayList<>();
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int i : affected) {
        if (!pending[i]) {
          continue;
        }
        Action a = actions.get(i);
        for (String dependency : a.dependsOn()) {
          if (failedIds.containsKey(dependency)) {
            pending[i] = false;
            pendingCount--;
            String because = dependency + ", which " + failedIds.get(dependency);
            failedIds.put(a.id(), "was skipped");
            skipped.add(new ApplyResult.Skipped(a, because));
            skips.add(new Skip(a, because));
            changed = true;
            break;
          }
        }
      }
    }
    return skips;
  }

  /** Skips, in plan order, the actions left waiting on something that never ran. */
  List<Action> neverReady() {
    List<Action> left = new ArrayList<>();
    for (int i = 0; i < actions.size(); i++) {
      if (pending[i]) {
        pending[i] = false;
        left.add(actions.get(i));
        skipped.add(new ApplyResult.Skipped(actions.get(i), "a dependency that never ran"));
      }
    }
    pendingCount = 0;
    return left;
  }

  List<Action> done() {
    return done;
  }

  List<ApplyResult.Failure> failures() {
    return failures;
  }

  List<ApplyResult.Skipped> skipped() {
    return skipped;
  }

  List<ApplyResult.Interrupted> interrupted() {
    return interrupted;
  }

  List<Action> notStarted() {
    return notStarted;
  }

  private void ready(int index) {
    String cluster = actions.get(index).cluster();
    TreeSet<Integer> ready = readyByCluster.computeIfAbsent(cluster, k -> new TreeSet<>());
    Integer before = ready.isEmpty() ? null : ready.first();
    ready.add(index);
    if (!busyClusters.contains(cluster) && (before == null || index < before)) {
      if (before != null) {
        startable.remove(before);
      }
      startable.add(index);
    }
  }

  private void free(String cluster) {
    busyClusters.remove(cluster);
    running--;
    TreeSet<Integer> ready = readyByCluster.get(cluster);
    if (ready != null && !ready.isEmpty()) {
      startable.add(ready.first());
    }
  }
}

package io.glustershares.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --target SHARE}: the actions about the targeted shares and every action they wait on, and
 * the messages about the shares those actions are about (and about no share). Without targets,
 * everything.
 */
final class Targeting {

  private final Set<String> targets;
  private final List<Action> actions;
  private final Set<String> shares;

  private Targeting(Set<String> targets, List<Action> actions, Set<String> shares) {
    this.targets = targets;
    this.actions = actions;
    this.shares = shares;
  }

  /**
   * @param linked every action of the plan, with its dependencies
   */
  static Targeting of(Set<String> targets, List<Action> linked) {
    if (targets.isEmpty()) {
      return new Targeting(targets, linked, Set.of());
    }
    Map<String, Action> byId = new LinkedHashMap<>();
    linked.forEach(a -> byId.put(a.id(), a));
    Set<String> keep = new LinkedHashSet<>();
    List<String> queue = new ArrayList<>();
    for (Action a : linked) {
      if (targets.contains(a.share())) {
        queue.add(a.id());
      }
    }
    while (!queue.isEmpty()) {
      String id = queue.remove(queue.size() - 1);
      if (keep.add(id)) {
        queue.addAll(byId.get(id).dependsOn());
      }
    }
    Set<String> shares = new HashSet<>(targets);
    keep.forEach(id -> shares.add(byId.get(id).share()));
    return new Targeting(
        targets, linked.stream().filter(a -> keep.contains(a.id())).toList(), shares);
  }

  /**
   * {@code --only-scheduled}: the time-driven actions, less those that wait on an action that is
   * not (a scheduled snapshot of a share still to be created waits for the next run).
   */
  static List<Action> timeDriven(List<Action> linked) {
    Set<String> keep = new HashSet<>();
    linked.stream().filter(Action::timeDriven).forEach(a -> keep.add(a.id()));
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Action a : linked) {
        if (keep.contains(a.id()) && !keep.containsAll(a.dependsOn())) {
          keep.remove(a.id());
          changed = true;
        }
      }
    }
    return linked.stream().filter(a -> keep.contains(a.id())).toList();
  }

  /** The actions kept, in the planner's order. */
  List<Action> actions() {
    return actions;
  }

  /** The messages kept, in their order. */
  List<PlanMessage> messages(List<PlanMessage> all) {
    if (targets.isEmpty()) {
      return all;
    }
    return all.stream().filter(m -> m.share().map(shares::contains).orElse(true)).toList();
  }
}

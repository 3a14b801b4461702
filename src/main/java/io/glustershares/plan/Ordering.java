package io.glustershares.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * The one place that orders actions (STYLE habit 7). {@link #link} derives every dependency from
 * the actions' types and subjects, so that no part of the planner threads ids by hand; {@link
 * #order} is a topological order of that graph that follows SPEC §4's phases (create shares,
 * snapshots, clones, access and repairs, delete snapshots, delete shares) wherever a dependency
 * does not demand otherwise, and keeps the planner's order within a phase.
 */
public final class Ordering {

  private Ordering() {}

  /**
   * The actions with their dependencies, each list in the planner's order. An action waits on:
   *
   * <ul>
   *   <li>a snapshot, a repair, an allow or a deny: the action that binds its share in this plan
   *       (create, adopt or clone), since they act on the volume that action makes the share's;
   *   <li>a snapshot and an allow, also: the share's repair. A snapshot needs a started volume, and
   *       a CN is granted access only once the volume serves TLS as it must. A deny waits on
   *       nothing more: revocations come first, and no failure elsewhere keeps a CN's access;
   *   <li>a clone: the creation of the snapshot it is cloned from, unless it resumes a clone an
   *       interrupted apply left (the volume is there, the snapshot no longer needed);
   *   <li>the delete of a share's volume: the revocation and the snapshot deletes of that share on
   *       that same volume, so that the data goes last.
   * </ul>
   */
  static List<Action> link(List<Action> actions) {
    Map<String, List<Action>> byShare = new HashMap<>();
    for (Action a : actions) {
      share(a.subject()).ifPresent(s -> byShare.computeIfAbsent(s, k -> new ArrayList<>()).add(a));
    }
    List<Action> linked = new ArrayList<>(actions.size());
    for (Action a : actions) {
      Optional<String> about = share(a.subject());
      if (a.subject() instanceof Subject.Clone clone) {
        about = Optional.of(clone.from().share()); // what it waits on is its parent's
      }
      List<String> ids = new ArrayList<>();
      for (Action b : about.map(s -> byShare.get(s)).orElse(List.of())) {
        if (b != a && waitsOn(a, b)) {
          ids.add(b.id());
        }
      }
      linked.add(a.withDependsOn(ids));
    }
    return linked;
  }

  /** Whether {@code a} waits on {@code b}, an action about the same share (see {@link #link}). */
  private static boolean waitsOn(Action a, Action b) {
    return switch (a.type()) {
      case CREATE_SNAPSHOT, ALLOW_ACCESS -> binds(b) || b.type() == ActionType.REPAIR_SHARE;
      case REPAIR_SHARE, DENY_ACCESS -> binds(b);
      case CREATE_SHARE_FROM_SNAPSHOT -> {
        Subject.Clone clone = (Subject.Clone) a.subject();
        yield !clone.resumed()
            && b.type() == ActionType.CREATE_SNAPSHOT
            && b.subject()
                .equals(new Subject.Snapshot(clone.from().share(), clone.from().snapshot()));
      }
      case DELETE_SHARE ->
          (b.type() == ActionType.DENY_ACCESS || b.type() == ActionType.DELETE_SNAPSHOT)
              && b.place().cluster().equals(a.place().cluster())
              && b.place().volume().equals(a.place().volume());
      // A released share has no other action: nothing of the file manages it any more.
      case CREATE_SHARE, ADOPT_SHARE, DELETE_SNAPSHOT, RELEASE_SHARE -> false;
    };
  }

  /** Whether the action makes a volume its share's: a new binding, an adoption, a clone. */
  private static boolean binds(Action a) {
    return a.type() == ActionType.CREATE_SHARE
        || a.type() == ActionType.ADOPT_SHARE
        || a.type() == ActionType.CREATE_SHARE_FROM_SNAPSHOT;
  }

  /** The share an action is about; none for an orphan clone. */
  private static Optional<String> share(Subject subject) {
    if (subject instanceof Subject.Share s) {
      return Optional.of(s.name());
    } else if (subject instanceof Subject.Snapshot s) {
      return Optional.of(s.share());
    } else if (subject instanceof Subject.Clone c) {
      return Optional.of(c.share());
    } else if (subject instanceof Subject.OrphanClone) {
      return Optional.empty();
    }
    throw new IllegalStateException("unknown subject " + subject);
  }

  /** The actions in the order they may run, each with its dependencies that are in the list. */
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

package io.glustershares.apply;

import io.glustershares.gluster.GlusterClient;
import io.glustershares.gluster.GlusterException;
import io.glustershares.plan.Action;
import io.glustershares.plan.Plan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs a plan. Actions start in plan order as soon as what they depend on has succeeded and their
 * cluster is free: one action at a time per cluster, up to {@code parallelism} clusters at once. A
 * failed action stops only the actions that depend on it, directly or not; the others go on.
 */
public final class Applier {

  private final Map<String, GlusterClient> clients;
  private final Progress progress;
  private final int parallelism;

  public Applier(Map<String, GlusterClient> clients, Progress progress, int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1");
    }
    this.clients = clients;
    this.progress = progress;
    this.parallelism = parallelism;
  }

  /** What the scheduler knows, guarded by its own lock. */
  private final class Run {
    final List<Action> pending;
    final Set<String> succeeded = new HashSet<>();
    final Map<String, String> failedIds = new HashMap<>();
    final Set<String> busyClusters = new HashSet<>();
    final List<Action> done = new ArrayList<>();
    final List<ApplyResult.Failure> failures = new ArrayList<>();
    final List<ApplyResult.Skipped> skipped = new ArrayList<>();
    int running;

    Run(Plan plan) {
      this.pending = new ArrayList<>(plan.actions());
    }
  }

  public ApplyResult apply(Plan plan) {
    long start = System.nanoTime();
    Run run = new Run(plan);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            parallelism,
            r -> {
              Thread t = new Thread(r, "gluster-shares-apply");
              t.setDaemon(true);
              return t;
            });
    try {
      synchronized (run) {
        while (true) {
          skipDependentsOfFailures(run);
          if (run.pending.isEmpty() && run.running == 0) {
            break;
          }
          Optional<Action> next = nextStartable(run);
          if (next.isPresent() && run.running < parallelism) {
            Action action = next.get();
            run.pending.remove(action);
            run.busyClusters.add(action.cluster());
            run.running++;
            pool.execute(() -> execute(run, action));
            continue;
          }
          if (run.running == 0) {
            // Nothing runs and nothing can start: only actions waiting on something unplanned.
            for (Action a : run.pending) {
              run.skipped.add(new ApplyResult.Skipped(a, "a dependency that never ran"));
              progress.skipped(a, "a dependency that never ran");
            }
            run.pending.clear();
            break;
          }
          try {
            run.wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while applying", e);
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return new ApplyResult(
        run.done, run.failures, run.skipped, Duration.ofNanos(System.nanoTime() - start));
  }

  private Optional<Action> nextStartable(Run run) {
    for (Action a : run.pending) {
      if (!run.busyClusters.contains(a.cluster()) && run.succeeded.containsAll(a.dependsOn())) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  private void skipDependentsOfFailures(Run run) {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Action a : new ArrayList<>(run.pending)) {
        for (String dependency : a.dependsOn()) {
          if (run.failedIds.containsKey(dependency)) {
            run.pending.remove(a);
            String because = dependency + ", which " + run.failedIds.get(dependency);
            run.failedIds.put(a.id(), "was skipped");
            run.skipped.add(new ApplyResult.Skipped(a, because));
            progress.skipped(a, because);
            changed = true;
            break;
          }
        }
      }
    }
  }

  private void execute(Run run, Action action) {
    long start = System.nanoTime();
    progress.started(action);
    Optional<String> error = Optional.empty();
    try {
      runSteps(action);
    } catch (ActionSteps.Failed e) {
      error = Optional.of(e.getMessage());
    } catch (RuntimeException e) {
      error = Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    synchronized (run) {
      if (error.isEmpty()) {
        run.succeeded.add(action.id());
        run.done.add(action);
        progress.done(action, took);
      } else {
        run.failedIds.put(action.id(), "failed");
        run.failures.add(new ApplyResult.Failure(action, error.get()));
        progress.failed(action, took, error.get());
      }
      run.busyClusters.remove(action.cluster());
      run.running--;
      run.notifyAll();
    }
  }

  private void runSteps(Action action) throws ActionSteps.Failed {
    GlusterClient gluster = clients.get(action.cluster());
    if (gluster == null) {
      throw new IllegalStateException("no connection to cluster '" + action.cluster() + "'");
    }
    // Issue 12: every action changes its volume, so each first checks its peers (PeerCheck).
    try {
      PeerCheck.before(gluster, action);
    } catch (GlusterException e) {
      throw new ActionSteps.Failed(e.getMessage(), e);
    }
    ActionSteps.run(gluster, action);
  }
}

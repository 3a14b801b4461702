package io.glustershares.apply;

import io.glustershares.gluster.GlusterClient;
import io.glustershares.gluster.GlusterException;
import io.glustershares.plan.Action;
import io.glustershares.plan.Plan;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
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

  public ApplyResult apply(Plan plan) {
    long start = System.nanoTime();
    Schedule run = new Schedule(plan.actions());
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
          for (Schedule.Skip skip : run.skipDependentsOfFailures()) {
            progress.skipped(skip.action(), skip.because());
          }
          if (run.finished()) {
            break;
          }
          Optional<Action> next = run.running() < parallelism ? run.next() : Optional.empty();
          if (next.isPresent()) {
            Action action = next.get();
            pool.execute(() -> execute(run, action));
            continue;
          }
          if (run.running() == 0) {
            // Nothing runs and nothing can start: only actions waiting on something unplanned.
            for (Action a : run.neverReady()) {
              progress.skipped(a, "a dependency that never ran");
            }
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
        run.done(), run.failures(), run.skipped(), Duration.ofNanos(System.nanoTime() - start));
  }

  private void execute(Schedule run, Action action) {
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
        run.succeeded(action);
        progress.done(action, took);
      } else {
        run.failed(action, error.get());
        progress.failed(action, took, error.get());
      }
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

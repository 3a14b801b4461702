package io.glustershares.apply;

import io.glustershares.gluster.GlusterClient;
import io.glustershares.gluster.GlusterException;
import io.glustershares.plan.Action;
import io.glustershares.plan.Plan;
import io.glustershares.plan.Step;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Runs a plan. Actions start in plan order as soon as what they depend on has succeeded and their
 * cluster is free: one action at a time per cluster, up to {@code parallelism} clusters at once. A
 * failed action stops only the actions that depend on it, directly or not; the others go on. When
 * {@code stopping} says so (a first Ctrl-C), no action and no step starts any more: the running
 * gluster calls and steps end, and the result says what was not done. Only a known failure (what
 * gluster or the host refused, {@link ActionSteps.Failed}) fails an action; a programming error
 * stops the apply the same way and is thrown by {@link #apply}.
 */
public final class Applier {

  private final Map<String, GlusterClient> clients;
  private final Progress progress;
  private final int parallelism;
  private final BooleanSupplier stopping;

  public Applier(Map<String, GlusterClient> clients, Progress progress, int parallelism) {
    this(clients, progress, parallelism, () -> false);
  }

  public Applier(
      Map<String, GlusterClient> clients,
      Progress progress,
      int parallelism,
      BooleanSupplier stopping) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1");
    }
    this.clients = clients;
    this.progress = progress;
    this.parallelism = parallelism;
    this.stopping = stopping;
  }

  public ApplyResult apply(Plan plan) {
    long start = System.nanoTime();
    Schedule run = new Schedule(plan.actions());
    // The first programming error an action ran into; only known failures fail an action.
    AtomicReference<Throwable> bug = new AtomicReference<>();
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
          if (stopping.getAsBoolean() || bug.get() != null) {
            if (run.running() == 0) {
              run.stopStarting();
              break;
            }
            waitForChange(run);
            continue;
          }
          Optional<Action> next = run.running() < parallelism ? run.next() : Optional.empty();
          if (next.isPresent()) {
            Action action = next.get();
            pool.execute(() -> execute(run, action, bug));
            continue;
          }
          if (run.running() == 0) {
            // Nothing runs and nothing can start: only actions waiting on something unplanned.
            for (Action a : run.neverReady()) {
              progress.skipped(a, "a dependency that never ran");
            }
            break;
          }
          waitForChange(run);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    Throwable thrown = bug.get();
    if (thrown instanceof RuntimeException r) {
      throw r;
    }
    if (thrown instanceof Error e) {
      throw e;
    }
    return new ApplyResult(
        run.done(),
        run.failures(),
        run.skipped(),
        run.interrupted(),
        run.notStarted(),
        Duration.ofNanos(System.nanoTime() - start));
  }

  /** Waits until a running action ends. Called with the lock of {@code run} held. */
  private static void waitForChange(Schedule run) {
    try {
      run.wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while applying", e);
    }
  }

  private void execute(Schedule run, Action action, AtomicReference<Throwable> bug) {
    long start = System.nanoTime();
    progress.started(action);
    Optional<String> error = Optional.empty();
    int stepsDone = -1;
    try {
      stepsDone = runSteps(action);
    } catch (ActionSteps.Failed e) {
      error = Optional.of(e.getMessage());
    } catch (RuntimeException | Error e) {
      // A bug, not a failure of the action: nothing more starts, and apply() throws it once the
      // running actions have ended, so that the CLI reports an internal error (--debug: its trace).
      synchronized (run) {
        bug.compareAndSet(null, e);
        run.failed(action, "internal error: " + e);
        run.notifyAll();
      }
      return;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    synchronized (run) {
      if (error.isEmpty() && stepsDone < action.steps().size()) {
        run.interrupted(action, stepsDone);
        progress.interrupted(action, stepsDone);
      } else if (error.isEmpty()) {
        run.succeeded(action);
        progress.done(action, took);
      } else {
        run.failed(action, error.get());
        progress.failed(action, took, error.get());
      }
      run.notifyAll();
    }
  }

  /** Runs the steps, and says how many ran: fewer than all when the apply is stopping. */
  private int runSteps(Action action) throws ActionSteps.Failed {
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
    return ActionSteps.run(
        gluster,
        action,
        stopping,
        (number, of, step) -> progress.step(action, number, of, what(step)));
  }

  /** A step in two words: {@code volume set}, {@code snapshot create}, {@code wipe}. */
  static String what(Step step) {
    if (step instanceof Step.Gluster g) {
      return String.join(
          " ", g.argv().stream().skip(1).filter(w -> !w.startsWith("-")).limit(2).toList());
    }
    if (step instanceof Step.Wipe) {
      return "wipe";
    }
    if (step instanceof Step.CheckFree) {
      return "check";
    }
    throw new IllegalStateException("unknown step " + step);
  }
}

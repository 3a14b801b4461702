package io.glustershares.cli;

import io.glustershares.apply.Progress;
import io.glustershares.plan.Action;
import io.glustershares.plan.ActionType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps track of the running actions and their steps, and tells {@link ProgressLines} about them:
 * each start and end, each step that ended (when the next one starts, or the action), and, for an
 * action running longer than {@link #HEARTBEAT}, every {@link #HEARTBEAT} which step it is in.
 */
final class ApplyProgress implements Progress, AutoCloseable {

  static final Duration HEARTBEAT = Duration.ofSeconds(10);

  private final Clock clock;
  private final ProgressLines lines;
  private final Map<Action, Running> running = new LinkedHashMap<>();
  private final ScheduledExecutorService ticker;

  /** An action running: when it started, its current step, when it was last told about. */
  private static final class Running {
    final Instant started;
    Instant told;
    int step;
    int of;
    String what = "";
    Instant stepStarted;

    Running(Instant started) {
      this.started = started;
      this.told = started;
    }

    String step() {
      return step == 0 ? "" : "step " + step + " of " + of + ": " + what;
    }
  }

  ApplyProgress(Context context) {
    this(context, new TextLines(context));
  }

  ApplyProgress(Context context, ProgressLines lines) {
    this.clock = context.environment.clock();
    this.lines = lines;
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "gluster-shares-heartbeat");
              t.setDaemon(true);
              return t;
            });
    ticker.scheduleAtFixedRate(this::beat, 1, 1, TimeUnit.SECONDS);
  }

  static String name(Action a) {
    return "[" + a.cluster() + "] " + a.type().symbol() + " " + a.type().id() + " " + subject(a);
  }

  private static String subject(Action a) {
    return a.subject().label();
  }

  /** {@code create_share} as {@code creating_share}. */
  static String ongoing(ActionType type) {
    String id = type.id();
    int cut = id.indexOf('_');
    String verb = cut < 0 ? id : id.substring(0, cut);
    String rest = cut < 0 ? "" : id.substring(cut);
    String ing = verb.endsWith("e") ? verb.substring(0, verb.length() - 1) + "ing" : verb + "ing";
    return ing + rest;
  }

  /** Tells about every action running for another {@link #HEARTBEAT}. */
  synchronized void beat() {
    Instant now = clock.instant();
    running.forEach(
        (action, r) -> {
          if (Duration.between(r.told, now).compareTo(HEARTBEAT) >= 0) {
            r.told = now;
            lines.stillRunning(action, Duration.between(r.started, now), r.step());
          }
        });
  }

  @Override
  public synchronized void started(Action action) {
    running.put(action, new Running(clock.instant()));
    lines.started(action);
  }

  @Override
  public synchronized void step(Action action, int number, int of, String what) {
    Running r = running.get(action);
    if (r != null) {
      // Steps run one after the other: one starting means the one before it ended well.
      stepEnded(action, r);
      r.step = number;
      r.of = of;
      r.what = what;
      r.stepStarted = clock.instant();
    }
  }

  private void stepEnded(Action action, Running r) {
    if (r.step > 0) {
      lines.stepDone(
          action, r.step, r.of, r.what, Duration.between(r.stepStarted, clock.instant()));
    }
  }

  @Override
  public synchronized void done(Action action, Duration took) {
    Running r = running.remove(action);
    if (r != null) {
      stepEnded(action, r);
    }
    lines.done(action, took);
  }

  @Override
  public synchronized void failed(Action action, Duration took, String error) {
    running.remove(action);
    lines.failed(action, took, error);
  }

  @Override
  public synchronized void skipped(Action action, String failedDependency) {
    lines.skipped(action, failedDependency);
  }

  @Override
  public synchronized void interrupted(Action action, int stepsDone) {
    Running r = running.remove(action);
    // Stopped between two steps: the last one that started had ended.
    if (r != null && r.step > 0 && r.step <= stepsDone) {
      stepEnded(action, r);
    }
    lines.interrupted(action, stepsDone);
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}

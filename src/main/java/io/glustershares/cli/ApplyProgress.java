package io.glustershares.cli;

import io.glustershares.apply.Progress;
import io.glustershares.plan.Action;
import io.glustershares.plan.ActionType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What apply prints as it goes: one line on standard output per action as it starts and ends (a
 * failure also on standard error), and, for an action running longer than {@link #HEARTBEAT}, a
 * line on standard error every {@link #HEARTBEAT} saying which step it is in, as Terraform's "Still
 * creating...". Plain lines, so that a CI log shows the same as a terminal.
 */
final class ApplyProgress implements Progress, AutoCloseable {

  static final Duration HEARTBEAT = Duration.ofSeconds(10);

  private final Context context;
  private final Clock clock;
  private final Map<Action, Running> running = new LinkedHashMap<>();
  private final ScheduledExecutorService ticker;

  /** An action running: when it started, its step, when it was last told about. */
  private static final class Running {
    final Instant started;
    Instant told;
    String step = "";

    Running(Instant started) {
      this.started = started;
      this.told = started;
    }
  }

  ApplyProgress(Context context) {
    this.context = context;
    this.clock = context.environment.clock();
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

  private synchronized void line(String text) {
    context.out.println(text);
    context.out.flush();
  }

  /** Tells, on standard error, about every action running for another {@link #HEARTBEAT}. */
  synchronized void beat() {
    Instant now = clock.instant();
    running.forEach(
        (action, r) -> {
          if (Duration.between(r.told, now).compareTo(HEARTBEAT) >= 0) {
            r.told = now;
            context.err.println(
                "gluster-shares: still "
                    + ongoing(action.type())
                    + " "
                    + subject(action)
                    + "… "
                    + Duration.between(r.started, now).toSeconds()
                    + " s"
                    + (r.step.isEmpty() ? "" : ", " + r.step));
          }
        });
  }

  @Override
  public synchronized void started(Action action) {
    running.put(action, new Running(clock.instant()));
    line(name(action) + ": started (" + action.summary() + ")");
  }

  @Override
  public synchronized void step(Action action, int number, int of, String what) {
    Running r = running.get(action);
    if (r != null) {
      r.step = "step " + number + " of " + of + ": " + what;
    }
  }

  @Override
  public synchronized void done(Action action, Duration took) {
    running.remove(action);
    line(name(action) + String.format(Locale.ROOT, ": done in %.1f s", seconds(took)));
  }

  @Override
  public synchronized void failed(Action action, Duration took, String error) {
    running.remove(action);
    String text =
        name(action) + String.format(Locale.ROOT, ": FAILED after %.1f s: ", seconds(took)) + error;
    line(text);
    // A failure also goes to standard error, where CI systems and 2>/dev/null users look.
    context.err.println("gluster-shares: " + text);
  }

  @Override
  public synchronized void skipped(Action action, String failedDependency) {
    line(name(action) + ": skipped (waits on " + failedDependency + ")");
  }

  @Override
  public synchronized void interrupted(Action action, int stepsDone) {
    running.remove(action);
    line(
        name(action)
            + ": stopped after step "
            + stepsDone
            + " of "
            + action.steps().size()
            + " (interrupted; the next apply finishes it)");
  }

  private static double seconds(Duration took) {
    return took.toMillis() / 1000.0;
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}

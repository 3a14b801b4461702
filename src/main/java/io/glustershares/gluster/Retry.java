package io.glustershares.gluster;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long glusterd's transient lock errors are retried. glusterd holds its cluster-wide
 * transaction lock for as long as one operation takes, and an option set on a cluster of many
 * volumes takes minutes (issue 17), so a fixed handful of retries gives up while the other
 * operator's change is still running. Instead the waits grow exponentially from {@link #FIRST} to
 * {@link #CAP}, each cut by a random part of up to half (so that two appliers waiting on one busy
 * glusterd do not come back in step), until {@code budget} has passed since the first attempt.
 *
 * @param budget how long to keep trying; {@link Duration#ZERO} tries once
 * @param time where time is read and waited for: the system's, or a test's that does not sleep
 * @param jitter a number in [0, 1) per wait
 * @param listener told before each wait (the CLI prints it as progress)
 */
public record Retry(Duration budget, Time time, DoubleSupplier jitter, Listener listener) {

  public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(120);

  /** The wait before the first retry, before jitter. */
  static final Duration FIRST = Duration.ofMillis(500);

  /** No single wait is longer: a glusterd that frees its lock is noticed within this. */
  static final Duration CAP = Duration.ofSeconds(15);

  /** Where time is read and waited for. */
  public interface Time {
    /** A monotonic reading, as {@link System#nanoTime()}. */
    long nanoTime();

    void sleep(Duration duration) throws InterruptedException;

    Time SYSTEM =
        new Time() {
          @Override
          public long nanoTime() {
            return System.nanoTime();
          }

          @Override
          public void sleep(Duration duration) throws InterruptedException {
            Thread.sleep(duration.toMillis());
          }
        };
  }

  /** Told of each retry before its wait. */
  @FunctionalInterface
  public interface Listener {
    void retrying(Attempt attempt);

    Listener SILENT = attempt -> {};
  }

  /**
   * A retry about to wait.
   *
   * @param number 1 for the first retry
   * @param spent time since the first attempt began
   * @param message gluster's own words of the refused attempt
   */
  public record Attempt(
      String cluster,
      List<String> argv,
      Optional<String> volume,
      int number,
      Duration delay,
      Duration spent,
      Duration budget,
      String message) {
    public Attempt {
      argv = List.copyOf(argv);
    }
  }

  public Retry {
    if (budget.isNegative()) {
      throw new IllegalArgumentException("a retry budget is not negative: " + budget);
    }
  }

  /** The default budget on the system's time, with random jitter, telling no one. */
  public static Retry standard() {
    return new Retry(
        DEFAULT_BUDGET,
        Time.SYSTEM,
        () -> ThreadLocalRandom.current().nextDouble(),
        Listener.SILENT);
  }

  public Retry withBudget(Duration other) {
    return new Retry(other, time, jitter, listener);
  }

  public Retry withListener(Listener other) {
    return new Retry(budget, time, jitter, other);
  }

  public Retry withTime(Time other) {
    return new Retry(budget, other, jitter, listener);
  }

  /**
   * The wait before retry {@code number} (from 1), when {@code spent} has passed since the first
   * attempt; empty when the budget is spent. The last wait is cut to what the budget has left.
   */
  public Optional<Duration> delay(int number, Duration spent) {
    Duration left = budget.minus(spent);
    if (left.isNegative() || left.isZero()) {
      return Optional.empty();
    }
    long base = FIRST.toNanos() << Math.min(number - 1, 20);
    base = Math.min(base, CAP.toNanos());
    double share = Math.min(Math.max(jitter.getAsDouble(), 0.0), 1.0);
    long wait = base - (long) (base / 2 * share);
    return Optional.of(Duration.ofNanos(Math.min(wait, left.toNanos())));
  }

  /** {@code 7.5 s}, {@code 120 s}: how waits and budgets are printed. */
  public static String seconds(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 1000 == 0) {
      return millis / 1000 + " s";
    }
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  /**
   * A time that only moves when slept on: for callers that bring a sleeper of their own (tests that
   * record the waits, or wait for nothing), so the budget is counted in the waits made.
   */
  public static Time counting(GlusterClient.Sleeper sleeper) {
    return new Time() {
      private long now;

      @Override
      public synchronized long nanoTime() {
        return now;
      }

      @Override
      public void sleep(Duration duration) throws InterruptedException {
        sleeper.sleep(duration);
        synchronized (this) {
          now += duration.toNanos();
        }
      }
    };
  }
}

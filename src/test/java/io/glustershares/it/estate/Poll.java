package io.glustershares.it.estate;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting for the real thing to happen, never for a guessed time: checks a condition often until it
 * holds or a deadline passes.
 */
public final class Poll {

  private static final long INTERVAL_MS = 50;

  private Poll() {}

  /** Whether {@code condition} became true within {@code timeout}. */
  public static boolean within(Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (condition.getAsBoolean()) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(INTERVAL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  /** Fails with {@code what} unless {@code condition} becomes true within {@code timeout}. */
  public static void until(Duration timeout, String what, BooleanSupplier condition) {
    if (!within(timeout, condition)) {
      throw new EstateException(
          "timed out after " + timeout.toSeconds() + " s waiting for " + what);
    }
  }
}

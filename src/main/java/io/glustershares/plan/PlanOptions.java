package io.glustershares.plan;

import java.time.Instant;
import java.util.Set;

/**
 * @param targets limit the plan to these shares and what they depend on; empty for all
 * @param prune also delete this stack's shares and snapshots that the file no longer lists
 * @param now the instant the plan is made for: access expires and schedules fall due at it. The
 *     planner never reads a clock; the caller gives the instant (and a saved plan records it)
 * @param onlyScheduled keep only the time-driven actions (scheduled snapshots, retention, denies of
 *     expired grants) and none that waits on an action left out: {@code --only-scheduled}
 */
public record PlanOptions(Set<String> targets, boolean prune, Instant now, boolean onlyScheduled) {

  /** Every share, no pruning, at the epoch: for tests and callers that plan no time. */
  public static final PlanOptions DEFAULT = new PlanOptions(Set.of(), false, Instant.EPOCH);

  public PlanOptions {
    targets = Set.copyOf(targets);
  }

  /** All actions, time-driven or not. */
  public PlanOptions(Set<String> targets, boolean prune, Instant now) {
    this(targets, prune, now, false);
  }

  /** Every share, no pruning, at {@code now}. */
  public static PlanOptions at(Instant now) {
    return new PlanOptions(Set.of(), false, now);
  }
}

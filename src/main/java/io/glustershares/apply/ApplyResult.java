package io.glustershares.apply;

import io.glustershares.plan.Action;
import java.time.Duration;
import java.util.List;

/**
 * What an apply did: every action done, failed (with why) or skipped (with the failure it waited
 * on).
 */
public record ApplyResult(
    List<Action> done, List<Failure> failed, List<Skipped> skipped, Duration took) {

  public record Failure(Action action, String error) {}

  public record Skipped(Action action, String failedDependency) {}

  public ApplyResult {
    done = List.copyOf(done);
    failed = List.copyOf(failed);
    skipped = List.copyOf(skipped);
  }

  public boolean ok() {
    return failed.isEmpty() && skipped.isEmpty();
  }
}

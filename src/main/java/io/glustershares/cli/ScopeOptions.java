package io.glustershares.cli;

import io.glustershares.load.Suggestions;
import io.glustershares.model.DesiredState;
import io.glustershares.model.Printable;
import io.glustershares.model.ShareSpec;
import io.glustershares.plan.PlanOptions;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * {@code --prune} and {@code --target SHARE}: what part of the file a plan covers, shared by the
 * commands that plan. A target that names no share of the file is a usage error, checked here
 * before anything is planned, with the nearest name as a suggestion.
 */
final class ScopeOptions {

  @picocli.CommandLine.Option(
      names = "--prune",
      description = "Also delete this stack's shares and snapshots that the file no longer lists.")
  boolean prune;

  @picocli.CommandLine.Option(
      names = "--target",
      paramLabel = "SHARE",
      description = "Only this share and what it depends on (repeatable).")
  List<String> targets = List.of();

  boolean given() {
    return prune || !targets.isEmpty();
  }

  /** The planner's options; every target must be a share of {@code desired}. */
  PlanOptions options(DesiredState desired, Instant now, boolean onlyScheduled) {
    List<String> names = desired.shares().stream().map(ShareSpec::name).toList();
    for (String target : targets) {
      if (!names.contains(target)) {
        throw new UserError(
            ExitCode.INVALID,
            "--target "
                + Printable.quoted(target)
                + ": no share of that name in "
                + desired.source()
                + Suggestions.closest(target, names)
                    .map(s -> " (did you mean " + Printable.quoted(s) + "?)")
                    .orElse(""));
      }
    }
    return new PlanOptions(new LinkedHashSet<>(targets), prune, now, onlyScheduled);
  }
}

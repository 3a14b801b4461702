package io.glustershares.plan;

import java.util.Set;

/**
 * @param targets limit the plan to these shares and what they depend on; empty for all
 * @param prune also delete this stack's shares and snapshots that the file no longer lists
 */
public record PlanOptions(Set<String> targets, boolean prune) {

  public static final PlanOptions DEFAULT = new PlanOptions(Set.of(), false);

  public PlanOptions {
    targets = Set.copyOf(targets);
  }
}

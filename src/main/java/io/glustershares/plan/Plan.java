package io.glustershares.plan;

import java.time.Instant;
import java.util.List;

/**
 * A plan: plain data. The actions are in the order they may run, each with its dependencies; a plan
 * with errors shows every error and every action it could still plan, and cannot be applied.
 *
 * @param now the instant it was made for (expiries and schedules are judged at it), so that a
 *     reviewer reads which day the plan speaks of
 */
public record Plan(
    String stack,
    List<Action> actions,
    List<PlanMessage> errors,
    List<PlanMessage> warnings,
    Instant now) {

  /** A plan made for the epoch (tests of the applier, which never looks at the instant). */
  public Plan(
      String stack, List<Action> actions, List<PlanMessage> errors, List<PlanMessage> warnings) {
    this(stack, actions, errors, warnings, Instant.EPOCH);
  }

  public Plan {
    actions = List.copyOf(actions);
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
  }

  public long count(char symbol) {
    return actions.stream().filter(a -> a.type().symbol() == symbol).count();
  }

  public long toCreate() {
    return count('+');
  }

  public long toChange() {
    return count('~');
  }

  public long toDestroy() {
    return count('-');
  }

  public boolean hasChanges() {
    return !actions.isEmpty();
  }

  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  public boolean destroys() {
    return actions.stream().anyMatch(Action::destructive);
  }

  /** Whether some delete is not declared by the file's retention: apply needs --allow-destroy. */
  public boolean needsAllowDestroy() {
    return actions.stream().anyMatch(Action::needsAllowDestroy);
  }
}

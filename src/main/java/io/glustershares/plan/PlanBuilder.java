package io.glustershares.plan;

import io.glustershares.model.DesiredState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What the parts of the planner write: the actions (named here, so that every id is unique), the
 * errors and warnings, and where each share of the file is placed. A part asks it by name for what
 * another part planned; {@link #build} turns it into the plan.
 */
final class PlanBuilder {

  private final List<Action> actions = new ArrayList<>();
  private final Set<String> ids = new HashSet<>();
  private final Set<Planned> planned = new HashSet<>();
  private final List<PlanMessage> errors = new ArrayList<>();
  private final List<PlanMessage> warnings = new ArrayList<>();
  private final Map<String, Placement> placements = new HashMap<>();

  private record Planned(ActionType type, Subject subject) {}

  /** Adds an action with an id no other action of the plan has ({@link Action.Builder#build}). */
  Action add(Action.Builder action) {
    Action added = action.build(ids::contains);
    actions.add(added);
    ids.add(added.id());
    planned.add(new Planned(added.type(), added.subject()));
    return added;
  }

  /** Whether an action of {@code type} about {@code subject} is in the plan. */
  boolean has(ActionType type, Subject subject) {
    return planned.contains(new Planned(type, subject));
  }

  void error(String share, String message) {
    errors.add(PlanMessage.error(share, message));
  }

  void error(String share, String cluster, String message) {
    errors.add(PlanMessage.error(share, cluster, message));
  }

  /** Adds the error, if there is one; whether there was. */
  boolean refuses(Optional<PlanMessage> error) {
    error.ifPresent(errors::add);
    return error.isPresent();
  }

  void warning(PlanMessage warning) {
    warnings.add(warning);
  }

  /** A note of {@code kind} about a share on a cluster ({@link PlanMessage#shareNote}). */
  void note(PlanMessage.Kind kind, String share, String cluster, String message) {
    warning(PlanMessage.shareNote(kind, share, cluster, message));
  }

  /** Records where a share of the file is or will be, for the parts that need it (a clone). */
  void place(String share, Placement placement) {
    placements.put(share, placement);
  }

  /** Where a share of the file is or will be; empty when it could not be planned. */
  Optional<Placement> placement(String share) {
    return Optional.ofNullable(placements.get(share));
  }

  /**
   * The plan: the actions linked and ordered by {@link Ordering}, limited to {@code targets} and
   * what they wait on (all when empty), and the messages about shares in the file's order.
   */
  Plan build(DesiredState desired, PlanOptions options) {
    return build(desired, options, linked -> new PeerGate.Outcome(linked, List.of()));
  }

  /**
   * The same, with {@code gate} keeping of the linked actions those that may run and saying why the
   * others may not, before {@code --target} (and {@code --only-scheduled}) choose among them.
   */
  Plan build(
      DesiredState desired, PlanOptions options, Function<List<Action>, PeerGate.Outcome> gate) {
    PeerGate.Outcome gated = gate.apply(Ordering.link(actions));
    errors.addAll(gated.errors());
    Targeting targeting = Targeting.of(options.targets(), gated.actions());
    List<Action> kept = targeting.actions();
    return new Plan(
        desired.stack(),
        Ordering.order(options.onlyScheduled() ? Targeting.timeDriven(kept) : kept),
        inFileOrder(desired, targeting.messages(errors)),
        inFileOrder(desired, targeting.messages(warnings)),
        options.now());
  }

  /** Messages about shares of the file in the file's order, then the rest as they came. */
  private static List<PlanMessage> inFileOrder(DesiredState desired, List<PlanMessage> messages) {
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < desired.shares().size(); i++) {
      position.putIfAbsent(desired.shares().get(i).name(), i);
    }
    List<PlanMessage> sorted = new ArrayList<>(messages);
    sorted.sort(
        Comparator.comparingInt(
            (PlanMessage m) ->
                m.share()
                    .map(s -> position.getOrDefault(s, Integer.MAX_VALUE))
                    .orElse(Integer.MAX_VALUE)));
    return sorted;
  }
}

package io.glustershares.plan;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One planned action: what it is, where, what it changes, and the exact steps it runs.
 *
 * @param id unique in its plan, e.g. {@code create_snapshot:analytics/nightly}
 * @param volume empty only when no volume could be named (never in an applicable plan)
 * @param summary one line for people, e.g. "bind manila-share-volume-3G-1 (3 GB)"
 * @param destructive data is lost (delete share or snapshot): needs --allow-destroy
 * @param warnings why the action disrupts clients or loses data; printed with '!'
 * @param dependsOn ids of the actions that must succeed first
 */
public record Action(
    String id,
    ActionType type,
    String cluster,
    Optional<String> volume,
    String share,
    Optional<String> snapshot,
    Optional<String> exportLocation,
    String summary,
    List<Change> changes,
    boolean destructive,
    List<String> warnings,
    List<String> dependsOn,
    List<Step> steps) {

  public Action {
    changes = List.copyOf(changes);
    warnings = List.copyOf(warnings);
    dependsOn = List.copyOf(dependsOn);
    steps = List.copyOf(steps);
  }

  /** Whether clients notice: a restart, a CN cut off, data wiped (SPEC §4). */
  public boolean disruptive() {
    return !warnings.isEmpty();
  }

  /** Every volume the action's steps touch: its own, and for a clone its parent too. */
  public Set<String> touchedVolumes() {
    Set<String> out = new LinkedHashSet<>();
    volume.ifPresent(out::add);
    for (Step step : steps) {
      if (step instanceof Step.Gluster g) {
        out.add(g.volume());
      } else if (step instanceof Step.Wipe w) {
        out.add(w.volume());
      }
    }
    return out;
  }

  public Action withDependsOn(List<String> ids) {
    return new Action(
        id,
        type,
        cluster,
        volume,
        share,
        snapshot,
        exportLocation,
        summary,
        changes,
        destructive,
        warnings,
        ids,
        steps);
  }
}

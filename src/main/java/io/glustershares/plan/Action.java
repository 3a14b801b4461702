package io.glustershares.plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One planned action: what it is, what it is about, where, what it changes, and the exact steps it
 * runs. Made through {@link #of}; its id comes from the plan that holds it and its dependencies
 * from {@link Ordering}.
 *
 * @param id unique in its plan, e.g. {@code create_snapshot:analytics/nightly}
 * @param summary one line for people, e.g. "bind manila-share-volume-3G-1 (3 GB)"
 * @param warnings why the action disrupts clients or loses data; printed with '!'
 * @param dependsOn ids of the actions that must succeed first
 * @param reason why a time-driven action is due: {@link #SCHEDULE} (a scheduled snapshot), {@link
 *     #RETENTION} (a scheduled snapshot beyond {@code keep}), {@link #EXPIRY} (a grant that ended);
 *     empty for what the file asks for at any time
 */
public record Action(
    String id,
    ActionType type,
    Subject subject,
    Place place,
    String summary,
    List<Change> changes,
    List<String> warnings,
    List<Step> steps,
    List<String> dependsOn,
    Optional<String> reason) {

  public static final String SCHEDULE = "schedule";
  public static final String RETENTION = "retention";
  public static final String EXPIRY = "expiry";

  public Action {
    changes = List.copyOf(changes);
    warnings = List.copyOf(warnings);
    steps = List.copyOf(steps);
    dependsOn = List.copyOf(dependsOn);
  }

  /** An action of {@code type} about {@code subject} at {@code place}, to describe further. */
  public static Builder of(ActionType type, Subject subject, Place place) {
    return new Builder(type, subject, place);
  }

  public String cluster() {
    return place.cluster();
  }

  /** Always present for the planner's actions; optional because a plan document allows none. */
  public Optional<String> volume() {
    return Optional.of(place.volume());
  }

  public Optional<String> exportLocation() {
    return place.exportLocation();
  }

  /** The share as plans name it (see {@link Subject#share()}). */
  public String share() {
    return subject.share();
  }

  public Optional<String> snapshot() {
    return subject.snapshot();
  }

  /** Data is lost (delete share or snapshot): needs --allow-destroy. */
  public boolean destructive() {
    return type.destructive();
  }

  /**
   * Whether applying needs {@code --allow-destroy}: a delete the file does not declare. Retention
   * deletes are declared by the schedule's {@code keep}, so they run without it (still marked
   * destructive).
   */
  public boolean needsAllowDestroy() {
    return destructive() && !reason.filter(RETENTION::equals).isPresent();
  }

  /** Driven by time (a schedule, retention, an expiry): what {@code --only-scheduled} keeps. */
  public boolean timeDriven() {
    return reason.isPresent();
  }

  /** Whether clients notice: a restart, a CN cut off, data wiped (SPEC §4). */
  public boolean disruptive() {
    return !warnings.isEmpty();
  }

  /** Every volume the action's steps touch: its own, and for a clone its parent too. */
  public Set<String> touchedVolumes() {
    Set<String> out = new LinkedHashSet<>();
    volume().ifPresent(out::add);
    for (Step step : steps) {
      if (step instanceof Step.Gluster g) {
        out.add(g.volume());
      } else if (step instanceof Step.Wipe w) {
        out.add(w.volume());
      } else if (!(step instanceof Step.CheckFree)) {
        // A check reads the volume the action already names; any other step must say its own.
        throw new IllegalStateException("unknown step " + step);
      }
    }
    return out;
  }

  public Action withDependsOn(List<String> ids) {
    return new Action(id, type, subject, place, summary, changes, warnings, steps, ids, reason);
  }

  /** The parts of an action a planner describes; the id is the plan's to give. */
  public static final class Builder {
    private final ActionType type;
    private final Subject subject;
    private final Place place;
    private String summary = "";
    private final List<Change> changes = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();
    private Optional<String> reason = Optional.empty();

    private Builder(ActionType type, Subject subject, Place place) {
      this.type = type;
      this.subject = subject;
      this.place = place;
    }

    public Builder summary(String text) {
      this.summary = text;
      return this;
    }

    // One way to add each part, a list at a time, through the one method that adds.
    public Builder changes(List<Change> more) {
      return add(changes, more);
    }

    public Builder warnings(List<String> more) {
      return add(warnings, more);
    }

    public Builder steps(List<Step> more) {
      return add(steps, more);
    }

    private <T> Builder add(List<T> parts, List<T> more) {
      parts.addAll(more);
      return this;
    }

    /** Why a time-driven action is due (see {@link Action#reason()}). */
    public Builder reason(String why) {
      this.reason = Optional.of(why);
      return this;
    }

    /**
     * The action with its id, {@code TYPE:SUBJECT}; qualified by its volume ({@code
     * @cluster/volume}) when that id is {@code taken} already, as when a share bound to several
     * volumes is deleted.
     */
    Action build(Predicate<String> taken) {
      String id = type.id() + ":" + subject.label();
      return build(taken.test(id) ? id + "@" + place.cluster() + "/" + place.volume() : id);
    }

    /** The action, with no dependencies yet. */
    public Action build(String id) {
      return new Action(
          id, type, subject, place, summary, changes, warnings, steps, List.of(), reason);
    }
  }
}

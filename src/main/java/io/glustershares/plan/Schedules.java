package io.glustershares.plan;

import io.glustershares.model.Identity;
import io.glustershares.model.ShareSpec;
import io.glustershares.model.Snapshot;
import io.glustershares.model.SnapshotSchedule;
import io.glustershares.model.SnapshotSpec;
import io.glustershares.model.Volume;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A share's snapshot schedule at the plan's instant: the snapshot of the current period, if the
 * volume lacks it (never those of periods missed: no back-fill), and retention of the schedule's
 * snapshots beyond {@code keep}, oldest first — never one the file names in {@code snapshots:},
 * never one a share was or is to be cloned from (the plan says which it kept and why).
 */
record Schedules(PlanContext context, PlanBuilder plan) {

  /**
   * The file names of the schedule's snapshots on the volume, and of the one due now: the snapshots
   * that are the schedule's, not unmanaged. Plans the create and the retention.
   *
   * @param create plans the create of a snapshot of that file name, if it can be made
   */
  Set<String> plan(
      ShareSpec share, Placement placement, List<Snapshot> existing, Predicate<String> create) {
    if (share.schedule().isEmpty()) {
      return Set.of();
    }
    SnapshotSchedule schedule = share.schedule().get();
    String name = share.name();
    List<String> named = share.snapshots().stream().map(SnapshotSpec::name).toList();
    // The schedule's snapshots on the volume, by period; a name the file lists is the file's.
    TreeMap<LocalDateTime, String> made = new TreeMap<>();
    Map<String, Snapshot> byName = new TreeMap<>();
    for (Snapshot s : existing) {
      Optional<String> fileName = Identity.ownSnapshot(context.stack(), name, s);
      // Ours only by name and description both (a description alone is anyone's to write), and
      // never one the file names by its gluster name.
      if (fileName.isEmpty() || named.contains(fileName.get()) || namedByGluster(share, s)) {
        continue;
      }
      Optional<LocalDateTime> period = SnapshotSchedule.period(fileName.get());
      if (period.isPresent()) {
        made.put(period.get(), fileName.get());
        byName.put(fileName.get(), s);
      }
    }
    String current = schedule.current(context.now());
    if (!made.containsValue(current) && !named.contains(current) && create.test(current)) {
      made.put(SnapshotSchedule.period(current).orElseThrow(), current);
    }
    List<String> newestFirst = new ArrayList<>(made.descendingMap().values());
    for (String old :
        newestFirst.subList(Math.min(schedule.keep(), newestFirst.size()), newestFirst.size())) {
      Snapshot s = byName.get(old);
      if (s == null) {
        continue;
      }
      Optional<String> clone = clonedFrom(name, placement, old);
      if (clone.isPresent()) {
        plan.note(
            PlanMessage.Kind.NOTICE,
            name,
            placement.cluster(),
            "snapshot '%s' of share '%s' is beyond the schedule's keep %d but kept: %s"
                .formatted(old, name, schedule.keep(), clone.get()));
        continue;
      }
      plan.add(
          Snapshots.deleteOf(name, placement.cluster(), placement.volume(), s, old)
              .summary(
                  "delete snapshot '%s' (%s) of %s: beyond the schedule's keep %d"
                      .formatted(old, s.name(), placement.volume(), schedule.keep()))
              .reason(Action.RETENTION));
    }
    return Set.copyOf(made.values());
  }

  /** Why a snapshot must stay: a share of the file, or a clone volume, comes from it. */
  private Optional<String> clonedFrom(String share, Placement placement, String snapshot) {
    for (ShareSpec s : context.desired().shares()) {
      if (s.fromSnapshot()
          .filter(f -> f.share().equals(share) && f.snapshot().equals(snapshot))
          .isPresent()) {
        return Optional.of("share '" + s.name() + "' is created from it");
      }
    }
    Set<String> parentUuids = new HashSet<>();
    parentUuids.add(Identity.shareUuid(context.stack(), share).toString());
    placement
        .existing()
        .flatMap(v -> Inventory.tag(v, Identity.MANILA_SHARE))
        .ifPresent(u -> parentUuids.add(u.toLowerCase(Locale.ROOT)));
    for (PlanContext.Cluster cluster : context.clusters().values()) {
      for (Inventory.Classified c : cluster.classified()) {
        Volume v = c.volume();
        boolean fromIt =
            Inventory.tag(v, Identity.FROM_SNAPSHOT).filter(snapshot::equals).isPresent()
                && Inventory.tag(v, Identity.MANILA_CLONED_FROM)
                    .filter(u -> parentUuids.contains(u.toLowerCase(Locale.ROOT)))
                    .isPresent();
        if (fromIt) {
          return Optional.of(
              "volume " + v.name() + " on cluster '" + cluster.name() + "' was cloned from it");
        }
      }
    }
    return Optional.empty();
  }

  private static boolean namedByGluster(ShareSpec share, Snapshot s) {
    return share.snapshots().stream()
        .anyMatch(n -> n.gluster().filter(p -> s.name().startsWith(p)).isPresent());
  }
}

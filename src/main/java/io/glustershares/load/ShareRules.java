package io.glustershares.load;

import static io.glustershares.load.Diagnostics.text;

import io.glustershares.model.AccessRule;
import io.glustershares.model.Printable;
import io.glustershares.model.ShareSpec;
import io.glustershares.model.SnapshotRef;
import io.glustershares.model.SnapshotSchedule;
import io.glustershares.model.SnapshotSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The rules of the {@code shares} list: unique names, references to clusters and to other shares'
 * snapshots, sizes, snapshots; access lists are {@link AccessRules}' concern.
 */
final class ShareRules {

  private final Diagnostics diagnostics;
  private final AccessRules accessRules;

  ShareRules(Diagnostics diagnostics, AccessRules accessRules) {
    this.diagnostics = diagnostics;
    this.accessRules = accessRules;
  }

  /** A share entry as far as it could be read, with where its parts are. */
  private record Entry(int index, JsonNode node, String name) {
    FieldPath at() {
      return FieldPath.of("shares", index);
    }
  }

  List<ShareSpec> shares(JsonNode sharesNode, Set<String> clusterNames) {
    List<ShareSpec> shares = new ArrayList<>();
    if (!sharesNode.isArray()) {
      return shares;
    }
    Map<String, Entry> byName = new LinkedHashMap<>();
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < sharesNode.size(); i++) {
      JsonNode node = sharesNode.get(i);
      Optional<String> shareName = text(node.path("name"));
      Entry entry = new Entry(i, node, shareName.orElse(""));
      entries.add(entry);
      if (shareName.isEmpty()) {
        continue;
      }
      Entry first = byName.putIfAbsent(shareName.get(), entry);
      if (first != null) {
        diagnostics.error(
            entry.at().key("name"),
            "duplicate share name "
                + Printable.quoted(shareName.get())
                + " (first at line "
                + diagnostics.line(first.at())
                + "); valid: a name used once in the file");
      }
    }
    Map<String, Entry> volumes = new HashMap<>();
    Map<Entry, String> parentOf = new LinkedHashMap<>();
    for (Entry entry : entries) {
      if (!entry.node().isObject()) {
        continue;
      }
      ShareSpec share = share(entry, byName, clusterNames, volumes);
      shares.add(share);
      share.fromSnapshot().ifPresent(from -> parentOf.putIfAbsent(entry, from.share()));
    }
    checkCloneCycles(parentOf);
    return shares;
  }

  private ShareSpec share(
      Entry entry,
      Map<String, Entry> byName,
      Set<String> clusterNames,
      Map<String, Entry> volumes) {
    JsonNode node = entry.node();
    FieldPath at = entry.at();
    Optional<String> cluster = text(node.path("cluster"));
    if (cluster.isPresent() && !clusterNames.isEmpty() && !clusterNames.contains(cluster.get())) {
      diagnostics.error(
          at.key("cluster"),
          "no cluster "
              + Printable.quoted(cluster.get())
              + " under clusters"
              + didYouMean(cluster.get(), clusterNames)
              + "; valid: "
              + names(clusterNames));
    }
    Optional<String> volume = text(node.path("volume"));
    if (volume.isPresent()) {
      Entry first = volumes.putIfAbsent(volume.get(), entry);
      if (first != null) {
        diagnostics.error(
            at.key("volume"),
            "volume "
                + Printable.quoted(volume.get())
                + " is already bound by share "
                + Printable.quoted(first.name())
                + "; valid: each volume named by one share");
      }
    }
    OptionalInt size =
        node.path("size").isIntegralNumber() && node.path("size").canConvertToInt()
            ? OptionalInt.of(node.path("size").asInt())
            : OptionalInt.empty();
    Optional<SnapshotRef> from = fromSnapshot(entry, byName);
    if (from.isPresent()) {
      if (node.has("size")) {
        diagnostics.error(
            at.key("size"),
            "a share created from a snapshot takes its size from the parent share; valid: no"
                + " size here");
      }
      if (volume.isPresent()) {
        diagnostics.error(
            at.key("volume"),
            "a share created from a snapshot lives on its own clone volume; valid: no volume"
                + " here");
      }
      Entry parent = byName.get(from.get().share());
      Optional<String> parentCluster =
          parent == null ? Optional.empty() : text(parent.node().path("cluster"));
      if (cluster.isPresent()
          && parentCluster.isPresent()
          && !cluster.get().equals(parentCluster.get())) {
        diagnostics.error(
            at.key("cluster"),
            "a clone lives on its parent's cluster "
                + Printable.quoted(parentCluster.get())
                + "; valid: cluster "
                + Printable.value(parentCluster.get())
                + " or no cluster");
      }
    }
    ShareSpec.State state =
        switch (node.path("state").asString("")) {
          case "absent" -> ShareSpec.State.ABSENT;
          case "released" -> ShareSpec.State.RELEASED;
          default -> ShareSpec.State.PRESENT;
        };
    if (!node.has("fromSnapshot")
        && !node.has("size")
        && state == ShareSpec.State.PRESENT
        && volume.isEmpty()) {
      diagnostics.error(
          at.key("size"),
          "required field is missing; valid: the size in GB (only shares created from a snapshot"
              + " or bound to a named volume go without)");
    }
    List<AccessRule> access = accessRules.access(at, node.path("access"));
    List<SnapshotSpec> snapshots =
        snapshots(at, node.path("snapshots"), node.has("snapshotSchedule"));
    return new ShareSpec(
        entry.name(),
        size,
        cluster,
        volume,
        access,
        snapshots,
        from,
        state,
        schedule(node.path("snapshotSchedule")));
  }

  /**
   * The schedule as the schema let it through: {@code every} and {@code keep}, {@code at} HH:MM.
   */
  private static Optional<SnapshotSchedule> schedule(JsonNode node) {
    Optional<String> every = text(node.path("every"));
    if (every.isEmpty() || !node.path("keep").canConvertToInt()) {
      return Optional.empty();
    }
    String at = text(node.path("at")).orElse("00:00");
    if (!at.matches("\\d\\d:\\d\\d")) {
      return Optional.empty(); // the schema reports it
    }
    SnapshotSchedule.Every kind;
    try {
      kind = SnapshotSchedule.Every.valueOf(every.get().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // the schema reports it
    }
    return Optional.of(
        new SnapshotSchedule(
            kind,
            Integer.parseInt(at.substring(0, 2)),
            Integer.parseInt(at.substring(3)),
            node.path("keep").asInt()));
  }

  private Optional<SnapshotRef> fromSnapshot(Entry entry, Map<String, Entry> byName) {
    JsonNode from = entry.node().path("fromSnapshot");
    FieldPath at = entry.at().key("fromSnapshot");
    Optional<String> parentName = text(from.path("share"));
    Optional<String> snapshotName = text(from.path("snapshot"));
    if (parentName.isEmpty() || snapshotName.isEmpty()) {
      return Optional.empty();
    }
    Entry parent = byName.get(parentName.get());
    if (parent == null) {
      diagnostics.error(
          at.key("share"),
          "no share "
              + Printable.quoted(parentName.get())
              + " in this file"
              + didYouMean(parentName.get(), byName.keySet())
              + "; valid: the name of another share of this file");
      return Optional.empty();
    }
    if (parent.name().equals(entry.name())) {
      diagnostics.error(
          at.key("share"), "a share cannot be created from its own snapshot; valid: another share");
      return Optional.empty();
    }
    List<String> parentSnapshots = new ArrayList<>();
    for (JsonNode snapshot : parent.node().path("snapshots")) {
      text(snapshot.path("name")).ifPresent(parentSnapshots::add);
    }
    // A snapshot the parent's schedule makes may be cloned too (it is then kept: see Snapshots).
    boolean scheduled =
        parent.node().has("snapshotSchedule")
            && SnapshotSchedule.period(snapshotName.get()).isPresent();
    if (!parentSnapshots.contains(snapshotName.get()) && !scheduled) {
      diagnostics.error(
          at.key("snapshot"),
          "share "
              + Printable.quoted(parent.name())
              + " has no snapshot "
              + Printable.quoted(snapshotName.get())
              + didYouMean(snapshotName.get(), parentSnapshots)
              + "; valid: "
              + (parentSnapshots.isEmpty()
                  ? "a snapshot listed under that share's snapshots (it has none)"
                  : names(parentSnapshots)));
      return Optional.empty();
    }
    boolean parentAbsent = "absent".equals(parent.node().path("state").asString(""));
    boolean selfAbsent = "absent".equals(entry.node().path("state").asString(""));
    if (parentAbsent && !selfAbsent) {
      diagnostics.error(
          at.key("share"),
          "share "
              + Printable.quoted(parent.name())
              + " is absent, so its snapshot cannot be cloned; valid: a present share");
    }
    return Optional.of(new SnapshotRef(parentName.get(), snapshotName.get()));
  }

  /** Reports every share whose chain of parents leads back to itself. */
  private void checkCloneCycles(Map<Entry, String> parentOf) {
    Map<String, String> parentByName = new HashMap<>();
    parentOf.forEach((entry, parent) -> parentByName.putIfAbsent(entry.name(), parent));
    for (Entry entry : parentOf.keySet()) {
      String current = parentByName.get(entry.name());
      for (int steps = 0; current != null && steps <= parentByName.size(); steps++) {
        if (current.equals(entry.name())) {
          diagnostics.error(
              entry.at().key("fromSnapshot"),
              "shares are created from each other's snapshots in a cycle; valid: a chain that"
                  + " starts at a share with a size");
          break;
        }
        current = parentByName.get(current);
      }
    }
  }

  private List<SnapshotSpec> snapshots(
      FieldPath shareAt, JsonNode snapshotsNode, boolean scheduled) {
    List<SnapshotSpec> snapshots = new ArrayList<>();
    Map<String, FieldPath> seen = new HashMap<>();
    for (int i = 0; i < snapshotsNode.size(); i++) {
      FieldPath at = shareAt.key("snapshots").index(i).key("name");
      Optional<String> snapshot = text(snapshotsNode.get(i).path("name"));
      if (snapshot.isEmpty()) {
        continue;
      }
      FieldPath first = seen.putIfAbsent(snapshot.get(), at);
      if (first != null) {
        diagnostics.error(
            at,
            "duplicate snapshot name "
                + Printable.quoted(snapshot.get())
                + " (first at line "
                + diagnostics.line(first)
                + "); valid: each snapshot name once per share");
        continue;
      }
      if (scheduled && SnapshotSchedule.period(snapshot.get()).isPresent()) {
        // Retention would take it for the schedule's once it leaves the list.
        diagnostics.error(
            at,
            "snapshot name "
                + Printable.quoted(snapshot.get())
                + " has the form the share's snapshotSchedule names its own snapshots; valid: a"
                + " name not of the form hourly-…, daily-… or weekly-…");
        continue;
      }
      snapshots.add(new SnapshotSpec(snapshot.get(), gluster(shareAt, snapshotsNode, i)));
    }
    return snapshots;
  }

  /**
   * The {@code gluster:} prefix of snapshot entry {@code i}, if it has one. Two entries of one
   * share whose prefixes start one with the other could only ever both match one snapshot (each
   * must match exactly one), so that is refused here rather than found by every plan.
   */
  private Optional<String> gluster(FieldPath shareAt, JsonNode snapshotsNode, int i) {
    Optional<String> prefix = text(snapshotsNode.get(i).path("gluster"));
    if (prefix.isEmpty()) {
      return Optional.empty();
    }
    for (int j = 0; j < i; j++) {
      Optional<String> other = text(snapshotsNode.get(j).path("gluster"));
      if (other.isPresent()
          && (prefix.get().startsWith(other.get()) || other.get().startsWith(prefix.get()))) {
        FieldPath first = shareAt.key("snapshots").index(j).key("gluster");
        String clash =
            prefix.get().equals(other.get())
                ? " is named already at line " + diagnostics.line(first)
                : " and "
                    + Printable.quoted(other.get())
                    + " (line "
                    + diagnostics.line(first)
                    + ") start one with the other";
        diagnostics.error(
            shareAt.key("snapshots").index(i).key("gluster"),
            "gluster name "
                + Printable.quoted(prefix.get())
                + clash
                + ": both would name the same snapshot; valid: each existing snapshot named once"
                + " per share, by a prefix no other entry's starts with");
        return Optional.empty();
      }
    }
    return prefix;
  }

  private static String names(Collection<String> names) {
    return names.stream().map(Printable::value).collect(Collectors.joining(", "));
  }

  private static String didYouMean(String word, Collection<String> candidates) {
    return Suggestions.closest(word, candidates)
        .map(s -> " (did you mean " + Printable.quoted(s) + "?)")
        .orElse("");
  }
}

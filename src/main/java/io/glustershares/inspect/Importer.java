package io.glustershares.inspect;

import io.glustershares.model.AccessRule;
import io.glustershares.model.DesiredState;
import io.glustershares.model.Identity;
import io.glustershares.model.ObservedCluster;
import io.glustershares.model.ShareSpec;
import io.glustershares.model.Snapshot;
import io.glustershares.model.SnapshotRef;
import io.glustershares.model.SnapshotSpec;
import io.glustershares.model.Volume;
import io.glustershares.plan.Infrastructure;
import io.glustershares.plan.Inventory;
import io.glustershares.plan.Security;
import io.glustershares.plan.VolumeRole;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What {@code import} writes for one cluster: an entry for every share found there that the file
 * does not describe yet. Shares of this stack come back as they were declared (size, access,
 * snapshots, the snapshot a clone was made from); volumes bound by Manila are adopted by name
 * ({@code volume:}) with their access list. Pure: the cluster was read before.
 */
public final class Importer {

  /** One share entry to write, with comments for the reader of the file. */
  public record Entry(ShareSpec share, List<String> comments, boolean adopted) {
    public Entry {
      comments = List.copyOf(comments);
    }
  }

  /**
   * @param entries the new entries: this stack's shares (parents before the shares cloned from
   *     them), then the adopted ones
   * @param alreadyInFile shares found on the cluster that the file already has
   * @param notes what was found and left out, and why
   */
  public record Result(List<Entry> entries, int alreadyInFile, List<String> notes) {
    public Result {
      entries = List.copyOf(entries);
      notes = List.copyOf(notes);
    }

    public long adopted() {
      return entries.stream().filter(Entry::adopted).count();
    }
  }

  /** The suffix gluster adds to a snapshot name made without {@code no-timestamp}. */
  private static final Pattern GMT_SUFFIX =
      Pattern.compile("_GMT-\\d{4}\\.\\d{2}\\.\\d{2}-\\d{2}\\.\\d{2}\\.\\d{2}$");

  /** What the schema lets a file write as {@code gluster:} and as a snapshot's name. */
  private static final Pattern GLUSTER_PREFIX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");

  private static final Pattern FILE_NAME =
      Pattern.compile("(?!.*\\.\\.)[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  private Importer() {}

  public static Result of(DesiredState desired, String clusterName, ObservedCluster cluster) {
    String stack = desired.stack();
    Set<String> namesInFile = new HashSet<>();
    Set<String> volumesInFile = new HashSet<>();
    for (ShareSpec s : desired.shares()) {
      namesInFile.add(s.name());
      s.volume().ifPresent(volumesInFile::add);
    }
    Map<String, String> shareByUuid = new HashMap<>();
    Map<String, List<Snapshot>> snapshotsByVolume = new HashMap<>();
    for (Snapshot s : cluster.snapshots()) {
      snapshotsByVolume.computeIfAbsent(s.originVolume(), v -> new ArrayList<>()).add(s);
    }
    List<Inventory.Classified> classified = Inventory.classify(desired, cluster);
    Infrastructure infra =
        Infrastructure.of(desired.clusters().get(clusterName), cluster, desired.tls());
    for (Inventory.Classified c : classified) {
      if (c.role() instanceof VolumeRole.Share share) {
        Inventory.tag(c.volume(), Identity.MANILA_SHARE)
            .ifPresent(uuid -> shareByUuid.put(uuid.toLowerCase(Locale.ROOT), share.share()));
      }
    }

    List<Entry> plain = new ArrayList<>();
    List<Entry> clones = new ArrayList<>();
    List<Entry> adopted = new ArrayList<>();
    Map<String, Entry> byName = new HashMap<>();
    List<String> notes = new ArrayList<>();
    int already = 0;
    for (Inventory.Classified c : classified) {
      Volume v = c.volume();
      if (c.role() instanceof VolumeRole.Share share) {
        if (namesInFile.contains(share.share())) {
          already++;
          continue;
        }
        Optional<Entry> entry =
            own(desired, clusterName, infra, v, share, snapshotsByVolume, shareByUuid, notes);
        if (entry.isPresent()) {
          (entry.get().share().fromSnapshot().isPresent() ? clones : plain).add(entry.get());
          byName.put(entry.get().share().name(), entry.get());
        }
      } else if (c.role() instanceof VolumeRole.Foreign foreign) {
        if (foreign.owner().isPresent()) {
          continue; // another stack's share: its own file describes it
        }
        if (volumesInFile.contains(v.name())) {
          already++;
          continue;
        }
        Optional<String> uuid = foreign.manilaShare().filter(Inventory::isUuid);
        if (uuid.isEmpty()) {
          notes.add(
              "volume "
                  + v.name()
                  + ": user.manila-share is '"
                  + foreign.manilaShare().orElse("")
                  + "', not a Manila share UUID: left out");
          continue;
        }
        adopted.add(adopt(desired, clusterName, infra, v, uuid.get(), snapshotsByVolume));
      } else if (c.role() instanceof VolumeRole.Released released) {
        // The file keeps the entry (state: released); adopting the volume again is a choice.
        notes.add(
            "volume "
                + v.name()
                + ": released from share '"
                + released.share()
                + "' (state: released in the file): left out");
      } else if (c.role() instanceof VolumeRole.PendingClone pending) {
        notes.add(
            "volume "
                + v.name()
                + ": a clone whose creation was interrupted"
                + pending.share().map(s -> " (share '" + s + "')").orElse("")
                + ": left out; apply the file that asked for it to finish it");
      } else if (!(c.role() instanceof VolumeRole.Free
          || c.role() instanceof VolumeRole.NotReady
          || c.role() instanceof VolumeRole.OutsidePattern)) {
        throw new IllegalStateException("unknown volume role " + c.role()); // no share on it
      }
    }
    // A clone's parent must be in the file with the snapshot it was made from.
    List<Entry> entries = new ArrayList<>(plain);
    for (Entry clone : clones) {
      SnapshotRef from = clone.share().fromSnapshot().orElseThrow();
      Optional<ShareSpec> parent =
          Optional.ofNullable(byName.get(from.share()))
              .map(Entry::share)
              .or(() -> desired.share(from.share()));
      boolean listed =
          parent.isPresent()
              && parent.get().snapshots().stream().anyMatch(s -> s.name().equals(from.snapshot()));
      if (!listed) {
        notes.add(
            "share '"
                + clone.share().name()
                + "': made from snapshot "
                + from
                + ", which is not in the file (nor on the cluster): left out");
        continue;
      }
      entries.add(clone);
    }
    entries.addAll(adopted);
    return new Result(entries, already, notes);
  }

  private static Optional<Entry> own(
      DesiredState desired,
      String clusterName,
      Infrastructure infra,
      Volume v,
      VolumeRole.Share share,
      Map<String, List<Snapshot>> snapshotsByVolume,
      Map<String, String> shareByUuid,
      List<String> notes) {
    String name = share.share();
    List<String> comments = new ArrayList<>();
    Optional<SnapshotRef> from = Optional.empty();
    OptionalInt size = OptionalInt.empty();
    Optional<String> volume = Optional.empty();
    if (share.isClone()) {
      Optional<String> parent =
          Inventory.tag(v, Identity.MANILA_CLONED_FROM)
              .map(u -> shareByUuid.get(u.toLowerCase(Locale.ROOT)));
      Optional<String> snapshot = Inventory.tag(v, Identity.FROM_SNAPSHOT);
      if (parent.isEmpty() || snapshot.isEmpty()) {
        notes.add(
            "share '"
                + name
                + "' (volume "
                + v.name()
                + "): a clone whose "
                + (parent.isEmpty()
                    ? "parent share is not on this cluster"
                    : "snapshot is not recorded")
                + ": left out; add it with fromSnapshot by hand");
        return Optional.empty();
      }
      from = Optional.of(new SnapshotRef(parent.get(), snapshot.get()));
    } else if (share.size().isPresent()) {
      size = share.size();
    } else {
      volume = Optional.of(v.name()); // the pattern gives no size: name the volume instead
    }
    List<SnapshotSpec> snapshots = new ArrayList<>();
    List<Snapshot> others = new ArrayList<>();
    List<Snapshot> ofVolume = snapshotsByVolume.getOrDefault(v.name(), List.of());
    for (Snapshot s : ofVolume) {
      Optional<String> ours = ownSnapshot(desired.stack(), name, s);
      if (ours.isPresent()) {
        snapshots.add(new SnapshotSpec(ours.get()));
      } else {
        others.add(s);
      }
    }
    snapshots.addAll(byGlusterName(others, ofVolume, snapshots, comments));
    return Optional.of(
        new Entry(
            new ShareSpec(
                name,
                size,
                Optional.of(clusterName),
                volume,
                tenants(desired, infra, v, comments),
                snapshots,
                from,
                ShareSpec.State.PRESENT),
            comments,
            false));
  }

  private static Entry adopt(
      DesiredState desired,
      String clusterName,
      Infrastructure infra,
      Volume v,
      String uuid,
      Map<String, List<Snapshot>> snapshotsByVolume) {
    List<String> comments = new ArrayList<>();
    comments.add("adopted from Manila share " + uuid + " (its UUID stays on the volume)");
    Inventory.tag(v, Identity.MANILA_CLONED_FROM)
        .ifPresent(parent -> comments.add("a clone of Manila share " + parent));
    List<Snapshot> ofVolume = snapshotsByVolume.getOrDefault(v.name(), List.of());
    List<SnapshotSpec> snapshots = byGlusterName(ofVolume, ofVolume, List.of(), comments);
    String name = "manila-" + uuid.toLowerCase(Locale.ROOT);
    return new Entry(
        new ShareSpec(
            name,
            OptionalInt.empty(),
            Optional.of(clusterName),
            Optional.of(v.name()),
            tenants(desired, infra, v, comments),
            snapshots,
            Optional.empty(),
            ShareSpec.State.PRESENT),
        comments,
        true);
  }

  /**
   * Entries for snapshots gluster-shares did not make (Manila's), named by the start of their
   * gluster name as Manila finds them: the name without gluster's {@code _GMT-…} suffix, or the
   * whole name where another snapshot of the volume starts with that; the file's name is the same
   * start. One that no prefix names alone, or whose name the file format refuses, is left out with
   * a comment.
   */
  private static List<SnapshotSpec> byGlusterName(
      List<Snapshot> others,
      List<Snapshot> ofVolume,
      List<SnapshotSpec> taken,
      List<String> comments) {
    List<SnapshotSpec> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    taken.forEach(t -> names.add(t.name()));
    for (Snapshot s : others) {
      String stem = GMT_SUFFIX.matcher(s.name()).replaceFirst("");
      Optional<String> prefix =
          Stream.of(stem, s.name())
              .filter(p -> ofVolume.stream().filter(o -> o.name().startsWith(p)).count() == 1)
              .findFirst();
      String file = prefix.orElse(stem);
      if (prefix.isEmpty()
          || !GLUSTER_PREFIX.matcher(prefix.get()).matches()
          || !FILE_NAME.matcher(file).matches()
          || !names.add(file)) {
        comments.add(
            "snapshot "
                + Security.printable(s.name())
                + " was not made by gluster-shares and cannot be named in the file: left alone");
        continue;
      }
      comments.add(
          "snapshot "
              + file
              + " is gluster's "
              + Security.printable(s.name())
              + ", not made by gluster-shares: named by its gluster name");
      out.add(new SnapshotSpec(file, prefix));
    }
    return out;
  }

  /** The snapshot's name in the file, when it is one gluster-shares made for this share. */
  static Optional<String> ownSnapshot(String stack, String share, Snapshot s) {
    return Identity.ownSnapshot(stack, share, s);
  }

  /**
   * The CNs the file lists: everything but the cluster's infrastructure CNs and the entries kept by
   * {@code keepCnPrefixes}. An entry with an infrastructure prefix that is not an infrastructure CN
   * (a tenant certificate named {@code manila-hostile}), or one gluster would match as a glob, is
   * no tenant the file may list: it is left out with a comment, and the next apply revokes it.
   */
  private static List<AccessRule> tenants(
      DesiredState desired, Infrastructure infra, Volume v, List<String> comments) {
    List<AccessRule> out = new ArrayList<>();
    for (String cn : Security.cns(v).stream().distinct().sorted().toList()) {
      if (infra.keeps(cn)) {
        continue;
      }
      boolean safe = Security.isSafeEntry(cn);
      if (!safe || desired.tls().isKept(cn)) {
        comments.add(
            "auth.ssl-allow entry '"
                + Security.printable(cn)
                + "' is left out: "
                + (safe
                    ? "it has an infrastructure prefix but is not an infrastructure CN of this"
                        + " cluster"
                    : "gluster would match it as a glob pattern")
                + "; the next apply revokes it");
        continue;
      }
      out.add(AccessRule.cn(cn));
    }
    return out;
  }
}

package io.glustershares.plan;

import io.glustershares.model.DesiredState;
import io.glustershares.model.Identity;
import io.glustershares.model.ObservedCluster;
import io.glustershares.model.ShareSpec;
import io.glustershares.model.Volume;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies every volume of a cluster against a desired state: ours (and which share), a clone in
 * the making, free or not-ready pool volumes, foreign ones, and the rest.
 */
public final class Inventory {

  private static final Pattern UUID =
      Pattern.compile("^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$");

  /** A volume and its role. */
  public record Classified(Volume volume, VolumeRole role) {}

  private Inventory() {}

  public static boolean isUuid(String value) {
    return UUID.matcher(value).matches();
  }

  public static List<Classified> classify(DesiredState desired, ObservedCluster cluster) {
    Map<String, String> cloneVolumes = new HashMap<>();
    Map<String, String> released = new HashMap<>();
    for (ShareSpec share : desired.shares()) {
      // A released clone is no longer ours: its name must not make it look unfinished.
      if (share.fromSnapshot().isPresent() && !share.isReleased()) {
        cloneVolumes.put(Identity.cloneVolumeName(desired.stack(), share.name()), share.name());
      }
      if (share.isReleased()) {
        released.put(Identity.shareUuid(desired.stack(), share.name()).toString(), share.name());
      }
    }
    List<Classified> out = new ArrayList<>();
    for (Volume volume : cluster.volumes()) {
      VolumeRole role = role(desired, volume, cloneVolumes);
      if (role instanceof VolumeRole.Foreign f
          && f.owner().isEmpty()
          && f.manilaShare().isPresent()
          && released.containsKey(f.manilaShare().get().toLowerCase(Locale.ROOT))) {
        String uuid = f.manilaShare().get();
        role = new VolumeRole.Released(released.get(uuid.toLowerCase(Locale.ROOT)), uuid);
      }
      out.add(new Classified(volume, role));
    }
    return out;
  }

  static VolumeRole role(DesiredState desired, Volume volume, Map<String, String> cloneVolumes) {
    String stack = desired.stack();
    Optional<String> owner = tag(volume, Identity.OWNER);
    Optional<String> name = tag(volume, Identity.NAME);
    Optional<String> manila = tag(volume, Identity.MANILA_SHARE);
    boolean clone = tag(volume, Identity.MANILA_CLONED_FROM).filter(Inventory::isUuid).isPresent();
    OptionalInt size = desired.volumePattern().sizeOf(volume.name());

    // A clone carries its parent's tags until it is tagged itself: its name tells whose it is.
    String cloneFor = cloneVolumes.get(volume.name());
    if (cloneFor != null) {
      boolean tagged =
          owner.filter(stack::equals).isPresent() && name.filter(cloneFor::equals).isPresent();
      return tagged
          ? new VolumeRole.Share(cloneFor, true, size)
          : new VolumeRole.PendingClone(Optional.of(cloneFor), cloneUuid(volume.name()).orElse(""));
    }
    if (owner.filter(stack::equals).isPresent() && name.isPresent()) {
      Optional<String> uuid = cloneUuid(volume.name());
      // manila-<uuid> carrying another share's tags and another UUID: an interrupted clone whose
      // share has left the file. (Adopted Manila clones carry their own UUID in user.manila-share.)
      if (uuid.isPresent()
          && !uuid.get().equals(Identity.shareUuid(stack, name.get()).toString())
          && !manila.filter(uuid.get()::equalsIgnoreCase).isPresent()) {
        return new VolumeRole.PendingClone(Optional.empty(), uuid.get());
      }
      return new VolumeRole.Share(name.get(), clone, size);
    }
    if (owner.filter(o -> !o.equals(stack)).isPresent()) {
      return new VolumeRole.Foreign(
          "owned by stack '" + owner.get() + "'" + name.map(n -> " (share '" + n + "')").orElse(""),
          manila,
          owner);
    }
    // In use, for Manila's _fetch_gluster_volumes, means the whole value is a UUID: NONE, an
    // empty value or any other text leaves the volume free (oddManilaTag says so).
    if (manila.filter(Inventory::isUuid).isPresent()) {
      return new VolumeRole.Foreign(
          "bound by Manila share " + manila.get(), manila, Optional.empty());
    }
    if (!desired.volumePattern().matches(volume.name())) {
      return new VolumeRole.OutsidePattern();
    }
    if (volume.option(Security.SSL_ALLOW).map(String::isBlank).orElse(true)) {
      return new VolumeRole.NotReady(
          size,
          "auth.ssl-allow is not set: without it gluster lets every CN in (3.7+) or none (3.6);"
              + " set it to the server and managing-host CNs");
    }
    // A name the pattern matches without its size group is a volume of unknown size, which
    // Manila's _pop_gluster_vol takes for any request when no sized volume fits.
    return new VolumeRole.Free(size);
  }

  /**
   * A {@code user.manila-share} value that is neither unset, empty, {@code NONE} nor a UUID: a
   * volume carrying it is free, as Manila reads it, but someone wrote something there.
   */
  public static Optional<String> oddManilaTag(Volume volume) {
    return tag(volume, Identity.MANILA_SHARE).filter(v -> !isUuid(v));
  }

  private static final Pattern CLONE_NAME =
      Pattern.compile("^manila-([0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12})$");

  /** The UUID in a clone volume's name ({@code manila-<uuid>}), if it is one. */
  static Optional<String> cloneUuid(String volumeName) {
    Matcher m = CLONE_NAME.matcher(volumeName);
    return m.matches() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
  }

  /** A tag's value, absent when unset or released ({@code NONE}). */
  public static Optional<String> tag(Volume volume, String key) {
    return volume
        .option(key)
        .map(String::strip)
        .filter(
            v -> !v.isEmpty() && !v.equalsIgnoreCase(Identity.NONE) && !v.equalsIgnoreCase("none"));
  }
}

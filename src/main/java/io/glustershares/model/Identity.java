package io.glustershares.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.UUID;

/**
 * The names gluster-shares writes on gluster, all recomputable by anyone: name-based (version 5)
 * UUIDs of {@code stack/share} and {@code stack/share/snapshot} in one fixed namespace.
 */
public final class Identity {

  /** {@code uuid5(NAMESPACE_DNS, "gluster-shares")}; never change it: it names every share. */
  public static final UUID NAMESPACE = UUID.fromString("e70681f5-2075-5173-991b-ae910e939c0e");

  /** The value gluster cannot unset: a released volume carries it in our tags. */
  public static final String NONE = "NONE";

  public static final String MANILA_SHARE = "user.manila-share";
  public static final String MANILA_CLONED_FROM = "user.manila-cloned-from";
  public static final String OWNER = "user.gluster-shares.owner";
  public static final String NAME = "user.gluster-shares.name";

  /** On a clone volume: the name, in the file, of the snapshot it was made from (for import). */
  public static final String FROM_SNAPSHOT = "user.gluster-shares.snapshot";

  /**
   * {@code on} while a delete has gluster's trash turned off for its wipe and must turn it on again
   * when the volume returns to the pool ({@code NONE} afterwards): written in the same {@code
   * volume set} that turns trash off, so that an apply killed in between still knows.
   */
  public static final String RESTORE_TRASH = "user.gluster-shares.restore-trash";

  private Identity() {}

  public static UUID shareUuid(String stack, String share) {
    return uuid5(NAMESPACE, stack + "/" + share);
  }

  public static UUID snapshotUuid(String stack, String share, String snapshot) {
    return uuid5(NAMESPACE, stack + "/" + share + "/" + snapshot);
  }

  /** The gluster snapshot name, as Manila names snapshots. */
  public static String snapshotName(String stack, String share, String snapshot) {
    return "manila-" + snapshotUuid(stack, share, snapshot);
  }

  /** The snapshot description, so that a human reading gluster knows where it came from. */
  public static String snapshotDescription(String stack, String share, String snapshot) {
    return stack + "/" + share + "/" + snapshot;
  }

  /**
   * The file's name of snapshot {@code s} when gluster-shares made it for this share: its
   * description says {@code stack/share/name} and its gluster name is that name's. The description
   * alone is anyone's to write, so both must agree.
   */
  public static Optional<String> ownSnapshot(String stack, String share, Snapshot s) {
    String prefix = stack + "/" + share + "/";
    if (!s.description().startsWith(prefix)) {
      return Optional.empty();
    }
    String name = s.description().substring(prefix.length());
    return snapshotName(stack, share, name).equals(s.name()) ? Optional.of(name) : Optional.empty();
  }

  /** The volume a share created from a snapshot lives on, as Manila names clones. */
  public static String cloneVolumeName(String stack, String share) {
    return "manila-" + shareUuid(stack, share);
  }

  /** RFC 4122 section 4.3, with SHA-1. */
  public static UUID uuid5(UUID namespace, String name) {
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-1", e);
    }
    sha1.update(toBytes(namespace));
    sha1.update(name.getBytes(StandardCharsets.UTF_8));
    byte[] hash = sha1.digest();
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
    long msb = 0;
    long lsb = 0;
    for (int i = 0; i < 8; i++) {
      msb = (msb << 8) | (hash[i] & 0xff);
    }
    for (int i = 8; i < 16; i++) {
      lsb = (lsb << 8) | (hash[i] & 0xff);
    }
    return new UUID(msb, lsb);
  }

  private static byte[] toBytes(UUID uuid) {
    byte[] out = new byte[16];
    long msb = uuid.getMostSignificantBits();
    long lsb = uuid.getLeastSignificantBits();
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (msb >>> (56 - 8 * i));
      out[8 + i] = (byte) (lsb >>> (56 - 8 * i));
    }
    return out;
  }
}

package io.glustershares.apply;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * The directory that holds this host's lock files: a real directory (not a link) of the user
 * running the apply, mode 0700. Then nobody else can put a link, a FIFO or anything but our own
 * files where a lock file is opened; a shared, world-writable place like {@code /tmp} would let
 * another user turn the lock into a write anywhere the apply's user may write.
 */
public record LockDirectory(Path path, long uid) {

  public static final Path DEFAULT = Path.of("/run/gluster-shares");

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rwx------");

  /**
   * Where the lock files are: {@code $GLUSTER_SHARES_LOCK_DIR} when set, else {@code
   * $XDG_RUNTIME_DIR/gluster-shares} when that is an absolute path (a user's own runtime
   * directory), else {@code /run/gluster-shares}.
   */
  public static Path location(Optional<String> override, Optional<String> runtimeDir) {
    Optional<String> chosen = override.filter(s -> !s.isBlank());
    if (chosen.isPresent()) {
      return Path.of(chosen.get());
    }
    return runtimeDir
        .filter(s -> s.startsWith("/"))
        .map(s -> Path.of(s, "gluster-shares"))
        .orElse(DEFAULT);
  }

  /**
   * Makes the directory, owner-only, if it is missing, then checks that it is this user's own.
   *
   * @param uid the uid of the user running the apply
   * @throws ClusterLocks.UnsafeException it is a link, not a directory, someone else's, or others
   *     may use it
   * @throws UncheckedIOException it cannot be made or read
   */
  public static LockDirectory open(Path dir, long uid) throws ClusterLocks.UnsafeException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      make(dir);
    }
    PosixFileAttributes attributes;
    long owner;
    try {
      attributes = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      owner = ((Number) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the lock directory " + dir, e);
    }
    if (attributes.isSymbolicLink()) {
      throw new ClusterLocks.UnsafeException(
          "lock directory " + dir + " is a symbolic link; give the directory itself");
    }
    if (!attributes.isDirectory()) {
      throw new ClusterLocks.UnsafeException("lock directory " + dir + " is not a directory");
    }
    if (owner != uid) {
      throw new ClusterLocks.UnsafeException(
          "lock directory "
              + dir
              + " is owned by uid "
              + owner
              + ", not by uid "
              + uid
              + " that runs this apply: another user could put links in it; use a directory of"
              + " your own (GLUSTER_SHARES_LOCK_DIR)");
    }
    if (!attributes.permissions().equals(OWNER_ONLY)) {
      throw new ClusterLocks.UnsafeException(
          "lock directory "
              + dir
              + " has mode "
              + mode(attributes.permissions())
              + "; it must be 0700, so that no one else can put a link where a lock file is"
              + " opened: chmod 700 "
              + dir);
    }
    return new LockDirectory(dir, uid);
  }

  private static void make(Path dir) {
    try {
      Path parent = dir.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      // The mode is given at creation (the umask can only take bits away from 0700).
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } catch (FileAlreadyExistsException e) {
      // Made by another apply meanwhile: checked like any other.
    } catch (NoSuchFileException | AccessDeniedException e) {
      throw new UncheckedIOException(
          "cannot make the lock directory "
              + dir
              + " ("
              + e.getClass().getSimpleName().replace("Exception", "")
              + "); set XDG_RUNTIME_DIR, or GLUSTER_SHARES_LOCK_DIR to a directory of your own",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the lock directory " + dir, e);
    }
  }

  static String mode(Set<PosixFilePermission> permissions) {
    int mode = 0;
    for (PosixFilePermission p : permissions) {
      mode |= 1 << (8 - p.ordinal());
    }
    return String.format("%04o", mode);
  }
}

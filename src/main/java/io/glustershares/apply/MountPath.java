package io.glustershares.apply;

import io.glustershares.model.GlusterArgv;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The directories from {@code /} down to a wipe's mount point as lstat(2) found them on the host
 * that runs the commands, and whether a wipe may mount there. The rules, so that nothing but the
 * volume's own fresh mount can be under the wipe's {@code find}:
 *
 * <ul>
 *   <li>no symbolic link anywhere: every component is a real directory;
 *   <li>every directory above the base belongs to root or to the user the commands run as, and is
 *       not writable by others unless sticky (like {@code /tmp}): else another user could swap what
 *       lies below it between the check and the mount;
 *   <li>the base ({@code mountBase}) belongs to that user, mode 0700: nobody else can make or
 *       change anything in it;
 *   <li>the mount point is a directory of that user (the wipe makes it).
 * </ul>
 */
final class MountPath {

  private static final int TYPE = 0170000;
  private static final int DIRECTORY = 0040000;
  private static final int LINK = 0120000;
  private static final int STICKY = 01000;

  /** One lstat answer: type and permission bits, and the owner's uid. */
  record Entry(int mode, long owner) {
    boolean isLink() {
      return (mode & TYPE) == LINK;
    }

    boolean isDirectory() {
      return (mode & TYPE) == DIRECTORY;
    }

    int permissions() {
      return mode & 07777;
    }
  }

  /** stat printed something that is not an answer about the path it was asked about. */
  static final class UnreadableException extends Exception {
    UnreadableException(String message) {
      super(message);
    }
  }

  private final String mountPoint;
  private final String base;
  private final long uid;
  private final Map<String, Entry> found;

  private MountPath(String mountPoint, long uid, Map<String, Entry> found) {
    this.mountPoint = mountPoint;
    this.base = GlusterArgv.Wipe.base(mountPoint);
    this.uid = uid;
    this.found = found;
  }

  /**
   * @param stdout what {@link GlusterArgv.Wipe#inspectPath} printed: {@code HEXMODE UID PATH} for
   *     every path that exists (those that do not are on stderr)
   * @param uid the uid the commands run as
   */
  static MountPath parse(String mountPoint, long uid, String stdout) throws UnreadableException {
    List<String> asked = GlusterArgv.Wipe.pathFromRoot(mountPoint);
    Map<String, Entry> found = new LinkedHashMap<>();
    for (String line : stdout.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split(" ", 3);
      if (f.length != 3 || !asked.contains(f[2])) {
        throw new UnreadableException("stat printed '" + line + "'");
      }
      try {
        found.put(f[2], new Entry(Integer.parseInt(f[0], 16), Long.parseLong(f[1])));
      } catch (NumberFormatException e) {
        throw new UnreadableException("stat printed '" + line + "'");
      }
    }
    if (!found.containsKey("/")) {
      throw new UnreadableException("stat did not describe '/'");
    }
    return new MountPath(mountPoint, uid, found);
  }

  boolean baseExists() {
    return found.containsKey(base);
  }

  boolean mountPointExists() {
    return found.containsKey(mountPoint);
  }

  /**
   * The first thing wrong with the directories above the base, the base, and what has the mount
   * point's name (a link or a file there stops the wipe before anything is unmounted or mounted). A
   * base or mount point that does not exist yet is not wrong: the wipe makes it.
   */
  Optional<String> problemBeforeMounting() {
    for (String dir : GlusterArgv.Wipe.pathFromRoot(base)) {
      Optional<String> problem = dir.equals(base) ? baseProblem() : aboveBaseProblem(dir);
      if (problem.isPresent()) {
        return problem;
      }
    }
    Entry at = found.get(mountPoint);
    if (at != null && at.isLink()) {
      return Optional.of(
          "mount point "
              + mountPoint
              + " is a symbolic link: a wipe deletes only inside a fresh gluster mount on a real"
              + " directory; remove the link (rm "
              + mountPoint
              + ") and apply again");
    }
    if (at != null && !at.isDirectory()) {
      return Optional.of(
          "mount point "
              + mountPoint
              + " exists and is not a directory; remove it (rm "
              + mountPoint
              + ") and apply again");
    }
    return Optional.empty();
  }

  /**
   * Everything {@link #problemBeforeMounting} checks, and that the mount point, no longer a mount,
   * is this user's own directory.
   */
  Optional<String> problemWithMountPoint() {
    Optional<String> problem = problemBeforeMounting();
    if (problem.isPresent()) {
      return problem;
    }
    Entry at = found.get(mountPoint);
    if (at == null) {
      return Optional.of("mount point " + mountPoint + " does not exist after mkdir");
    }
    if (at.owner() != uid) {
      return Optional.of(
          "mount point "
              + mountPoint
              + " is owned by uid "
              + at.owner()
              + ", not by uid "
              + uid
              + " that the wipe's commands run as; remove it (rmdir "
              + mountPoint
              + ") and apply again: the wipe makes its own");
    }
    return Optional.empty();
  }

  private Optional<String> aboveBaseProblem(String dir) {
    Entry e = found.get(dir);
    if (e == null) {
      return baseExists()
          ? Optional.of(dir + " does not exist or cannot be read")
          : Optional.empty(); // made with the base
    }
    if (e.isLink()) {
      return Optional.of(
          dir
              + " is a symbolic link: mountBase must be a path without symbolic links; give the"
              + " real path it stands for");
    }
    if (!e.isDirectory()) {
      return Optional.of(dir + " is not a directory");
    }
    if (e.owner() != 0 && e.owner() != uid) {
      return Optional.of(
          dir
              + " is owned by uid "
              + e.owner()
              + ": every directory above mountBase must belong to root or to uid "
              + uid
              + " (the user the wipe's commands run as), or someone else could swap what is below"
              + " it");
    }
    if ((e.permissions() & 0022) != 0 && (e.permissions() & STICKY) == 0) {
      return Optional.of(
          dir
              + " has mode "
              + octal(e.permissions())
              + ": others can write in it and swap what is below it; chmod go-w "
              + dir);
    }
    return Optional.empty();
  }

  private Optional<String> baseProblem() {
    Entry e = found.get(base);
    if (e == null) {
      return Optional.empty();
    }
    if (e.isLink()) {
      return Optional.of(
          "mountBase "
              + base
              + " is a symbolic link: give the real path it stands for as mountBase");
    }
    if (!e.isDirectory()) {
      return Optional.of("mountBase " + base + " is not a directory");
    }
    if (e.owner() != uid) {
      return Optional.of(
          "mountBase "
              + base
              + " is owned by uid "
              + e.owner()
              + ", not by uid "
              + uid
              + " that the wipe's commands run as; chown "
              + uid
              + " "
              + base
              + " (and chmod 700 "
              + base
              + ")");
    }
    if (e.permissions() != 0700) {
      return Optional.of(
          "mountBase "
              + base
              + " has mode "
              + octal(e.permissions())
              + "; it must be 0700, so that nobody else can make or change anything in it: chmod"
              + " 700 "
              + base);
    }
    return Optional.empty();
  }

  private static String octal(int permissions) {
    return String.format("%04o", permissions);
  }
}

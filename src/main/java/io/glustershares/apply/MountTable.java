package io.glustershares.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What is mounted where on the host that runs a cluster's commands, read from {@code
 * /proc/self/mountinfo} (proc(5)): {@code ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] -
 * FSTYPE SOURCE SUPEROPTIONS}, with space, tab, newline and backslash in paths written as {@code
 * \040}, {@code \011}, {@code \012} and {@code \134}. The kernel lists a mount under its real path,
 * so a mount point named through a symbolic link never matches one here.
 */
record MountTable(List<Mount> mounts) {

  static final String GLUSTER_TYPE = "fuse.glusterfs";

  MountTable {
    mounts = List.copyOf(mounts);
  }

  /** One line of the table. */
  record Mount(long id, long parent, String mountPoint, String type, String source) {

    /**
     * Whether this is the wipe's own mount: a gluster FUSE mount of {@code volume} from {@code
     * host}, as {@code mount -t glusterfs HOST:/VOLUME} makes it.
     */
    boolean isGlusterMountOf(String host, String volume) {
      int colon = source.lastIndexOf(':');
      if (!type.equals(GLUSTER_TYPE) || colon < 0) {
        return false;
      }
      String from = source.substring(0, colon);
      String name = source.substring(colon + 1);
      return from.equalsIgnoreCase(host) && (name.equals("/" + volume) || name.equals(volume));
    }

    @Override
    public String toString() {
      return type + " mount of '" + source + "'";
    }
  }

  /** The table is not what the kernel writes: nothing can be concluded from it. */
  static final class UnreadableException extends Exception {
    UnreadableException(String message) {
      super(message);
    }
  }

  static MountTable parse(String text) throws UnreadableException {
    List<Mount> mounts = new ArrayList<>();
    int number = 0;
    for (String line : text.split("\n", -1)) {
      number++;
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split(" ", -1);
      int dash = -1;
      for (int i = 6; i < f.length; i++) {
        if (f[i].equals("-")) {
          dash = i;
          break;
        }
      }
      if (dash < 0 || dash + 2 >= f.length) {
        throw new UnreadableException("line " + number + " of the mount table is not mountinfo");
      }
      try {
        mounts.add(
            new Mount(
                Long.parseLong(f[0]),
                Long.parseLong(f[1]),
                unescape(f[4]),
                unescape(f[dash + 1]),
                unescape(f[dash + 2])));
      } catch (NumberFormatException e) {
        throw new UnreadableException("line " + number + " of the mount table is not mountinfo");
      }
    }
    if (mounts.isEmpty()) {
      // Every host has a root filesystem: an empty table was not read from the kernel.
      throw new UnreadableException("the mount table is empty");
    }
    return new MountTable(mounts);
  }

  /**
   * What a process sees mounted at exactly {@code path}: of several mounts stacked there, the one
   * on top (the one no other mount there is mounted on).
   */
  Optional<Mount> at(String path) {
    List<Mount> here = mounts.stream().filter(m -> m.mountPoint().equals(path)).toList();
    Optional<Mount> top = Optional.empty();
    for (Mount m : here) {
      boolean covered = here.stream().anyMatch(other -> other.parent() == m.id());
      if (!covered) {
        top = Optional.of(m); // the last such line: mounts are listed in the order they were made
      }
    }
    return top;
  }

  /** The kernel's octal escapes ({@code \ooo}) back to characters. */
  static String unescape(String field) {
    if (field.indexOf('\\') < 0) {
      return field;
    }
    StringBuilder out = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && octal(field, i + 1)) {
        out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean octal(String s, int from) {
    if (from + 3 > s.length()) {
      return false;
    }
    for (int i = from; i < from + 3; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '7') {
        return false;
      }
    }
    return true;
  }
}

package io.glustershares.sim;

import static io.glustershares.sim.SimAnswer.exit;
import static io.glustershares.sim.SimAnswer.silentChange;

import io.glustershares.gluster.ProcessResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The host that runs a simulated cluster's commands, as the host tools of a wipe see it: {@code
 * id}, {@code stat}, {@code mkdir}, {@code cat /proc/self/mountinfo}, {@code mount} (and the {@code
 * glusterfs} client it starts), {@code find}, {@code umount}, {@code rmdir}. Symbolic links are
 * followed exactly where the real tools follow them ({@code mount}, {@code umount}, {@code mkdir
 * -p} and path prefixes; not the last component of {@code stat}, {@code find}'s starting point or
 * {@code rmdir}), so that a test sees what an attacker's link would make each command do.
 */
final class SimHost {

  /** Directories every host has, owned by root. */
  static final Set<String> SYSTEM_DIRS =
      Set.of("/", "/var", "/var/lib", "/run", "/srv", "/mnt", "/opt", "/home", "/tmp");

  static final String MOUNT_TABLE = "/proc/self/mountinfo";

  private static final int S_IFDIR = 0040000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFLNK = 0120000;

  /** What lstat(2) would say: type and permission bits, and the owner. */
  record Attr(int mode, int uid) {
    boolean isDirectory() {
      return (mode & 0170000) == S_IFDIR;
    }
  }

  private final SimState state;

  SimHost(SimState state) {
    this.state = state;
  }

  SimAnswer id(List<String> argv) {
    if (!argv.equals(List.of("id", "-u"))) {
      return exit(1, "", "id: only 'id -u' is simulated\n");
    }
    return exit(0, state.hostUid + "\n", "");
  }

  /** {@code stat -c FORMAT [--] PATH...} without {@code -L}: lstat of each path. */
  SimAnswer stat(List<String> argv) {
    int i = 1;
    if (i + 1 >= argv.size() || !argv.get(i).equals("-c")) {
      return exit(1, "", "stat: only 'stat -c FORMAT PATH...' is simulated\n");
    }
    String format = argv.get(i + 1);
    i += 2;
    if (i < argv.size() && argv.get(i).equals("--")) {
      i++;
    }
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    for (String path : argv.subList(i, argv.size())) {
      Optional<Attr> attr = lstat(path);
      if (attr.isEmpty()) {
        err.append("stat: cannot statx '").append(path).append("': No such file or directory\n");
        continue;
      }
      out.append(
              format
                  .replace("%i", inode(path))
                  .replace("%f", Integer.toHexString(attr.get().mode()))
                  .replace("%u", String.valueOf(attr.get().uid()))
                  .replace("%a", Integer.toOctalString(attr.get().mode() & 07777))
                  .replace("%n", path))
          .append('\n');
    }
    return exit(err.length() == 0 ? 0 : 1, out.toString(), err.toString());
  }

  /** {@code mkdir [-p] [-m MODE] DIR}. */
  SimAnswer mkdir(List<String> argv) {
    boolean parents = false;
    int mode = 0755;
    int i = 1;
    for (; i < argv.size() - 1; i++) {
      String a = argv.get(i);
      if (a.equals("-p")) {
        parents = true;
      } else if (a.equals("-m") && i + 1 < argv.size() - 1) {
        mode = Integer.parseInt(argv.get(++i), 8);
      } else {
        return exit(1, "", "mkdir: unsimulated option " + a + "\n");
      }
    }
    String dir = argv.get(argv.size() - 1);
    if (!parents) {
      if (lstat(dir).isPresent()) {
        return exit(1, "", "mkdir: cannot create directory '" + dir + "': File exists\n");
      }
      String parent = resolve(parent(dir));
      if (!lstat(parent).map(Attr::isDirectory).orElse(false)) {
        return exit(
            1, "", "mkdir: cannot create directory '" + dir + "': No such file or directory\n");
      }
      make(parent.equals("/") ? "/" + name(dir) : parent + "/" + name(dir), mode);
      return silentChange();
    }
    boolean made = false;
    String at = "";
    List<String> names = components(dir);
    for (int n = 0; n < names.size(); n++) {
      String next = resolve(at + "/" + names.get(n));
      Optional<Attr> attr = lstat(next);
      if (attr.isEmpty()) {
        // Parents made on the way get the umask's mode; -m applies to the last one only.
        make(next, n == names.size() - 1 ? mode : 0755);
        made = true;
      } else if (!attr.get().isDirectory()) {
        return exit(1, "", "mkdir: cannot create directory '" + dir + "': Not a directory\n");
      }
      at = next;
    }
    return made ? silentChange() : exit(0, "", "");
  }

  /** {@code mountpoint -q DIR}: follows links, as stat(2) does. */
  SimAnswer mountpoint(List<String> argv) {
    String dir = resolve(argv.get(argv.size() - 1));
    return state.mounts.containsKey(dir) || state.otherMounts.containsKey(dir)
        ? exit(0, "", "")
        : exit(32, "", "");
  }

  /** {@code mount -t glusterfs HOST:/VOLUME DIR}; mount(8) follows a link at DIR. */
  SimAnswer mount(List<String> argv) {
    if (argv.size() != 5 || !argv.get(1).equals("-t") || !argv.get(2).equals("glusterfs")) {
      return exit(1, "", "mount: bad usage\n");
    }
    String source = argv.get(3);
    return mount(source.substring(source.indexOf(":/") + 2), argv.get(4));
  }

  /**
   * {@code glusterfs --process-name fuse --volfile-server=HOST --volfile-id=/VOLUME
   * [--xlator-option=OPTION]... DIR}: the FUSE client started as mount(8)'s helper starts it, as a
   * wipe's mount reading from one replica brick is. The simulated replicas of a volume hold the
   * same files, so such a mount sees what {@code mount} would.
   */
  SimAnswer glusterfs(List<String> argv) {
    String volume = null;
    List<String> options = argv.subList(1, Math.max(1, argv.size() - 1));
    for (int i = 0; i < options.size(); i++) {
      String a = options.get(i);
      if (a.startsWith("--volfile-id=/")) {
        volume = a.substring("--volfile-id=/".length());
      } else if (a.equals("--process-name") && i + 1 < options.size()) {
        i++;
      } else if (!a.startsWith("--volfile-server=") && !a.startsWith("--xlator-option=")) {
        return exit(1, "", "glusterfs: unsimulated option " + a + "\n");
      }
    }
    if (volume == null || argv.size() < 3) {
      return exit(1, "", "glusterfs: no --volfile-id=/VOLUME and mount point\n");
    }
    return mount(volume, argv.get(argv.size() - 1));
  }

  private SimAnswer mount(String volume, String given) {
    String dir = resolve(given);
    SimState.SimVolume v = state.volume(volume);
    if (!lstat(dir).map(Attr::isDirectory).orElse(false)) {
      return exit(32, "", "mount: " + given + ": mount point does not exist.\n");
    }
    if (state.mounts.containsKey(dir) || state.otherMounts.containsKey(dir)) {
      return exit(32, "", "mount: " + given + ": already mounted.\n");
    }
    if (v == null || v.status != SimState.Status.STARTED) {
      return exit(1, "", "Mount failed. Check the log file  for more details.\n");
    }
    state.mounts.put(dir, volume);
    return silentChange();
  }

  /** {@code umount DIR}: umount(8) follows a link at DIR, whatever is mounted at its target. */
  SimAnswer umount(List<String> argv) {
    String given = argv.get(argv.size() - 1);
    String dir = resolve(given);
    if (state.mounts.remove(dir) == null && state.otherMounts.remove(dir) == null) {
      return exit(32, "", "umount: " + given + ": not mounted.\n");
    }
    return silentChange();
  }

  /** {@code rmdir DIR}: never follows a link at DIR. */
  SimAnswer rmdir(List<String> argv) {
    String given = argv.get(argv.size() - 1);
    String dir = resolveParent(given);
    Optional<Attr> attr = lstat(given);
    if (attr.isEmpty()) {
      return exit(1, "", "rmdir: failed to remove '" + given + "': No such file or directory\n");
    }
    if (!attr.get().isDirectory()) {
      return exit(1, "", "rmdir: failed to remove '" + given + "': Not a directory\n");
    }
    if (state.mounts.containsKey(dir) || state.otherMounts.containsKey(dir)) {
      return exit(1, "", "rmdir: failed to remove '" + given + "': Device or resource busy\n");
    }
    String below = dir + "/";
    if (state.directories.stream().anyMatch(d -> d.startsWith(below))
        || state.hostPaths.keySet().stream().anyMatch(d -> d.startsWith(below))) {
      return exit(1, "", "rmdir: failed to remove '" + given + "': Directory not empty\n");
    }
    state.directories.remove(dir);
    state.hostPaths.remove(dir);
    return silentChange();
  }

  /**
   * {@code cat FILE...}: the mount table, or files that doctor and refresh read (TLS certificates);
   * what exists is printed, the rest is an error, as cat does.
   */
  SimAnswer cat(List<String> argv) {
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    for (String path : argv.subList(1, argv.size())) {
      String text = path.equals(MOUNT_TABLE) ? mountTable() : state.hostFiles.get(path);
      if (text == null) {
        err.append("cat: ").append(path).append(": No such file or directory\n");
      } else {
        out.append(text);
      }
    }
    return exit(err.length() == 0 ? 0 : 1, out.toString(), err.toString());
  }

  /** {@code head -c BYTES FILE}: the first bytes of one file (text files only, as here). */
  SimAnswer head(List<String> argv) {
    if (argv.size() != 4 || !argv.get(1).equals("-c") || !argv.get(2).matches("[0-9]{1,9}")) {
      return exit(1, "", "head: only 'head -c BYTES FILE' is simulated\n");
    }
    String path = argv.get(3);
    String text = path.equals(MOUNT_TABLE) ? mountTable() : state.hostFiles.get(path);
    if (text == null) {
      return exit(
          1, "", "head: cannot open '" + path + "' for reading: No such file or directory\n");
    }
    int bytes = Integer.parseInt(argv.get(2));
    return exit(0, text.length() <= bytes ? text : text.substring(0, bytes), "");
  }

  /**
   * {@code /proc/self/mountinfo} as proc(5) lays it out, with the kernel's octal escapes in paths
   * (a space is {@code \040}).
   */
  private String mountTable() {
    StringBuilder out =
        new StringBuilder("21 1 8:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw\n");
    int id = 100;
    for (Map.Entry<String, String> m : state.otherMounts.entrySet()) {
      String[] typeAndSource = m.getValue().split(" ", 2);
      out.append(id)
          .append(" 21 0:")
          .append(id)
          .append(" / ")
          .append(escape(m.getKey()))
          .append(" rw,relatime shared:")
          .append(id)
          .append(" - ")
          .append(typeAndSource[0])
          .append(' ')
          .append(typeAndSource.length > 1 ? typeAndSource[1] : "none")
          .append(" rw\n");
      id++;
    }
    for (Map.Entry<String, String> m : state.mounts.entrySet()) {
      out.append(id)
          .append(" 21 0:")
          .append(id)
          .append(" / ")
          .append(escape(m.getKey()))
          .append(" rw,relatime - fuse.glusterfs ")
          .append(state.host)
          .append(":/")
          .append(m.getValue())
          .append(" rw,user_id=0,group_id=0,default_permissions,allow_other,max_read=131072\n");
      id++;
    }
    return out.toString();
  }

  private static String escape(String path) {
    return path.replace("\\", "\\134")
        .replace(" ", "\\040")
        .replace("\t", "\\011")
        .replace("\n", "\\012");
  }

  /**
   * {@code find START EXPRESSION}: what the volume mounted at START holds (a plain directory is
   * empty; a link as the starting point is not followed), run through {@link SimFind}.
   */
  SimAnswer find(List<String> argv) {
    String start = argv.get(1);
    Optional<Attr> attr = lstat(start);
    if (attr.isEmpty()) {
      return exit(1, "", "find: '" + start + "': No such file or directory\n");
    }
    String dir = resolveParent(start);
    String volume = attr.get().isDirectory() ? state.mounts.get(dir) : null;
    SimState.SimVolume v = volume == null ? null : state.volume(volume);
    SimFind.Result result;
    try {
      result = SimFind.run(start, v == null ? new TreeSet<>() : v.files, argv);
    } catch (IllegalArgumentException e) {
      return exit(1, "", "find: " + e.getMessage() + "\n");
    }
    return new SimAnswer(
        new ProcessResult(result.exitCode(), result.stdout(), result.stderr(), Duration.ZERO),
        result.changed());
  }

  // ---- the filesystem ------------------------------------------------------------------------

  /** lstat(2): the last component is not followed, every one before it is. */
  Optional<Attr> lstat(String path) {
    String p = resolveParent(path);
    SimState.SimPath declared = state.hostPaths.get(p);
    if (declared != null && declared.symlink != null) {
      return Optional.of(new Attr(S_IFLNK | 0777, declared.owner));
    }
    if (declared != null && declared.file) {
      return Optional.of(new Attr(S_IFREG | Integer.parseInt(declared.mode, 8), declared.owner));
    }
    if (state.mounts.containsKey(p) || state.otherMounts.containsKey(p)) {
      // The root of the filesystem mounted there, not the directory under it.
      return Optional.of(new Attr(S_IFDIR | 0755, 0));
    }
    if (declared != null) {
      return Optional.of(new Attr(S_IFDIR | Integer.parseInt(declared.mode, 8), declared.owner));
    }
    if (state.directories.contains(p)) {
      return Optional.of(new Attr(S_IFDIR | 0700, state.hostUid));
    }
    if (SYSTEM_DIRS.contains(p)) {
      return Optional.of(new Attr(S_IFDIR | (p.equals("/tmp") ? 01777 : 0755), 0));
    }
    return Optional.empty();
  }

  /**
   * An inode number as {@code stat %i} prints it: 1 at the root of a gluster mount (what a wipe
   * waits for), some other number elsewhere.
   */
  private String inode(String path) {
    String p = resolveParent(path);
    if (state.mounts.containsKey(p)) {
      return "1";
    }
    return String.valueOf(2 + Math.floorMod(p.hashCode(), 1_000_000));
  }

  private void make(String dir, int mode) {
    state.directories.add(dir);
    if (mode != 0700) {
      SimState.SimPath path = new SimState.SimPath();
      path.owner = state.hostUid;
      path.mode = String.format("%04o", mode);
      state.hostPaths.put(dir, path);
    }
  }

  /** Every link on the way followed, the last component's too. */
  String resolve(String path) {
    return resolve(path, 0, true);
  }

  /** Links followed in every component but the last. */
  String resolveParent(String path) {
    return resolve(path, 0, false);
  }

  private String resolve(String path, int depth, boolean last) {
    if (depth > 40) {
      return path; // ELOOP: the real tools give up too
    }
    List<String> names = components(path);
    String at = "";
    for (int n = 0; n < names.size(); n++) {
      String next = at + "/" + names.get(n);
      SimState.SimPath declared = state.hostPaths.get(next);
      if (declared != null && declared.symlink != null && (last || n < names.size() - 1)) {
        String target = declared.symlink;
        next = resolve(target.startsWith("/") ? target : at + "/" + target, depth + 1, true);
      }
      at = next.equals("/") ? "" : next;
    }
    return at.isEmpty() ? "/" : at;
  }

  private static List<String> components(String path) {
    List<String> names = new ArrayList<>();
    for (String name : path.split("/")) {
      if (!name.isEmpty() && !name.equals(".")) {
        names.add(name);
      }
    }
    return names;
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  private static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}

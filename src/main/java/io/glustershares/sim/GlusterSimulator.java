package io.glustershares.sim;

import static io.glustershares.sim.SimAnswer.exit;
import static io.glustershares.sim.SimAnswer.usage;
import static io.glustershares.sim.SimAnswer.xmlAnswer;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Answers one argv the way gluster 10.3 (and the few host tools of a wipe) would, against a {@link
 * SimState}: this class reads the argv and hands it to the command group that answers it — {@link
 * SimVolumes}, {@link SimSnapshots}, {@link SimHealth} (pool list, volume status) and {@link
 * SimHost} (a wipe's host commands) — and answers the few host commands of doctor itself. Replies
 * are modelled on the captured outputs of the CLI reference; where none could be captured
 * (successful snapshots), on gluster's own cli-xml-output.c and glusterd-snapshot.c.
 */
final class GlusterSimulator {

  private final SimState state;
  private final SimHost host;
  private final SimVolumes volumes;
  private final SimSnapshots snapshots;

  GlusterSimulator(SimState state, Supplier<ZonedDateTime> clock) {
    this.state = state;
    this.host = new SimHost(state);
    this.volumes = new SimVolumes(state);
    this.snapshots = new SimSnapshots(state, clock);
  }

  SimAnswer answer(List<String> argv) {
    if (argv.isEmpty()) {
      return exit(127, "", "sh: 1: : not found\n");
    }
    return switch (argv.get(0)) {
      case "gluster" -> gluster(argv.subList(1, argv.size()));
      case "id" -> host.id(argv);
      case "mkdir" -> host.mkdir(argv);
      case "mountpoint" -> host.mountpoint(argv);
      case "mount" -> host.mount(argv);
      case "glusterfs" -> host.glusterfs(argv);
      case "find" -> find(argv);
      case "umount" -> host.umount(argv);
      case "rmdir" -> host.rmdir(argv);
      case "hostname" -> exit(0, state.host + "\n", "");
      case "cat" -> host.cat(argv);
      case "head" -> host.head(argv);
      case "stat" -> argv.contains("-L") ? keyMode(argv) : host.stat(argv);
      case "grep" -> exit(1, "0\n", "");
      case "df" -> df(argv);
      case "lvs" -> lvs();
      default -> exit(127, "", "sh: 1: " + argv.get(0) + ": not found\n");
    };
  }

  // ---- gluster -------------------------------------------------------------------------------

  private SimAnswer gluster(List<String> args) {
    boolean xml = false;
    boolean script = false;
    List<String> words = new ArrayList<>();
    for (String a : args) {
      if (a.equals("--xml")) {
        xml = true;
      } else if (a.equals("--mode=script")) {
        script = true;
      } else if (a.equals("--version")) {
        return exit(0, versionText(), "");
      } else {
        words.add(a);
      }
    }
    if (words.size() < 2) {
      return usage("unrecognized command");
    }
    String group = words.get(0);
    String op = words.get(1);
    if (xml && group.equals("pool") && op.equals("list")) {
      return xmlAnswer(SimHealth.poolList(state), false);
    }
    // Without --mode=script these ask first, in any output form, and do nothing (§1.3): past here,
    // every command runs as with --mode=script.
    if (!script && group.equals("volume") && (op.equals("stop") || op.equals("delete"))) {
      return prompt(
          op.equals("stop")
              ? "Stopping volume will make its data inaccessible. Do you want to continue? (y/n) "
              : "Deleting volume will erase all information about the volume. Do you want to"
                  + " continue? (y/n) ");
    }
    if (!script && group.equals("snapshot") && (op.equals("delete") || op.equals("deactivate"))) {
      return prompt(
          op.equals("delete")
              ? "Deleting snap will erase all the information about the snap. Do you want to"
                  + " continue? (y/n) "
              : "Deactivating snap will make its data inaccessible. Do you want to continue? (y/n) ");
    }
    if (!xml) {
      return exit(1, "", "the simulator answers the --xml form of gluster commands only\n");
    }
    List<String> rest = words.subList(2, words.size());
    if (group.equals("volume")) {
      return volumes.answer(op, rest);
    }
    if (group.equals("snapshot")) {
      return snapshots.answer(op, rest);
    }
    return usage("unrecognized word: " + group);
  }

  private String versionText() {
    return "glusterfs "
        + state.version
        + "\nRepository revision: git://git.gluster.org/glusterfs.git\n"
        + "Copyright (c) 2006-2016 Red Hat, Inc. <https://www.gluster.org/>\n"
        + "GlusterFS comes with ABSOLUTELY NO WARRANTY.\n"
        + "It is licensed to you under your choice of the GNU Lesser\n"
        + "General Public License, version 3 or any later version (LGPLv3\n"
        + "or later), or the GNU General Public License, version 2 (GPLv2),\n"
        + "in all cases as published by the Free Software Foundation.\n";
  }

  /** Without --mode=script and a terminal, gluster asks, reads nothing and does nothing (§1.3). */
  private SimAnswer prompt(String question) {
    return exit(0, question + "gluster cli read error\nInvalid input, please enter y/n\n", "");
  }

  // ---- host commands of doctor; those of a wipe are SimHost's ---------------------------------

  /** {@code stat -L -c %a FILE}: the mode of a key file, never its content. */
  private SimAnswer keyMode(List<String> argv) {
    String path = argv.get(argv.size() - 1);
    String mode = state.keyModes.get(path);
    return mode == null
        ? exit(1, "", "stat: cannot statx '" + path + "': No such file or directory\n")
        : exit(0, mode + "\n", "");
  }

  /** {@code df --output=source PATH...}: thin LVM when the pool says the bricks are. */
  private SimAnswer df(List<String> argv) {
    StringBuilder out = new StringBuilder("Filesystem\n");
    for (String path : argv.subList(2, argv.size())) {
      out.append(state.thinBricks ? "/dev/mapper/sim-bricks" : "/dev/vda1").append('\n');
    }
    return exit(0, out.toString(), "");
  }

  private SimAnswer lvs() {
    if (!state.lvm) {
      return exit(127, "", "sh: 1: lvs: not found\n");
    }
    return exit(0, state.thinBricks ? "  /dev/mapper/sim-bricks thin\n" : "", "");
  }

  private SimAnswer find(List<String> argv) {
    if (argv.size() > 1 && argv.get(1).startsWith("/usr/lib")) {
      if (argv.stream().anyMatch(a -> a.endsWith("/xlator/nfs/server.so"))) {
        return exit(
            0,
            state.nfsServer
                ? "/usr/lib/x86_64-linux-gnu/glusterfs/" + state.version + "/xlator/nfs/server.so\n"
                : "",
            "");
      }
      // Looking for gluster's socket.so: the simulated build reads /etc/ssl.
      return exit(0, "", "");
    }
    return host.find(argv);
  }
}

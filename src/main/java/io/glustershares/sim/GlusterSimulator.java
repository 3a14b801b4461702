package io.glustershares.sim;

import io.glustershares.gluster.ProcessResult;
import io.glustershares.model.GlusterVersion;
import io.glustershares.model.XmlText;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Answers one argv the way gluster 10.3 (and the few host tools of a wipe) would, against a {@link
 * SimState}. Replies are modelled on the captured outputs of the CLI reference; where none could be
 * captured (successful snapshots), on gluster's own cli-xml-output.c and glusterd-snapshot.c.
 */
final class GlusterSimulator {

  /** The reply, and whether the state changed (and must be saved). */
  record Answer(ProcessResult result, boolean changed) {}

  private static final DateTimeFormatter SNAP_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** Options this simulator knows; {@code user.*} are always accepted, like gluster does. */
  private static final Set<String> KNOWN_OPTIONS =
      Set.of(
          "auth.ssl-allow",
          "auth.allow",
          "client.ssl",
          "server.ssl",
          "server.dynamic-auth",
          "nfs.export-volumes",
          "nfs.disable",
          "features.trash",
          "features.read-only",
          "ssl.own-cert",
          "ssl.private-key",
          "ssl.ca-list",
          "performance.cache-size",
          "storage.fips-mode-rchecksum",
          "transport.address-family",
          "cluster.granular-entry-heal",
          "performance.client-io-threads");

  /**
   * Options glusterd keeps cluster-wide (type GLOBAL_DOC in glusterd-volume-set.c): setting one on
   * any volume writes it into every volume.
   */
  static final Set<String> GLOBAL_OPTIONS =
      Set.of(
          "nfs.export-volumes",
          "nfs.export-dirs",
          "nfs.enable-ino32",
          "nfs.mem-factor",
          "nfs.addr-namelookup",
          "nfs.dynamic-volumes",
          "nfs.register-with-portmap",
          "nfs.port",
          "nfs.nlm",
          "nfs.acl",
          "nfs.mount-udp",
          "nfs.mount-rmtab",
          "nfs.drc",
          "nfs.rdirplus");

  /** Boolean options gluster validates (it does not validate client.ssl/server.ssl, §3.1). */
  private static final Set<String> BOOLEAN_OPTIONS =
      Set.of(
          "server.dynamic-auth",
          "nfs.export-volumes",
          "nfs.disable",
          "features.trash",
          "features.read-only",
          "storage.fips-mode-rchecksum");

  private final SimState state;
  private final SimHost host;
  private final Supplier<ZonedDateTime> clock;

  GlusterSimulator(SimState state, Supplier<ZonedDateTime> clock) {
    this.state = state;
    this.host = new SimHost(state);
    this.clock = clock;
  }

  Answer answer(List<String> argv) {
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

  private Answer gluster(List<String> args) {
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
      return switch (op) {
        case "info" -> volumeInfo(rest);
        case "status" -> xmlAnswer(SimHealth.volumeStatus(state, rest), false);
        case "list" -> volumeList();
        case "get" -> volumeGet(rest);
        case "set" -> volumeSet(rest);
        case "reset" -> volumeReset(rest);
        case "start" -> volumeStart(rest);
        case "stop" -> volumeStop(rest);
        case "delete" -> volumeDelete(rest);
        default -> usage("unrecognized word: " + op);
      };
    }
    if (group.equals("snapshot")) {
      if (!state.lvm) {
        return xmlAnswer(
            SimXml.error(30800, "LVM commands not found, snapshot functionality is disabled"),
            false);
      }
      return switch (op) {
        case "list" -> snapshotList(rest);
        case "info" -> snapshotInfo(rest);
        case "create" -> snapshotCreate(rest);
        case "delete" -> snapshotDelete(rest);
        case "activate" -> snapshotActivate(rest, true);
        case "deactivate" -> snapshotActivate(rest, false);
        case "clone" -> snapshotClone(rest);
        default -> usage("unrecognized word: " + op);
      };
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
  private Answer prompt(String question) {
    return exit(0, question + "gluster cli read error\nInvalid input, please enter y/n\n", "");
  }

  private Answer volumeInfo(List<String> rest) {
    List<SimState.SimVolume> shown;
    if (rest.isEmpty() || rest.get(0).equals("all")) {
      shown = state.volumes;
    } else {
      SimState.SimVolume v = state.volume(rest.get(0));
      if (v == null) {
        SimXml x = SimXml.error(30806, "Volume does not exist");
        x.open("volInfo").open("volumes").element("count", "0").close("volumes").close("volInfo");
        return xmlAnswer(x, false);
      }
      shown = List.of(v);
    }
    SimXml x = SimXml.ok().open("volInfo").open("volumes");
    for (SimState.SimVolume v : shown) {
      x.open("volume")
          .element("name", v.name)
          .element("id", v.id)
          .element("status", String.valueOf(v.status.code()))
          .element("statusStr", v.status.label())
          .element("snapshotCount", String.valueOf(state.snapshotCount(v.name)))
          .element("brickCount", String.valueOf(v.bricks.size()))
          .element("distCount", String.valueOf(v.bricks.size() / v.replica))
          .element("replicaCount", String.valueOf(v.replica))
          .element("arbiterCount", "0")
          .element("disperseCount", "0")
          .element("redundancyCount", "0")
          .element("type", v.replica > 1 ? "2" : "0")
          .element("typeStr", v.replica > 1 ? "Replicate" : "Distribute")
          .element("transport", "0")
          .open("bricks");
      for (String brick : v.bricks) {
        String b = XmlText.escape(brick);
        String uuid = state.peerUuid(brick);
        x.raw(
            "<brick uuid=\""
                + uuid
                + "\">"
                + b
                + "<name>"
                + b
                + "</name><hostUuid>"
                + uuid
                + "</hostUuid><isArbiter>0</isArbiter></brick>");
      }
      x.close("bricks").element("optCount", String.valueOf(v.options.size())).open("options");
      v.options.forEach(
          (k, val) -> x.open("option").element("name", k).element("value", val).close("option"));
      x.close("options").close("volume");
    }
    x.element("count", String.valueOf(shown.size())).close("volumes").close("volInfo");
    return xmlAnswer(x, false);
  }

  private Answer volumeList() {
    SimXml x = SimXml.ok().open("volList").element("count", String.valueOf(state.volumes.size()));
    state.volumes.stream().map(v -> v.name).sorted().forEach(n -> x.element("volume", n));
    x.close("volList");
    return xmlAnswer(x, false);
  }

  private Answer volumeGet(List<String> rest) {
    if (rest.size() != 2) {
      return usage("Usage:\nvolume get <VOLNAME|all> <key|all>");
    }
    SimState.SimVolume v = state.volume(rest.get(0));
    if (v == null) {
      String msg = "Volume " + rest.get(0) + " does not exist";
      SimXml x =
          SimXml.errorRet(-1, 0, msg)
              .element("cliOp", "volGetopts")
              .element("output", "volume get option: failed: " + msg);
      return new Answer(new ProcessResult(1, x.end(), "", Duration.ZERO), false);
    }
    String key = rest.get(1);
    String value = v.options.get(key);
    if (value == null && key.startsWith("user.")) {
      SimXml x =
          SimXml.errorRet(-2, 0, "")
              .element("cliOp", "volGetopts")
              .element("output", "volume get option: failed");
      return new Answer(new ProcessResult(2, x.end(), "", Duration.ZERO), false);
    }
    if (value == null && !known(key)) {
      SimXml x =
          SimXml.errorRet(-1, 0, "option " + key + " does not exist")
              .element("cliOp", "volGetopts")
              .element("output", "volume get option: failed: option " + key + " does not exist");
      return new Answer(new ProcessResult(1, x.end(), "", Duration.ZERO), false);
    }
    String shown = value != null ? value : defaultValue(key);
    SimXml x =
        SimXml.ok()
            .open("volGetopts")
            .element("count", "1")
            .open("Opt")
            .element("Option", key)
            .element("Value", shown)
            .close("Opt")
            .close("volGetopts");
    return xmlAnswer(x, false);
  }

  private static String defaultValue(String key) {
    return switch (key) {
      case "server.dynamic-auth" -> "on";
      case "auth.ssl-allow" -> "*";
      default -> "off";
    };
  }

  /** Options of this version: 3.6 has no server.dynamic-auth (a pool file's {@code version}). */
  private boolean known(String key) {
    return KNOWN_OPTIONS.contains(key)
        && !(key.equals("server.dynamic-auth")
            && GlusterVersion.parse("glusterfs " + state.version)
                .map(v -> !v.atLeast(GlusterVersion.DYNAMIC_AUTH))
                .orElse(false));
  }

  private Answer volumeSet(List<String> rest) {
    // gluster's own usage error: no XML, exit 1 (CLI reference §3.1).
    if (rest.size() < 3 || (rest.size() - 1) % 2 != 0 || rest.stream().anyMatch(String::isEmpty)) {
      return exit(1, "", "\nUsage:\nvolume set <VOLNAME> group <GROUP>\n\n");
    }
    String name = rest.get(0);
    SimState.SimVolume v = state.volume(name);
    if (v == null) {
      return setFailed("Volume " + name + " does not exist");
    }
    LinkedHashMap<String, String> pairs = new LinkedHashMap<>();
    for (int i = 1; i < rest.size(); i += 2) {
      String key = rest.get(i);
      String value = rest.get(i + 1);
      if (!key.startsWith("user.") && !known(key) && !GLOBAL_OPTIONS.contains(key)) {
        return setFailed("option : " + key + " does not exist");
      }
      if (BOOLEAN_OPTIONS.contains(key) && !isBoolean(value)) {
        String shortKey = key.substring(key.indexOf('.') + 1);
        return setFailed(
            "option " + shortKey + " " + value + ": '" + value + "' is not a valid boolean value");
      }
      pairs.put(key, value);
    }
    // All or nothing: every pair was checked before any is applied.
    LinkedHashMap<String, String> global = new LinkedHashMap<>();
    pairs.forEach(
        (k, val) -> {
          if (GLOBAL_OPTIONS.contains(k)) {
            global.put(k, val);
          }
        });
    apply(v, pairs);
    for (SimState.SimVolume other : state.volumes) {
      if (other != v && !global.isEmpty()) {
        apply(other, global);
      }
    }
    SimXml x = SimXml.ok().element("cliOp", "volSet").element("output", "Set volume successful");
    return xmlAnswer(x, true);
  }

  private static void apply(SimState.SimVolume v, Map<String, String> pairs) {
    LinkedHashMap<String, String> updated = new LinkedHashMap<>();
    List<String> newest = new ArrayList<>(pairs.keySet());
    Collections.reverse(newest);
    for (String key : newest) {
      if (!v.options.containsKey(key)) {
        updated.put(key, pairs.get(key));
      }
    }
    v.options.forEach((k, val) -> updated.put(k, pairs.getOrDefault(k, val)));
    v.options = updated;
    SimPool.reorder(v);
  }

  private Answer setFailed(String message) {
    SimXml x =
        SimXml.error(30800, message)
            .element("cliOp", "volSet")
            .element("output", "Set volume unsuccessful");
    return xmlAnswer(x, false);
  }

  private static boolean isBoolean(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "on", "off", "yes", "no", "true", "false", "enable", "disable", "1", "0" -> true;
      default -> false;
    };
  }

  private Answer volumeReset(List<String> rest) {
    if (rest.isEmpty()) {
      return usage("Usage:\nvolume reset <VOLNAME> [option] [force]");
    }
    SimState.SimVolume v = state.volume(rest.get(0));
    if (v == null) {
      String msg = "Volume " + rest.get(0) + " does not exist";
      return xmlAnswer(
          SimXml.error(30800, msg).element("cliOp", "volReset").element("output", msg), false);
    }
    List<String> options =
        rest.subList(1, rest.size()).stream().filter(o -> !o.equals("force")).toList();
    if (options.isEmpty() || options.get(0).equals("all")) {
      LinkedHashMap<String, String> kept = new LinkedHashMap<>();
      SimPool.defaults(v).forEach(kept::put);
      v.options = kept;
    } else {
      String key = options.get(0);
      if (key.startsWith("user.") || !known(key)) {
        // gluster cannot reset a single user.* option (CLI reference §3.2).
        String msg = "Option " + key + " does not exist";
        return xmlAnswer(
            SimXml.error(30800, msg).element("cliOp", "volReset").element("output", msg), false);
      }
      v.options.remove(key);
    }
    return xmlAnswer(
        SimXml.ok().element("cliOp", "volReset").element("output", "reset volume successful"),
        true);
  }

  private Answer volumeStart(List<String> rest) {
    if (rest.isEmpty()) {
      return usage("Usage:\nvolume start <VOLNAME> [force]");
    }
    SimState.SimVolume v = state.volume(rest.get(0));
    if (v == null) {
      return xmlAnswer(SimXml.error(30800, "Volume " + rest.get(0) + " does not exist"), false);
    }
    boolean force = rest.contains("force");
    if (v.status == SimState.Status.STARTED && !force) {
      return xmlAnswer(SimXml.error(30800, "Volume " + v.name + " already started"), false);
    }
    v.status = SimState.Status.STARTED;
    return xmlAnswer(volumeReply("volStart", v), true);
  }

  private Answer volumeStop(List<String> rest) {
    if (rest.isEmpty()) {
      return usage("Usage:\nvolume stop <VOLNAME> [force]");
    }
    SimState.SimVolume v = state.volume(rest.get(0));
    if (v == null) {
      return xmlAnswer(SimXml.error(30800, "Volume " + rest.get(0) + " does not exist"), false);
    }
    if (v.status != SimState.Status.STARTED) {
      return xmlAnswer(
          SimXml.error(30800, "Volume " + v.name + " is not in the started state"), false);
    }
    v.status = SimState.Status.STOPPED;
    return xmlAnswer(volumeReply("volStop", v), true);
  }

  private Answer volumeDelete(List<String> rest) {
    if (rest.isEmpty()) {
      return usage("Usage:\nvolume delete <VOLNAME>");
    }
    SimState.SimVolume v = state.volume(rest.get(0));
    if (v == null) {
      return xmlAnswer(SimXml.error(30800, "Volume " + rest.get(0) + " does not exist"), false);
    }
    if (v.status == SimState.Status.STARTED) {
      return xmlAnswer(
          SimXml.error(
              30800,
              "Volume " + v.name + " has been started.Volume needs to be stopped before deletion."),
          false);
    }
    int snapshots = state.snapshotCount(v.name);
    if (snapshots > 0) {
      return xmlAnswer(
          SimXml.error(
              30800,
              "Cannot delete Volume "
                  + v.name
                  + " ,as it has "
                  + snapshots
                  + " snapshots. To delete the volume, first delete all the snapshots under it."),
          false);
    }
    state.volumes.remove(v);
    return xmlAnswer(volumeReply("volDelete", v), true);
  }

  private static SimXml volumeReply(String section, SimState.SimVolume v) {
    return SimXml.ok()
        .open(section)
        .open("volume")
        .element("name", v.name)
        .element("id", v.id)
        .close("volume")
        .close(section);
  }

  // ---- snapshots -----------------------------------------------------------------------------

  private Answer snapshotList(List<String> rest) {
    List<SimState.SimSnapshot> shown = state.snapshots;
    if (!rest.isEmpty()) {
      String volume = rest.get(0);
      if (state.volume(volume) == null) {
        return xmlAnswer(SimXml.error(30806, "Volume (" + volume + ") does not exist"), false);
      }
      shown = state.snapshots.stream().filter(s -> s.origin.equals(volume)).toList();
    }
    SimXml x = SimXml.ok().open("snapList").element("count", String.valueOf(shown.size()));
    shown.forEach(s -> x.element("snapshot", s.name));
    x.close("snapList");
    return xmlAnswer(x, false);
  }

  private Answer snapshotInfo(List<String> rest) {
    if (!rest.isEmpty() && rest.get(0).equals("volume")) {
      if (rest.size() < 2 || state.volume(rest.get(1)) == null) {
        String name = rest.size() < 2 ? "" : rest.get(1);
        return xmlAnswer(SimXml.error(30806, "Volume (" + name + ") does not exist"), false);
      }
      String volume = rest.get(1);
      List<SimState.SimSnapshot> shown =
          state.snapshots.stream().filter(s -> s.origin.equals(volume)).toList();
      SimXml x =
          SimXml.ok()
              .open("snapInfo")
              .open("originVolume")
              .element("name", volume)
              .element("snapCount", String.valueOf(shown.size()))
              .element("snapRemaining", String.valueOf(256 - shown.size()))
              .close("originVolume")
              .element("count", String.valueOf(shown.size()));
      writeSnapshots(x, shown, false);
      return xmlAnswer(x.close("snapInfo"), false);
    }
    List<SimState.SimSnapshot> shown = state.snapshots;
    if (!rest.isEmpty()) {
      SimState.SimSnapshot s = state.snapshot(rest.get(0));
      if (s == null) {
        return xmlAnswer(
            SimXml.error(30800, "Snapshot (" + rest.get(0) + ") does not exist"), false);
      }
      shown = List.of(s);
    }
    SimXml x = SimXml.ok().open("snapInfo").element("count", String.valueOf(shown.size()));
    writeSnapshots(x, shown, true);
    return xmlAnswer(x.close("snapInfo"), false);
  }

  /** cli_xml_snapshot_info_per_snap: snap-driven listings nest the origin in snapVolume. */
  private void writeSnapshots(SimXml x, List<SimState.SimSnapshot> shown, boolean snapDriven) {
    if (shown.isEmpty()) {
      x.empty("snapshots");
      return;
    }
    x.open("snapshots");
    for (SimState.SimSnapshot s : shown) {
      x.open("snapshot")
          .element("name", s.name)
          .element("uuid", s.id)
          .element("description", s.description)
          .element("createTime", s.createTime)
          .element("volCount", "1")
          .open("snapVolume")
          .element("name", s.id.replace("-", ""))
          .element("status", s.activated ? "Started" : "Stopped");
      if (snapDriven) {
        int count = state.snapshotCount(s.origin);
        x.open("originVolume")
            .element("name", s.origin)
            .element("snapCount", String.valueOf(count))
            .element("snapRemaining", String.valueOf(256 - count))
            .close("originVolume");
      }
      x.close("snapVolume").close("snapshot");
    }
    x.close("snapshots");
  }

  private Answer snapshotCreate(List<String> rest) {
    if (rest.size() < 2) {
      return usage(
          "Usage:\nsnapshot create <snapname> <volname> [no-timestamp] [description <description>] [force]");
    }
    String name = rest.get(0);
    String volume = rest.get(1);
    boolean noTimestamp = rest.contains("no-timestamp");
    String description = "";
    int d = rest.indexOf("description");
    if (d >= 0 && d + 1 < rest.size()) {
      description = rest.get(d + 1);
    }
    SimState.SimVolume v = state.volume(volume);
    if (v == null) {
      return xmlAnswer(SimXml.error(30806, "Volume (" + volume + ") does not exist "), false);
    }
    if (v.status != SimState.Status.STARTED) {
      return xmlAnswer(SimXml.error(30810, "volume " + volume + " is not started"), false);
    }
    if (!state.thinBricks) {
      return xmlAnswer(
          SimXml.error(
              30815,
              "Snapshot is supported only for thin provisioned LV. Ensure that all bricks of "
                  + volume
                  + " are thinly provisioned LV."),
          false);
    }
    ZonedDateTime now = clock.get().withZoneSameInstant(ZoneOffset.UTC);
    String snapName =
        noTimestamp
            ? name
            : name + "_GMT-" + now.format(DateTimeFormatter.ofPattern("yyyy.MM.dd-HH.mm.ss"));
    if (state.snapshot(snapName) != null) {
      return xmlAnswer(SimXml.error(30812, "Snapshot " + snapName + " already exists"), false);
    }
    SimState.SimSnapshot s = new SimState.SimSnapshot();
    s.name = snapName;
    s.id = SimPool.newId(state, "snapshot/" + snapName);
    s.description = description;
    s.createTime = now.format(SNAP_TIME);
    s.origin = volume;
    s.options = new LinkedHashMap<>(v.options);
    s.files = new TreeSet<>(v.files);
    state.snapshots.add(s);
    SimXml x =
        SimXml.ok()
            .open("snapCreate")
            .open("snapshot")
            .element("name", s.name)
            .element("uuid", s.id)
            .close("snapshot")
            .close("snapCreate");
    return xmlAnswer(x, true);
  }

  private Answer snapshotDelete(List<String> rest) {
    if (rest.isEmpty()) {
      return usage("Usage:\nsnapshot delete <snapname>");
    }
    String name = rest.get(0);
    SimState.SimSnapshot s = state.snapshot(name);
    if (s == null) {
      String msg = "Snapshot (" + name + ") does not exist";
      SimXml x =
          SimXml.error(30807, msg)
              .open("snapDelete")
              .open("snapshots")
              .open("snapshot")
              .element("status", "Failure")
              .element("opRet", "-1")
              .element("opErrno", "30807")
              .element("opErrstr", msg)
              .element("name", name)
              .close("snapshot")
              .close("snapshots")
              .close("snapDelete");
      return xmlAnswer(x, false);
    }
    state.snapshots.remove(s);
    SimXml x =
        SimXml.ok()
            .open("snapDelete")
            .open("snapshots")
            .open("snapshot")
            .element("status", "Success")
            .element("name", s.name)
            .element("uuid", s.id)
            .close("snapshot")
            .close("snapshots")
            .close("snapDelete");
    return xmlAnswer(x, true);
  }

  private Answer snapshotActivate(List<String> rest, boolean activate) {
    if (rest.isEmpty()) {
      return usage("Usage:\nsnapshot activate <snapname> [force]");
    }
    String name = rest.get(0);
    SimState.SimSnapshot s = state.snapshot(name);
    if (s == null) {
      return xmlAnswer(SimXml.error(30807, "Snapshot (" + name + ") does not exist."), false);
    }
    boolean force = rest.contains("force");
    if (s.activated == activate && !(activate && force)) {
      // glusterd sets op_errno to EINVAL here.
      return xmlAnswer(
          SimXml.error(
              22, "Snapshot " + name + " is already " + (activate ? "activated." : "deactivated.")),
          false);
    }
    s.activated = activate;
    String section = activate ? "snapActivate" : "snapDeactivate";
    SimXml x =
        SimXml.ok()
            .open(section)
            .open("snapshot")
            .element("name", s.name)
            .element("uuid", s.id)
            .close("snapshot")
            .close(section);
    return xmlAnswer(x, true);
  }

  private Answer snapshotClone(List<String> rest) {
    if (rest.size() < 2) {
      return usage("Usage:\nsnapshot clone <clonename> <snapname>");
    }
    String cloneName = rest.get(0);
    String snapName = rest.get(1);
    if (state.volume(cloneName) != null) {
      return xmlAnswer(
          SimXml.error(30811, "Volume with name:" + cloneName + " already exists"), false);
    }
    SimState.SimSnapshot s = state.snapshot(snapName);
    if (s == null) {
      return xmlAnswer(SimXml.error(30800, "Failed to find :" + snapName + " snap"), false);
    }
    if (!s.activated) {
      return xmlAnswer(SimXml.error(30810, "Snapshot " + snapName + " is not activated"), false);
    }
    SimState.SimVolume clone = new SimState.SimVolume();
    clone.name = cloneName;
    clone.id = SimPool.newId(state, "volume/" + cloneName);
    clone.status = SimState.Status.CREATED;
    SimState.SimVolume origin = state.volume(s.origin);
    List<String> hosts =
        origin == null
            ? List.of(state.host)
            : origin.bricks.stream().map(b -> b.substring(0, b.indexOf(":/"))).toList();
    clone.replica = origin == null ? 1 : origin.replica;
    for (int i = 0; i < hosts.size(); i++) {
      clone.bricks.add(
          hosts.get(i) + ":/run/gluster/snaps/" + clone.id.replace("-", "") + "/brick" + (i + 1));
    }
    // A clone starts with the snapshot's copy of its origin's options, tags included.
    clone.options = new LinkedHashMap<>(s.options);
    clone.files = new TreeSet<>(s.files);
    state.volumes.add(clone);
    SimXml x =
        SimXml.ok()
            .open("CloneCreate")
            .open("volume")
            .element("name", clone.name)
            .element("uuid", clone.id)
            .close("volume")
            .close("CloneCreate");
    return xmlAnswer(x, true);
  }

  // ---- host commands of doctor; those of a wipe are SimHost's ---------------------------------

  /** {@code stat -L -c %a FILE}: the mode of a key file, never its content. */
  private Answer keyMode(List<String> argv) {
    String path = argv.get(argv.size() - 1);
    String mode = state.keyModes.get(path);
    return mode == null
        ? exit(1, "", "stat: cannot statx '" + path + "': No such file or directory\n")
        : exit(0, mode + "\n", "");
  }

  /** {@code df --output=source PATH...}: thin LVM when the pool says the bricks are. */
  private Answer df(List<String> argv) {
    StringBuilder out = new StringBuilder("Filesystem\n");
    for (String path : argv.subList(2, argv.size())) {
      out.append(state.thinBricks ? "/dev/mapper/sim-bricks" : "/dev/vda1").append('\n');
    }
    return exit(0, out.toString(), "");
  }

  private Answer lvs() {
    if (!state.lvm) {
      return exit(127, "", "sh: 1: lvs: not found\n");
    }
    return exit(0, state.thinBricks ? "  /dev/mapper/sim-bricks thin\n" : "", "");
  }

  private Answer find(List<String> argv) {
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

  // ---- helpers -------------------------------------------------------------------------------

  private static Answer xmlAnswer(SimXml x, boolean changed) {
    return new Answer(new ProcessResult(0, x.end(), "", Duration.ZERO), changed);
  }

  private static Answer exit(int code, String out, String err) {
    return new Answer(new ProcessResult(code, out, err, Duration.ZERO), false);
  }

  private static Answer usage(String message) {
    return exit(1, "", message + "\n");
  }
}

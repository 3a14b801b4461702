package io.glustershares.sim;

import static io.glustershares.sim.SimAnswer.usage;
import static io.glustershares.sim.SimAnswer.xmlAnswer;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The snapshot commands of the simulated gluster: list, info, create, delete, (de)activate, clone.
 */
final class SimSnapshots {

  private static final DateTimeFormatter SNAP_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final SimState state;
  private final Supplier<ZonedDateTime> clock;

  SimSnapshots(SimState state, Supplier<ZonedDateTime> clock) {
    this.state = state;
    this.clock = clock;
  }

  /** {@code gluster --xml snapshot OP REST…}; without LVM, gluster refuses every one. */
  SimAnswer answer(String op, List<String> rest) {
    if (!state.lvm) {
      return xmlAnswer(
          SimXml.error(30800, "LVM commands not found, snapshot functionality is disabled"), false);
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

  private SimAnswer snapshotList(List<String> rest) {
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

  private SimAnswer snapshotInfo(List<String> rest) {
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

  private SimAnswer snapshotCreate(List<String> rest) {
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
    SimXml x = SimXml.named("snapCreate", "snapshot", s.name, "uuid", s.id);
    return xmlAnswer(x, true);
  }

  private SimAnswer snapshotDelete(List<String> rest) {
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

  private SimAnswer snapshotActivate(List<String> rest, boolean activate) {
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
    SimXml x = SimXml.named(section, "snapshot", s.name, "uuid", s.id);
    return xmlAnswer(x, true);
  }

  private SimAnswer snapshotClone(List<String> rest) {
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
    SimXml x = SimXml.named("CloneCreate", "volume", clone.name, "uuid", clone.id);
    return xmlAnswer(x, true);
  }
}

package io.glustershares.sim;

import static io.glustershares.sim.SimAnswer.exit;
import static io.glustershares.sim.SimAnswer.usage;
import static io.glustershares.sim.SimAnswer.xmlAnswer;

import io.glustershares.gluster.ProcessResult;
import io.glustershares.model.GlusterVersion;
import io.glustershares.model.XmlText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The volume commands of the simulated gluster: info, list, get, set, reset, start, stop, delete.
 */
final class SimVolumes {

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

  SimVolumes(SimState state) {
    this.state = state;
  }

  /** {@code gluster --xml volume OP REST…}, {@code --mode=script} given or asked for already. */
  SimAnswer answer(String op, List<String> rest) {
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

  private SimAnswer volumeInfo(List<String> rest) {
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

  private SimAnswer volumeList() {
    SimXml x = SimXml.ok().open("volList").element("count", String.valueOf(state.volumes.size()));
    state.volumes.stream().map(v -> v.name).sorted().forEach(n -> x.element("volume", n));
    x.close("volList");
    return xmlAnswer(x, false);
  }

  private SimAnswer volumeGet(List<String> rest) {
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
      return new SimAnswer(new ProcessResult(1, x.end(), "", Duration.ZERO), false);
    }
    String key = rest.get(1);
    String value = v.options.get(key);
    if (value == null && key.startsWith("user.")) {
      SimXml x =
          SimXml.errorRet(-2, 0, "")
              .element("cliOp", "volGetopts")
              .element("output", "volume get option: failed");
      return new SimAnswer(new ProcessResult(2, x.end(), "", Duration.ZERO), false);
    }
    if (value == null && !known(key)) {
      SimXml x =
          SimXml.errorRet(-1, 0, "option " + key + " does not exist")
              .element("cliOp", "volGetopts")
              .element("output", "volume get option: failed: option " + key + " does not exist");
      return new SimAnswer(new ProcessResult(1, x.end(), "", Duration.ZERO), false);
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

  private SimAnswer volumeSet(List<String> rest) {
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

  private SimAnswer setFailed(String message) {
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

  private SimAnswer volumeReset(List<String> rest) {
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

  private SimAnswer volumeStart(List<String> rest) {
    return onVolume(rest, "Usage:\nvolume start <VOLNAME> [force]", v -> volumeStart(rest, v));
  }

  private SimAnswer volumeStart(List<String> rest, SimState.SimVolume v) {
    boolean force = rest.contains("force");
    if (v.status == SimState.Status.STARTED && !force) {
      return xmlAnswer(SimXml.error(30800, "Volume " + v.name + " already started"), false);
    }
    v.status = SimState.Status.STARTED;
    return xmlAnswer(volumeReply("volStart", v), true);
  }

  private SimAnswer volumeStop(List<String> rest) {
    return onVolume(rest, "Usage:\nvolume stop <VOLNAME> [force]", v -> volumeStop(rest, v));
  }

  private SimAnswer volumeStop(List<String> rest, SimState.SimVolume v) {
    if (v.status != SimState.Status.STARTED) {
      return xmlAnswer(
          SimXml.error(30800, "Volume " + v.name + " is not in the started state"), false);
    }
    v.status = SimState.Status.STOPPED;
    return xmlAnswer(volumeReply("volStop", v), true);
  }

  private SimAnswer volumeDelete(List<String> rest) {
    return onVolume(rest, "Usage:\nvolume delete <VOLNAME>", v -> volumeDelete(rest, v));
  }

  private SimAnswer volumeDelete(List<String> rest, SimState.SimVolume v) {
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

  /**
   * A command on the volume {@code rest} names: the usage without a name, gluster's error for a
   * volume that does not exist, else what {@code command} answers.
   */
  private SimAnswer onVolume(
      List<String> rest, String usage, Function<SimState.SimVolume, SimAnswer> command) {
    if (rest.isEmpty()) {
      return usage(usage);
    }
    SimState.SimVolume v = state.volume(rest.get(0));
    if (v == null) {
      return xmlAnswer(SimXml.error(30800, "Volume " + rest.get(0) + " does not exist"), false);
    }
    return command.apply(v);
  }

  private static SimXml volumeReply(String section, SimState.SimVolume v) {
    return SimXml.named(section, "volume", v.name, "id", v.id);
  }
}

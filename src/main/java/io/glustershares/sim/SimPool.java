package io.glustershares.sim;

import static io.glustershares.sim.SimFields.bool;
import static io.glustershares.sim.SimFields.integer;
import static io.glustershares.sim.SimFields.list;
import static io.glustershares.sim.SimFields.map;
import static io.glustershares.sim.SimFields.string;

import io.glustershares.model.Identity;
import io.glustershares.model.Printable;
import io.glustershares.model.ServerAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads a simulator pool file ({@code sim:FILE}) into a fresh {@link SimState}. The format is
 * documented in the README ("Simulated clusters").
 */
public final class SimPool {

  /** What every new gluster volume has set (CLI reference §2.3). */
  static final Map<String, String> CREATION_DEFAULTS =
      orderedOf(
          "storage.fips-mode-rchecksum",
          "on",
          "transport.address-family",
          "inet",
          "nfs.disable",
          "on");

  /**
   * What every new replica volume has set: two more than a single-brick one, first and last
   * (captured on the test estate, {@code estate-volume-info.xml}).
   */
  static final Map<String, String> REPLICA_DEFAULTS =
      orderedOf(
          "cluster.granular-entry-heal",
          "on",
          "storage.fips-mode-rchecksum",
          "on",
          "transport.address-family",
          "inet",
          "nfs.disable",
          "on",
          "performance.client-io-threads",
          "off");

  /** auth.ssl-allow of a "ready" generated pool volume: the server and the managing host. */
  static final String READY_CNS = "glusterfs-server-1,manila-host";

  private static final List<String> TOP_FIELDS =
      List.of(
          "host",
          "uuid",
          "brickRoot",
          "peers",
          "version",
          "thinBricks",
          "lvm",
          "nfsServer",
          "latencyMs",
          "volumes",
          "generate",
          "snapshots",
          "tls",
          "hostPaths",
          "otherMounts");

  private SimPool() {}

  public static SimState seed(String file, String text) {
    return seed(file, text, java.nio.file.Path.of("."));
  }

  /**
   * @param baseDir where the files the pool file names (its {@code tls} certificates) are
   */
  public static SimState seed(String file, String text, java.nio.file.Path baseDir) {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(file)
            .setCodePointLimit((int) ServerAddress.Sim.MAX_POOL_BYTES)
            .setMaxAliasesForCollections(20)
            .build();
    Object doc;
    Optional<Node> root;
    try {
      root = new Compose(settings).composeString(text);
      doc = new StandardConstructor(settings).constructSingleDocument(root);
    } catch (MarkedYamlEngineException e) {
      // Never the exception's message: it quotes the offending line of the file.
      throw new SimException(
          "simulator file "
              + file
              + ": "
              + at(e.getProblemMark().or(e::getContextMark))
              + "not valid YAML ("
              + Printable.value(String.valueOf(e.getProblem()))
              + ")");
    } catch (YamlEngineException e) {
      throw new SimException("simulator file " + file + ": not valid YAML");
    }
    SimState state = new SimState();
    if (doc == null) {
      return state;
    }
    Map<?, ?> top = map(file, "(file)", doc);
    if (root.orElse(null) instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        Object key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "";
        if (!TOP_FIELDS.contains(String.valueOf(key))) {
          String suggestion =
              TOP_FIELDS.stream()
                  .filter(f -> closeTo(String.valueOf(key), f))
                  .findFirst()
                  .map(f -> " (did you mean '" + f + "'?)")
                  .orElse("");
          throw new SimException(
              "simulator file "
                  + file
                  + ": "
                  + at(tuple.getKeyNode().getStartMark())
                  + "unknown field"
                  + suggestion
                  + "; valid: "
                  + String.join(", ", TOP_FIELDS));
        }
      }
    }
    state.host = string(file, "host", top.get("host"), state.host);
    if (!state.host.matches("[A-Za-z0-9][A-Za-z0-9.-]{0,252}")) {
      throw new SimException("simulator file " + file + ": host is not a host name");
    }
    state.uuid = string(file, "uuid", top.get("uuid"), null);
    state.brickRoot = string(file, "brickRoot", top.get("brickRoot"), state.brickRoot);
    if (!state.brickRoot.matches("(/[A-Za-z0-9._-]+)+")) {
      throw new SimException("simulator file " + file + ": brickRoot is not an absolute path");
    }
    peers(state, file, top.get("peers"));
    state.version = string(file, "version", top.get("version"), state.version);
    state.thinBricks = bool(file, "thinBricks", top.get("thinBricks"), true);
    state.lvm = bool(file, "lvm", top.get("lvm"), true);
    state.nfsServer = bool(file, "nfsServer", top.get("nfsServer"), false);
    state.latencyMs = integer(file, "latencyMs", top.get("latencyMs"), 0);
    Object volumes = top.get("volumes");
    if (volumes != null) {
      List<?> list = list(file, "volumes", volumes);
      for (int i = 0; i < list.size(); i++) {
        String at = "volumes[" + i + "]";
        Map<?, ?> v = map(file, at, list.get(i));
        String name = string(file, at + ".name", v.get("name"), null);
        if (name == null) {
          throw new SimException("simulator file " + file + ": " + at + ".name is missing");
        }
        SimState.SimVolume volume =
            addVolume(state, name, file, at, integer(file, at + ".replica", v.get("replica"), 1));
        Object status = v.get("status");
        if (status != null) {
          volume.status = statusCode(file, at + ".status", String.valueOf(status));
        }
        Object options = v.get("options");
        if (options != null) {
          Map<?, ?> opts = map(file, at + ".options", options);
          opts.forEach((k, val) -> volume.options.put(String.valueOf(k), String.valueOf(val)));
          reorder(volume);
        }
        Object files = v.get("files");
        if (files != null) {
          for (Object f : list(file, at + ".files", files)) {
            volume.files.add(String.valueOf(f));
          }
        }
      }
    }
    Object generate = top.get("generate");
    if (generate != null) {
      List<?> list = list(file, "generate", generate);
      for (int i = 0; i < list.size(); i++) {
        generate(state, file, "generate[" + i + "]", map(file, "generate[" + i + "]", list.get(i)));
      }
    }
    Object tls = top.get("tls");
    if (tls != null) {
      Map<?, ?> spec = map(file, "tls", tls);
      for (String ext : List.of("pem", "ca")) {
        String path = string(file, "tls." + ext, spec.get(ext), null);
        if (path != null) {
          java.nio.file.Path pem = SimFiles.inside(baseDir, path, "tls." + ext, file);
          state.hostFiles.put(
              "/etc/ssl/glusterfs." + ext,
              SimFiles.read(
                  pem, SimFiles.MAX_TLS_BYTES, "simulator file " + file + ": tls." + ext));
        }
      }
      if (bool(file, "tls.key", spec.get("key"), false)) {
        state.keyModes.put("/etc/ssl/glusterfs.key", "600");
      }
    }
    hostPaths(state, file, top.get("hostPaths"));
    Object otherMounts = top.get("otherMounts");
    if (otherMounts != null) {
      map(file, "otherMounts", otherMounts)
          .forEach(
              (path, what) -> {
                String at = "otherMounts." + path;
                String fs = string(file, at, what, "");
                if (!String.valueOf(path).startsWith("/") || !fs.matches("\\S+ \\S+")) {
                  throw new SimException(
                      "simulator file " + file + ": " + at + " must be '/PATH: FSTYPE SOURCE'");
                }
                state.otherMounts.put(String.valueOf(path), fs);
              });
    }
    Object snapshots = top.get("snapshots");
    if (snapshots != null) {
      List<?> list = list(file, "snapshots", snapshots);
      for (int i = 0; i < list.size(); i++) {
        String at = "snapshots[" + i + "]";
        Map<?, ?> spec = map(file, at, list.get(i));
        String name = string(file, at + ".name", spec.get("name"), null);
        String volume = string(file, at + ".volume", spec.get("volume"), null);
        if (name == null || volume == null || state.volume(volume) == null) {
          throw new SimException(
              "simulator file "
                  + file
                  + ": "
                  + at
                  + " needs a name and the name of a volume listed above");
        }
        SimState.SimSnapshot snapshot = new SimState.SimSnapshot();
        snapshot.name = name;
        snapshot.id = newId(state, "snapshot/" + name);
        snapshot.description = string(file, at + ".description", spec.get("description"), "");
        snapshot.createTime =
            string(file, at + ".createTime", spec.get("createTime"), "2026-01-01 00:00:00");
        snapshot.origin = volume;
        snapshot.activated = bool(file, at + ".activated", spec.get("activated"), false);
        snapshot.options = new LinkedHashMap<>(state.volume(volume).options);
        snapshot.files = new java.util.TreeSet<>(state.volume(volume).files);
        state.snapshots.add(snapshot);
      }
    }
    return state;
  }

  /**
   * {@code hostPaths: { /PATH: { symlink: TARGET } | { file: true } | { owner: UID, mode: "0755" }
   * }}: what the wipe finds on the host besides the system's directories.
   */
  private static void hostPaths(SimState state, String file, Object node) {
    if (node == null) {
      return;
    }
    map(file, "hostPaths", node)
        .forEach(
            (key, value) -> {
              String path = String.valueOf(key);
              String at = "hostPaths." + path;
              if (!path.matches("(/[^/]+)+")) {
                throw new SimException(
                    "simulator file " + file + ": " + at + ": not an absolute path");
              }
              Map<?, ?> spec = map(file, at, value);
              SimState.SimPath p = new SimState.SimPath();
              p.symlink = string(file, at + ".symlink", spec.get("symlink"), null);
              p.file = bool(file, at + ".file", spec.get("file"), false);
              p.owner = integer(file, at + ".owner", spec.get("owner"), 0);
              p.mode = string(file, at + ".mode", spec.get("mode"), p.file ? "0644" : "0755");
              if (!p.mode.matches("0?[0-7]{3,4}")) {
                throw new SimException(
                    "simulator file " + file + ": " + at + ".mode must be octal, like \"0755\"");
              }
              state.hostPaths.put(path, p);
            });
  }

  private static void generate(SimState state, String file, String at, Map<?, ?> spec) {
    String template = string(file, at + ".name", spec.get("name"), null);
    if (template == null || !template.contains("{n}")) {
      throw new SimException(
          "simulator file " + file + ": " + at + ".name must be a template with {n} (and {size})");
    }
    boolean ready = bool(file, at + ".ready", spec.get("ready"), true);
    int replica = integer(file, at + ".replica", spec.get("replica"), 1);
    Map<Integer, Integer> sizes = new TreeMap<>();
    Object sizesNode = spec.get("sizes");
    if (sizesNode == null) {
      sizes.put(0, integer(file, at + ".count", spec.get("count"), 1));
    } else {
      map(file, at + ".sizes", sizesNode)
          .forEach(
              (size, count) ->
                  sizes.put(
                      integer(file, at + ".sizes", size, 0),
                      integer(file, at + ".sizes." + size, count, 0)));
    }
    sizes.forEach(
        (size, count) -> {
          for (int n = 1; n <= count; n++) {
            String name =
                template.replace("{size}", String.valueOf(size)).replace("{n}", String.valueOf(n));
            SimState.SimVolume volume = addVolume(state, name, file, at, replica);
            if (ready) {
              volume.options.put("auth.ssl-allow", READY_CNS);
              reorder(volume);
            }
          }
        });
  }

  /**
   * {@code peers: [ { hostname: H, uuid: U, connected: true|false } ]}: the cluster's other
   * servers.
   */
  private static void peers(SimState state, String file, Object node) {
    if (node == null) {
      return;
    }
    List<?> list = list(file, "peers", node);
    for (int i = 0; i < list.size(); i++) {
      String at = "peers[" + i + "]";
      Map<?, ?> spec = map(file, at, list.get(i));
      SimState.SimPeer peer = new SimState.SimPeer();
      peer.hostname = string(file, at + ".hostname", spec.get("hostname"), "");
      if (!peer.hostname.matches("[A-Za-z0-9][A-Za-z0-9.-]{0,252}")
          || peer.hostname.equals(state.host)
          || state.peers.stream().anyMatch(p -> p.hostname.equals(peer.hostname))) {
        throw new SimException(
            "simulator file " + file + ": " + at + ".hostname must be another server's host name");
      }
      peer.uuid = string(file, at + ".uuid", spec.get("uuid"), null);
      if (peer.uuid == null) {
        peer.uuid = newId(state, "peer/" + peer.hostname);
      }
      peer.connected = bool(file, at + ".connected", spec.get("connected"), true);
      state.peers.add(peer);
    }
  }

  /**
   * A volume with its bricks: one on the host, and with {@code replica} N one on each of the first
   * N-1 peers too, as {@code volume create VOL replica N HOST:ROOT/VOL PEER:ROOT/VOL ...} makes it.
   */
  static SimState.SimVolume addVolume(
      SimState state, String name, String file, String at, int replica) {
    if (replica < 1 || replica > 1 + state.peers.size()) {
      throw new SimException(
          "simulator file "
              + file
              + ": "
              + at
              + ".replica must be between 1 and the number of servers ("
              + (1 + state.peers.size())
              + ")");
    }
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
      throw new SimException("simulator file " + file + ": " + at + ": not a volume name");
    }
    if (state.volume(name) != null) {
      throw new SimException(
          "simulator file " + file + ": " + at + ": a volume of that name is listed already");
    }
    SimState.SimVolume volume = new SimState.SimVolume();
    volume.name = name;
    volume.id = newId(state, "volume/" + name);
    volume.status = 1;
    volume.replica = replica;
    volume.bricks.add(state.host + ":" + state.brickRoot + "/" + name);
    for (int i = 0; i < replica - 1; i++) {
      volume.bricks.add(state.peers.get(i).hostname + ":" + state.brickRoot + "/" + name);
    }
    volume.options.putAll(defaults(volume));
    state.volumes.add(volume);
    return volume;
  }

  /** What gluster sets on a volume of this shape when it creates it. */
  static Map<String, String> defaults(SimState.SimVolume volume) {
    return volume.replica > 1 ? REPLICA_DEFAULTS : CREATION_DEFAULTS;
  }

  /** The creation defaults stay last, as in real {@code volume info}. */
  static void reorder(SimState.SimVolume volume) {
    Map<String, String> defaults = defaults(volume);
    LinkedHashMap<String, String> ordered = new LinkedHashMap<>();
    volume.options.forEach(
        (k, v) -> {
          if (!defaults.containsKey(k)) {
            ordered.put(k, v);
          }
        });
    defaults
        .keySet()
        .forEach(
            k -> {
              if (volume.options.containsKey(k)) {
                ordered.put(k, volume.options.get(k));
              }
            });
    volume.options = ordered;
  }

  /** Deterministic ids, so that simulated runs print the same thing every time. */
  static String newId(SimState state, String what) {
    state.serial++;
    return Identity.uuid5(Identity.NAMESPACE, "sim/" + state.host + "/" + state.serial + "/" + what)
        .toString();
  }

  private static int statusCode(String file, String at, String status) {
    return switch (status) {
      case "Created" -> 0;
      case "Started" -> 1;
      case "Stopped" -> 2;
      default ->
          throw new SimException(
              "simulator file " + file + ": " + at + ": valid: Created, Started, Stopped");
    };
  }

  /** {@code line L, column C: }, for a message about a place in the pool file. */
  private static String at(Optional<Mark> mark) {
    return mark.map(m -> "line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1) + ": ")
        .orElse("");
  }

  /** Whether a misspelt field is one edit away from {@code field}, for "did you mean". */
  private static boolean closeTo(String word, String field) {
    if (Math.abs(word.length() - field.length()) > 1 || word.length() > 64) {
      return false;
    }
    int[] previous = new int[field.length() + 1];
    for (int j = 0; j <= field.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= word.length(); i++) {
      int[] current = new int[field.length() + 1];
      current[0] = i;
      for (int j = 1; j <= field.length(); j++) {
        int cost = word.charAt(i - 1) == field.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      previous = current;
    }
    return previous[field.length()] <= 1;
  }

  private static LinkedHashMap<String, String> orderedOf(String... kv) {
    LinkedHashMap<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}

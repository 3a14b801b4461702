package io.glustershares.render;

import io.glustershares.plan.Action;
import io.glustershares.plan.ActionType;
import io.glustershares.plan.Change;
import io.glustershares.plan.Fingerprint;
import io.glustershares.plan.Plan;
import io.glustershares.plan.PlanMessage;
import io.glustershares.plan.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The machine form of a plan ({@code schema/plan-v1.schema.json}); a saved plan is the same
 * document with the fingerprint of the observed state it was made from, and reads back to the very
 * same plan.
 */
public final class PlanJson {

  public static final int FORMAT_VERSION = 1;

  private PlanJson() {}

  /** A plan as saved by {@code plan --out}: what apply needs to run it, or to refuse it. */
  public record Saved(Provenance provenance, Plan plan, Fingerprint observed) {}

  public static ObjectNode render(
      Plan plan, Provenance provenance, Optional<Fingerprint> observed) {
    ObjectNode root = Json.object();
    root.put("formatVersion", FORMAT_VERSION);
    root.set("provenance", provenance(provenance));
    root.put("stack", plan.stack());
    ObjectNode summary = root.putObject("summary");
    summary.put("create", plan.toCreate());
    summary.put("change", plan.toChange());
    summary.put("destroy", plan.toDestroy());
    summary.put("destructive", plan.destroys());
    ArrayNode actions = root.putArray("actions");
    for (Action a : plan.actions()) {
      ObjectNode o = actions.addObject();
      o.put("id", a.id());
      o.put("type", a.type().id());
      o.put("symbol", String.valueOf(a.type().symbol()));
      o.put("cluster", a.cluster());
      Json.put(o, "volume", a.volume());
      o.put("share", a.share());
      Json.put(o, "snapshot", a.snapshot());
      Json.put(o, "exportLocation", a.exportLocation());
      o.put("summary", a.summary());
      ArrayNode changes = o.putArray("changes");
      for (Change c : a.changes()) {
        ObjectNode ch = changes.addObject();
        ch.put("field", c.field());
        Json.put(ch, "before", c.before());
        Json.put(ch, "after", c.after());
      }
      o.put("destructive", a.destructive());
      o.put("disruptive", a.disruptive());
      o.set("disruption", Json.strings(a.warnings()));
      o.set("dependsOn", Json.strings(a.dependsOn()));
      ArrayNode steps = o.putArray("steps");
      for (Step step : a.steps()) {
        ObjectNode s = steps.addObject();
        if (step instanceof Step.Gluster g) {
          s.put("kind", "gluster");
          s.put("volume", g.volume());
          s.put("description", g.description());
          s.set("argv", Json.strings(g.argv()));
        } else {
          Step.Wipe w = (Step.Wipe) step;
          s.put("kind", "wipe");
          s.put("volume", w.volume());
          s.put("description", w.description());
          s.put("host", w.host());
          s.put("mountPoint", w.mountPoint());
          ArrayNode argvs = s.putArray("argvs");
          w.argvs().forEach(argv -> argvs.add(Json.strings(argv)));
        }
      }
    }
    root.set("errors", messages(plan.errors()));
    root.set("warnings", messages(plan.warnings()));
    observed.ifPresent(f -> root.set("observed", fingerprint(f)));
    return root;
  }

  static ObjectNode provenance(Provenance p) {
    ObjectNode o = Json.object();
    o.put("file", p.file());
    o.put("digest", p.digest());
    o.put("toolVersion", p.toolVersion());
    Json.put(o, "commit", p.commit());
    if (p.dirty().isPresent()) {
      o.put("dirty", p.dirty().get());
    } else {
      o.putNull("dirty");
    }
    Json.put(o, "pathInRepo", p.pathInRepo());
    o.put("createdAt", p.createdAt());
    return o;
  }

  private static ArrayNode messages(List<PlanMessage> messages) {
    ArrayNode out = Json.array();
    for (PlanMessage m : messages) {
      ObjectNode o = out.addObject();
      o.put("kind", m.kind().id());
      Json.put(o, "share", m.share());
      Json.put(o, "cluster", m.cluster());
      o.put("message", m.message());
    }
    return out;
  }

  private static ObjectNode fingerprint(Fingerprint f) {
    ObjectNode o = Json.object();
    o.put("digest", f.digest());
    ObjectNode clusters = o.putObject("clusters");
    f.clusters()
        .forEach(
            (cluster, items) -> {
              ObjectNode c = clusters.putObject(cluster);
              items.forEach(c::put);
            });
    return o;
  }

  /** Reads a saved plan back; the message says what is wrong with a file that is not one. */
  public static Saved read(String text) {
    JsonNode root;
    try {
      root = Json.parse(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a JSON plan: " + e.getMessage(), e);
    }
    if (root.path("formatVersion").asInt(-1) != FORMAT_VERSION) {
      throw new IllegalArgumentException(
          "not a gluster-shares plan of format "
              + FORMAT_VERSION
              + " (formatVersion is "
              + root.path("formatVersion")
              + ")");
    }
    if (!root.has("observed")) {
      throw new IllegalArgumentException(
          "the plan has no fingerprint of the observed state; save plans with plan --out");
    }
    JsonNode p = root.path("provenance");
    Provenance provenance =
        new Provenance(
            p.path("file").asString(),
            p.path("digest").asString(),
            p.path("toolVersion").asString(),
            optional(p.path("commit")),
            p.path("dirty").isBoolean()
                ? Optional.of(p.path("dirty").asBoolean())
                : Optional.empty(),
            optional(p.path("pathInRepo")),
            p.path("createdAt").asString());
    List<Action> actions = new ArrayList<>();
    for (JsonNode a : root.path("actions")) {
      List<Change> changes = new ArrayList<>();
      for (JsonNode c : a.path("changes")) {
        changes.add(
            new Change(
                c.path("field").asString(), optional(c.path("before")), optional(c.path("after"))));
      }
      List<Step> steps = new ArrayList<>();
      for (JsonNode s : a.path("steps")) {
        if (s.path("kind").asString().equals("wipe")) {
          steps.add(
              new Step.Wipe(
                  s.path("host").asString(),
                  s.path("volume").asString(),
                  s.path("mountPoint").asString()));
        } else {
          steps.add(
              new Step.Gluster(
                  strings(s.path("argv")),
                  s.path("volume").asString(),
                  s.path("description").asString()));
        }
      }
      actions.add(
          new Action(
              a.path("id").asString(),
              ActionType.of(a.path("type").asString()),
              a.path("cluster").asString(),
              optional(a.path("volume")),
              a.path("share").asString(),
              optional(a.path("snapshot")),
              optional(a.path("exportLocation")),
              a.path("summary").asString(),
              changes,
              a.path("destructive").asBoolean(),
              strings(a.path("disruption")),
              strings(a.path("dependsOn")),
              steps));
    }
    Plan plan =
        new Plan(
            root.path("stack").asString(),
            actions,
            readMessages(root.path("errors")),
            readMessages(root.path("warnings")));
    Map<String, Map<String, String>> clusters = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> c : root.path("observed").path("clusters").properties()) {
      Map<String, String> items = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> i : c.getValue().properties()) {
        items.put(i.getKey(), i.getValue().asString());
      }
      clusters.put(c.getKey(), items);
    }
    return new Saved(
        provenance,
        plan,
        new Fingerprint(root.path("observed").path("digest").asString(), clusters));
  }

  private static List<PlanMessage> readMessages(JsonNode array) {
    List<PlanMessage> out = new ArrayList<>();
    for (JsonNode m : array) {
      out.add(
          new PlanMessage(
              PlanMessage.Kind.of(m.path("kind").asString("notice")),
              optional(m.path("share")),
              optional(m.path("cluster")),
              m.path("message").asString()));
    }
    return out;
  }

  private static Optional<String> optional(JsonNode node) {
    return node.isString() ? Optional.of(node.asString()) : Optional.empty();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }
}

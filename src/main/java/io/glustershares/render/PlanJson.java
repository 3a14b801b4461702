package io.glustershares.render;

import io.glustershares.plan.Action;
import io.glustershares.plan.ActionType;
import io.glustershares.plan.Change;
import io.glustershares.plan.DesiredDiff;
import io.glustershares.plan.Fingerprint;
import io.glustershares.plan.Plan;
import io.glustershares.plan.PlanMessage;
import io.glustershares.plan.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
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

  /** The plan as its JSON document, for saving to a file or comparing in tests. */
  public static String render(Plan plan, Provenance provenance, Optional<Fingerprint> observed) {
    java.io.StringWriter out = new java.io.StringWriter();
    write(plan, provenance, observed, out);
    return out.toString();
  }

  /**
   * Streams the document to {@code out} without building it in memory first: a plan of 10 000 new
   * shares is 30 000 actions.
   */
  public static void write(
      Plan plan, Provenance provenance, Optional<Fingerprint> observed, java.io.Writer out) {
    write(plan, provenance, observed, Optional.empty(), out);
  }

  /** With {@code diff}, the desired-state changes since a base revision are included. */
  public static void write(
      Plan plan,
      Provenance provenance,
      Optional<Fingerprint> observed,
      Optional<DesiredDiff> diff,
      java.io.Writer out) {
    try (JsonGenerator g = Json.generator(out)) {
      write(plan, provenance, observed, diff, g);
    }
    Json.newline(out);
  }

  /** The same, as UTF-8 bytes. */
  public static void write(
      Plan plan,
      Provenance provenance,
      Optional<Fingerprint> observed,
      Optional<DesiredDiff> diff,
      java.io.OutputStream out) {
    try (JsonGenerator g = Json.generator(out)) {
      write(plan, provenance, observed, diff, g);
    }
    Json.newline(out);
  }

  private static void write(
      Plan plan,
      Provenance provenance,
      Optional<Fingerprint> observed,
      Optional<DesiredDiff> diff,
      JsonGenerator g) {
    {
      g.writeStartObject();
      g.writeNumberProperty("formatVersion", FORMAT_VERSION);
      g.writeName("provenance");
      provenance(g, provenance);
      g.writeStringProperty("stack", plan.stack());
      if (diff.isPresent()) {
        desiredChanges(g, diff.get());
      }
      g.writeObjectPropertyStart("summary");
      g.writeNumberProperty("create", plan.toCreate());
      g.writeNumberProperty("change", plan.toChange());
      g.writeNumberProperty("destroy", plan.toDestroy());
      g.writeBooleanProperty("destructive", plan.destroys());
      g.writeEndObject();
      g.writeArrayPropertyStart("actions");
      for (Action a : plan.actions()) {
        action(g, a);
      }
      g.writeEndArray();
      messages(g, "errors", plan.errors());
      messages(g, "warnings", plan.warnings());
      if (observed.isPresent()) {
        g.writeObjectPropertyStart("observed");
        g.writeStringProperty("digest", observed.get().digest());
        g.writeObjectPropertyStart("clusters");
        for (Map.Entry<String, Map<String, String>> c : observed.get().clusters().entrySet()) {
          g.writeObjectPropertyStart(c.getKey());
          for (Map.Entry<String, String> item : c.getValue().entrySet()) {
            g.writeStringProperty(item.getKey(), item.getValue());
          }
          g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndObject();
    }
  }

  private static void action(JsonGenerator g, Action a) {
    g.writeStartObject();
    g.writeStringProperty("id", a.id());
    g.writeStringProperty("type", a.type().id());
    g.writeStringProperty("symbol", String.valueOf(a.type().symbol()));
    g.writeStringProperty("cluster", a.cluster());
    optional(g, "volume", a.volume());
    g.writeStringProperty("share", a.share());
    optional(g, "snapshot", a.snapshot());
    optional(g, "exportLocation", a.exportLocation());
    g.writeStringProperty("summary", a.summary());
    g.writeArrayPropertyStart("changes");
    for (Change c : a.changes()) {
      g.writeStartObject();
      g.writeStringProperty("field", c.field());
      optional(g, "before", c.before());
      optional(g, "after", c.after());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeBooleanProperty("destructive", a.destructive());
    g.writeBooleanProperty("disruptive", a.disruptive());
    strings(g, "disruption", a.warnings());
    strings(g, "dependsOn", a.dependsOn());
    g.writeArrayPropertyStart("steps");
    for (Step step : a.steps()) {
      g.writeStartObject();
      if (step instanceof Step.Gluster gluster) {
        g.writeStringProperty("kind", "gluster");
        g.writeStringProperty("volume", gluster.volume());
        g.writeStringProperty("description", gluster.description());
        strings(g, "argv", gluster.argv());
      } else {
        Step.Wipe w = (Step.Wipe) step;
        g.writeStringProperty("kind", "wipe");
        g.writeStringProperty("volume", w.volume());
        g.writeStringProperty("description", w.description());
        g.writeStringProperty("host", w.host());
        g.writeStringProperty("mountPoint", w.mountPoint());
        g.writeArrayPropertyStart("argvs");
        for (List<String> argv : w.argvs()) {
          g.writeStartArray();
          argv.forEach(g::writeString);
          g.writeEndArray();
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void desiredChanges(JsonGenerator g, DesiredDiff d) {
    g.writeObjectPropertyStart("desiredChanges");
    g.writeStringProperty("base", d.base());
    optional(g, "baseMissing", d.baseMissing());
    g.writeArrayPropertyStart("settings");
    for (String s : d.settings()) {
      g.writeString(s);
    }
    g.writeEndArray();
    g.writeArrayPropertyStart("shares");
    for (DesiredDiff.ShareChange c : d.shares()) {
      g.writeStartObject();
      g.writeStringProperty("share", c.share());
      g.writeStringProperty("change", c.kind().json());
      g.writeArrayPropertyStart("details");
      for (String line : c.details()) {
        g.writeString(line);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  static void provenance(JsonGenerator g, Provenance p) {
    g.writeStartObject();
    g.writeStringProperty("file", p.file());
    g.writeStringProperty("digest", p.digest());
    g.writeStringProperty("toolVersion", p.toolVersion());
    optional(g, "commit", p.commit());
    if (p.dirty().isPresent()) {
      g.writeBooleanProperty("dirty", p.dirty().get());
    } else {
      g.writeNullProperty("dirty");
    }
    optional(g, "pathInRepo", p.pathInRepo());
    optional(g, "revision", p.revision());
    g.writeStringProperty("createdAt", p.createdAt());
    g.writeEndObject();
  }

  /** The provenance as a tree, for the documents built as trees (audit). */
  static ObjectNode provenance(Provenance p) {
    java.io.StringWriter out = new java.io.StringWriter();
    try (JsonGenerator g = Json.generator(out)) {
      provenance(g, p);
    }
    return (ObjectNode) Json.parse(out.toString());
  }

  private static void messages(JsonGenerator g, String name, List<PlanMessage> messages) {
    g.writeArrayPropertyStart(name);
    for (PlanMessage m : messages) {
      g.writeStartObject();
      g.writeStringProperty("kind", m.kind().id());
      optional(g, "share", m.share());
      optional(g, "cluster", m.cluster());
      g.writeStringProperty("message", m.message());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void optional(JsonGenerator g, String name, Optional<String> value) {
    if (value.isPresent()) {
      g.writeStringProperty(name, value.get());
    } else {
      g.writeNullProperty(name);
    }
  }

  private static void strings(JsonGenerator g, String name, List<String> values) {
    g.writeArrayPropertyStart(name);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
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
            optional(p.path("revision")),
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

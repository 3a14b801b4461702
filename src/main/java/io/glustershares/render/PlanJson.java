package io.glustershares.render;

import io.glustershares.plan.Action;
import io.glustershares.plan.Change;
import io.glustershares.plan.DesiredDiff;
import io.glustershares.plan.Fingerprint;
import io.glustershares.plan.Plan;
import io.glustershares.plan.PlanMessage;
import io.glustershares.plan.PlanOptions;
import io.glustershares.plan.Step;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.node.ObjectNode;

/**
 * The machine form of a plan ({@code schema/plan-v1.schema.json}); a saved plan is the same
 * document with the options and the fingerprint of the observed state it was made from. Reading a
 * saved plan back is {@code planfile}'s job.
 */
public final class PlanJson {

  public static final int FORMAT_VERSION = 1;

  private PlanJson() {}

  /**
   * What a saved plan ({@code plan --out}) adds to the document: the fingerprint of the observed
   * state and the options it was made with, so that {@code apply PLAN} can plan again from the same
   * inputs and refuse unless it gets the same plan.
   *
   * @param desiredFile the desired-state file, relative to the plan file's directory (or absolute
   *     when it was named so), so that {@code apply PLAN} finds it from any working directory
   */
  public record Saving(Fingerprint observed, PlanOptions options, String desiredFile) {}

  /** The plan as its JSON document, for saving to a file or comparing in tests. */
  public static String render(Plan plan, Provenance provenance, Optional<Saving> saving) {
    StringWriter out = new StringWriter();
    write(plan, provenance, saving, out);
    return out.toString();
  }

  /**
   * Streams the document to {@code out} without building it in memory first: a plan of 10 000 new
   * shares is 30 000 actions.
   */
  public static void write(Plan plan, Provenance provenance, Optional<Saving> saving, Writer out) {
    write(plan, provenance, saving, Optional.empty(), out);
  }

  /** With {@code diff}, the desired-state changes since a base revision are included. */
  public static void write(
      Plan plan,
      Provenance provenance,
      Optional<Saving> saving,
      Optional<DesiredDiff> diff,
      Writer out) {
    try (JsonGenerator g = Json.generator(out)) {
      write(plan, provenance, saving, diff, g);
    }
    Json.newline(out);
  }

  /** The same, as UTF-8 bytes. */
  public static void write(
      Plan plan,
      Provenance provenance,
      Optional<Saving> saving,
      Optional<DesiredDiff> diff,
      OutputStream out) {
    try (JsonGenerator g = Json.generator(out)) {
      write(plan, provenance, saving, diff, g);
    }
    Json.newline(out);
  }

  private static void write(
      Plan plan,
      Provenance provenance,
      Optional<Saving> saving,
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
      if (saving.isPresent()) {
        PlanOptions options = saving.get().options();
        g.writeObjectPropertyStart("options");
        g.writeBooleanProperty("prune", options.prune());
        strings(g, "targets", new TreeSet<>(options.targets()).stream().toList());
        g.writeStringProperty("now", options.now().toString());
        g.writeBooleanProperty("onlyScheduled", options.onlyScheduled());
        g.writeStringProperty("desiredFile", saving.get().desiredFile());
        g.writeEndObject();
        Fingerprint observed = saving.get().observed();
        g.writeObjectPropertyStart("observed");
        g.writeStringProperty("digest", observed.digest());
        g.writeObjectPropertyStart("clusters");
        for (Map.Entry<String, Map<String, String>> c : observed.clusters().entrySet()) {
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
      optional(g, "before", c.before().text());
      optional(g, "after", c.after().text());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeBooleanProperty("destructive", a.destructive());
    if (a.reason().isPresent()) {
      g.writeStringProperty("reason", a.reason().get());
    }
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
      } else if (step instanceof Step.CheckFree check) {
        g.writeStringProperty("kind", "check_free");
        g.writeStringProperty("volume", check.volume());
        g.writeStringProperty("description", check.description());
        strings(g, "argv", check.argv());
      } else {
        Step.Wipe w = (Step.Wipe) step;
        g.writeStringProperty("kind", "wipe");
        g.writeStringProperty("volume", w.volume());
        g.writeStringProperty("description", w.description());
        g.writeStringProperty("host", w.host());
        g.writeStringProperty("mountPoint", w.mountPoint());
        g.writeNumberProperty("replicas", w.replicas());
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
    StringWriter out = new StringWriter();
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
}

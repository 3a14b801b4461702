package io.glustershares.planfile;

import io.glustershares.model.Printable;
import io.glustershares.plan.Action;
import io.glustershares.plan.Change;
import io.glustershares.plan.DesiredDiff;
import io.glustershares.plan.Plan;
import io.glustershares.plan.PlanMessage;
import io.glustershares.plan.PlanOptions;
import io.glustershares.plan.Step;
import io.glustershares.planfile.PlanFileException.Reason;
import java.io.FilterOutputStream;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The wire format of a plan, both ways: the one class that knows the document's fields ({@code
 * schema/plan-v1.schema.json}). {@code plan --format json} prints it; a saved plan is the same
 * document with the options and the fingerprint of the observed state it was made from ({@link
 * Saving}), written by {@link PlanFileWriter} and read back, after its checks, by {@link
 * PlanFileReader}.
 */
public final class PlanFormat {

  public static final int FORMAT_VERSION = 1;

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private PlanFormat() {}

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
    try (JsonGenerator g = generator(out)) {
      write(plan, provenance, saving, diff, g);
    }
    newline(out);
  }

  /** The same, as UTF-8 bytes. */
  public static void write(
      Plan plan,
      Provenance provenance,
      Optional<Saving> saving,
      Optional<DesiredDiff> diff,
      OutputStream out) {
    try (JsonGenerator g = generator(out)) {
      write(plan, provenance, saving, diff, g);
    }
    newline(out);
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

  /**
   * The saved parts of a document that {@link PlanFileReader} checked: where it was made from, the
   * options and the fingerprint; the actions stay a document to compare against.
   */
  static SavedPlan read(JsonNode root, String shown) throws PlanFileException {
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
    Set<String> targets = new LinkedHashSet<>();
    root.path("options").path("targets").forEach(t -> targets.add(t.asString()));
    PlanOptions options =
        new PlanOptions(
            targets,
            root.path("options").path("prune").asBoolean(),
            instant(shown, root),
            root.path("options").path("onlyScheduled").asBoolean());
    Map<String, Map<String, String>> clusters = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> c : root.path("observed").path("clusters").properties()) {
      Map<String, String> items = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> i : c.getValue().properties()) {
        items.put(i.getKey(), i.getValue().asString());
      }
      clusters.put(c.getKey(), items);
    }
    Fingerprint observed =
        new Fingerprint(root.path("observed").path("digest").asString(), clusters);
    return new SavedPlan(
        provenance,
        options,
        observed,
        root.path("actions"),
        root.path("options").path("desiredFile").asString());
  }

  /** The instant the plan was made for: it is planned again for the same one. */
  private static Instant instant(String shown, JsonNode root) throws PlanFileException {
    String text = root.path("options").path("now").asString();
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new PlanFileException(
          Reason.INVALID,
          shown + ": $.options.now " + Printable.quoted(text) + " is not an instant");
    }
  }

  private static Optional<String> optional(JsonNode node) {
    return node.isString() ? Optional.of(node.asString()) : Optional.empty();
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
      } else if (step instanceof Step.Wipe w) {
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
      } else {
        throw new IllegalStateException("unknown step " + step);
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

  public static void provenance(JsonGenerator g, Provenance p) {
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
  public static ObjectNode provenance(Provenance p) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = generator(out)) {
      provenance(g, p);
    }
    return (ObjectNode) MAPPER.readTree(out.toString());
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

  /** Jackson closes what it writes to; standard output must stay open. */
  private static final class NonClosing extends FilterWriter {
    NonClosing(Writer out) {
      super(out);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }

  /**
   * A streaming generator with the same layout as {@link #pretty}; it does not close {@code out}.
   */
  static JsonGenerator generator(Writer out) {
    return MAPPER.writer().with(printer()).createGenerator(new NonClosing(out));
  }

  /** The same, writing UTF-8 bytes directly; it does not close {@code out}. */
  static JsonGenerator generator(OutputStream out) {
    return MAPPER
        .writer()
        .with(printer())
        .createGenerator(
            new FilterOutputStream(out) {
              @Override
              public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
              }

              @Override
              public void close() throws IOException {
                flush();
              }
            });
  }

  static void newline(OutputStream out) {
    try {
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void newline(Writer out) {
    try {
      out.write("\n");
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static DefaultPrettyPrinter printer() {
    return new DefaultPrettyPrinter()
        .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE)
        .withArrayIndenter(new DefaultPrettyPrinter.FixedSpaceIndenter());
  }
}

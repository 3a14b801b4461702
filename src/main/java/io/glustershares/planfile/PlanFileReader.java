package io.glustershares.planfile;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.glustershares.model.Printable;
import io.glustershares.plan.Fingerprint;
import io.glustershares.plan.PlanOptions;
import io.glustershares.planfile.PlanFileException.Reason;
import io.glustershares.render.PlanJson;
import io.glustershares.render.Provenance;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a saved plan strictly. A plan file sat in an artifact store: it is hostile until checked.
 * It must be a regular file of bounded size, UTF-8, JSON without duplicate keys, valid against
 * {@code plan-v1.schema.json} (so unknown step kinds and fields are refused, each problem named by
 * its JSON path), a saved plan ({@code options} and {@code observed} present, no errors), made by
 * this very tool version. What it returns is only what {@code apply} needs to plan again.
 */
public final class PlanFileReader {

  /** A plan of 10 000 new shares is about 30 000 actions, some 30 MB. */
  public static final long MAX_BYTES = 256L * 1024 * 1024;

  static final String SCHEMA = "/io/glustershares/schema/plan-v1.schema.json";

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private static final class Holder {
    static final Schema SCHEMA = load();

    private static Schema load() {
      try (InputStream in = PlanFileReader.class.getResourceAsStream(PlanFileReader.SCHEMA)) {
        if (in == null) {
          throw new IllegalStateException("schema resource missing from the jar: " + SCHEMA);
        }
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private PlanFileReader() {}

  /**
   * @param shown the file as the user named it, for messages
   * @param toolVersion this tool's version: a plan made by another is refused
   */
  public static SavedPlan read(Path file, String shown, String toolVersion)
      throws PlanFileException {
    return parse(bytes(file, shown), shown, toolVersion);
  }

  static byte[] bytes(Path file, String shown) throws PlanFileException {
    try {
      // Follows a link on purpose (an artifact may be one), but never opens a FIFO or a device.
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        throw new PlanFileException(Reason.INVALID, shown + ": not a regular file");
      }
      if (attributes.size() > MAX_BYTES) {
        throw new PlanFileException(
            Reason.INVALID,
            shown
                + ": "
                + attributes.size()
                + " bytes, more than a plan can be ("
                + MAX_BYTES
                + ")");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new PlanFileException(Reason.INVALID, shown + ": no such file");
    } catch (IOException e) {
      throw new PlanFileException(Reason.INVALID, shown + ": cannot be read (" + e + ")");
    }
  }

  static SavedPlan parse(byte[] bytes, String shown, String toolVersion) throws PlanFileException {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new PlanFileException(Reason.INVALID, shown + ": not UTF-8 text, so not a plan");
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (RuntimeException e) {
      throw new PlanFileException(
          Reason.INVALID, shown + ": not a JSON plan (" + firstLine(e.getMessage()) + ")");
    }
    if (root == null || !root.isObject()) {
      throw new PlanFileException(Reason.INVALID, shown + ": not a JSON plan");
    }
    if (root.path("formatVersion").asInt(-1) != PlanJson.FORMAT_VERSION) {
      throw new PlanFileException(
          Reason.REFUSED,
          shown
              + ": formatVersion "
              + root.path("formatVersion")
              + " is not "
              + PlanJson.FORMAT_VERSION
              + ", the only one this tool reads; make a new plan");
    }
    List<Error> errors = Holder.SCHEMA.validate(root);
    if (!errors.isEmpty()) {
      StringBuilder message = new StringBuilder(shown + ": not a valid plan:");
      errors.stream()
          .limit(5)
          .forEach(
              e ->
                  message
                      .append("\n  ")
                      .append(e.getInstanceLocation())
                      .append(": ")
                      .append(firstLine(e.getMessage())));
      if (errors.size() > 5) {
        message.append("\n  and ").append(errors.size() - 5).append(" more");
      }
      throw new PlanFileException(Reason.INVALID, message.toString());
    }
    if (!root.has("observed") || !root.has("options")) {
      throw new PlanFileException(
          Reason.INVALID,
          shown
              + ": not a saved plan (it has no fingerprint of what the clusters held); save plans"
              + " with plan --out");
    }
    if (!root.path("errors").isEmpty()) {
      throw new PlanFileException(
          Reason.INVALID, shown + ": a plan with errors is never saved, and is not applied");
    }
    JsonNode p = root.path("provenance");
    String madeBy = p.path("toolVersion").asString();
    if (!madeBy.equals(toolVersion)) {
      throw new PlanFileException(
          Reason.REFUSED,
          shown
              + ": made by gluster-shares "
              + madeBy
              + "; this is "
              + toolVersion
              + ", which may plan differently; make a new plan with this version");
    }
    Provenance provenance =
        new Provenance(
            p.path("file").asString(),
            p.path("digest").asString(),
            madeBy,
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

  private static String firstLine(String message) {
    String m = message == null ? "" : message.strip();
    int nl = m.indexOf('\n');
    m = nl < 0 ? m : m.substring(0, nl);
    return m.length() > 200 ? m.substring(0, 200) + "…" : m;
  }
}

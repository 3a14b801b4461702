package io.glustershares.load;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import io.glustershares.model.Diagnostic;
import io.glustershares.model.Printable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Validates a document against {@code gluster-shares-v1.schema.json} and turns every schema error
 * into a diagnostic at the YAML position of the offending value or key. The "what is valid" half of
 * each message is the {@code description} the schema gives the field, so editors and this tool say
 * the same thing.
 */
final class SchemaCheck {

  static final String RESOURCE = "/io/glustershares/schema/gluster-shares-v1.schema.json";

  private static final class Holder {
    static final JsonNode SCHEMA_JSON = readSchema();
    static final Schema SCHEMA =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SCHEMA_JSON.toString(), InputFormat.JSON);
  }

  private SchemaCheck() {}

  /**
   * Loads and compiles the schema on another thread, so that it is ready when the YAML is parsed:
   * on two cores this hides most of the validator's start-up.
   */
  static void warmUp() {
    Thread t = new Thread(() -> Holder.SCHEMA.getSchemaNode(), "gluster-shares-schema");
    t.setDaemon(true);
    t.start();
  }

  private static JsonNode readSchema() {
    try (InputStream in = SchemaCheck.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("schema resource missing from the jar: " + RESOURCE);
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Diagnostic> check(String file, YamlDocument doc) {
    List<com.networknt.schema.Error> errors = Holder.SCHEMA.validate(doc.json());
    // anyOf reports one error per alternative; users need one line saying what is missing.
    Map<String, List<com.networknt.schema.Error>> anyOfGroups = new LinkedHashMap<>();
    List<Diagnostic> out = new ArrayList<>();
    for (com.networknt.schema.Error error : errors) {
      int anyOf = indexOf(error.getEvaluationPath(), "anyOf");
      if (anyOf >= 0) {
        String key = error.getInstanceLocation() + "|" + prefix(error.getEvaluationPath(), anyOf);
        anyOfGroups.computeIfAbsent(key, k -> new ArrayList<>()).add(error);
      } else {
        out.add(toDiagnostic(file, doc, error));
      }
    }
    for (List<com.networknt.schema.Error> group : anyOfGroups.values()) {
      out.add(anyOfDiagnostic(file, doc, group));
    }
    return out;
  }

  private static Diagnostic toDiagnostic(
      String file, YamlDocument doc, com.networknt.schema.Error error) {
    FieldPath at = fieldPath(error.getInstanceLocation());
    SchemaPlace place =
        walk(error.getEvaluationPath(), error.getEvaluationPath().getNameCount() - 1);
    String valid = place.description().map(d -> "; valid: " + d).orElse("");
    JsonNode value = error.getInstanceNode();
    String keyword = error.getKeyword();
    switch (keyword) {
      case "required" -> {
        String property = error.getProperty();
        FieldPath field = at.key(property);
        String what = describeProperty(place.node(), property).map(d -> "; valid: " + d).orElse("");
        return at(file, doc.valuePosition(at), field, "required field is missing" + what);
      }
      case "additionalProperties" -> {
        String property = error.getProperty();
        FieldPath field = at.key(property);
        List<String> known = propertyNames(place.node());
        String suggestion =
            Suggestions.closest(property, known)
                .map(s -> " (did you mean " + Printable.quoted(s) + "?)")
                .orElse("");
        return at(
            file,
            doc.keyPosition(field),
            field,
            "unknown field" + suggestion + "; valid: " + String.join(", ", known));
      }
      case "propertyNames" -> {
        String property = error.getProperty();
        FieldPath field = at.key(property);
        String what = place.descriptionOf("propertyNames").map(d -> "; valid: " + d).orElse("");
        return at(
            file,
            doc.keyPosition(field),
            field,
            Printable.quoted(property) + " is not a valid name" + what);
      }
      case "type" -> {
        Object[] args = error.getArguments();
        String expected = args.length > 1 ? String.valueOf(args[1]) : "?";
        return at(
            file,
            doc.valuePosition(at),
            at,
            "expected " + typeName(expected) + ", got " + render(value) + valid);
      }
      case "enum", "const" -> {
        return at(file, doc.valuePosition(at), at, render(value) + " is not supported" + valid);
      }
      case "not" -> {
        return at(file, doc.keyPosition(at), at, "not allowed" + valid);
      }
      case "pattern" -> {
        return at(file, doc.valuePosition(at), at, render(value) + " is not valid" + valid);
      }
      case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" -> {
        return at(
            file,
            doc.valuePosition(at),
            at,
            render(value)
                + " is out of range ("
                + Printable.oneLine(error.getMessage())
                + ")"
                + valid);
      }
      case "minLength", "maxLength" -> {
        int length = value != null && value.isString() ? value.asString().length() : 0;
        return at(
            file,
            doc.valuePosition(at),
            at,
            "is "
                + length
                + " characters long ("
                + error.getMessage().replace("must be ", "")
                + ")"
                + valid);
      }
      case "minProperties", "minItems" -> {
        return at(file, doc.valuePosition(at), at, "is empty" + valid);
      }
      default -> {
        return at(file, doc.valuePosition(at), at, Printable.oneLine(error.getMessage()) + valid);
      }
    }
  }

  private static Diagnostic anyOfDiagnostic(
      String file, YamlDocument doc, List<com.networknt.schema.Error> group) {
    com.networknt.schema.Error first = group.get(0);
    FieldPath at = fieldPath(first.getInstanceLocation());
    int anyOf = indexOf(first.getEvaluationPath(), "anyOf");
    SchemaPlace place = walk(first.getEvaluationPath(), anyOf);
    List<String> alternatives = new ArrayList<>();
    for (com.networknt.schema.Error e : group) {
      if (e.getKeyword().equals("required")) {
        alternatives.add(Printable.quoted(e.getProperty()));
      }
    }
    String what =
        alternatives.size() == group.size() && !alternatives.isEmpty()
            ? "needs " + String.join(" or ", alternatives)
            : "does not match any allowed form";
    String valid = place.description().map(d -> "; valid: " + d).orElse("");
    return at(file, doc.valuePosition(at), at, what + valid);
  }

  private static Diagnostic at(String file, Position p, FieldPath field, String message) {
    String name = field.isRoot() ? "(document)" : field.toString();
    return Diagnostic.error(file, p.line(), p.column(), name, message);
  }

  /** The schema node reached by following an evaluation path, and its nearest description. */
  private record SchemaPlace(JsonNode node, Optional<String> description) {
    Optional<String> descriptionOf(String child) {
      return text(node.path(child).path("description"));
    }
  }

  private static SchemaPlace walk(NodePath evaluationPath, int stopBefore) {
    JsonNode root = Holder.SCHEMA_JSON;
    JsonNode node = root;
    Optional<String> description = text(root.path("description"));
    for (int i = 0; i < stopBefore; i++) {
      String segment = evaluationPath.getName(i);
      if (segment.equals("$ref")) {
        node = resolve(root, node.path("$ref").asString());
        if (description.isEmpty()) {
          description = text(node.path("description"));
        }
      } else {
        node = node.path(segment);
        description = text(node.path("description"));
      }
    }
    // An object reached through a $ref keeps its own description if the referrer had none.
    if (node.has("$ref") && description.isEmpty()) {
      description = text(resolve(root, node.path("$ref").asString()).path("description"));
    }
    return new SchemaPlace(node, description);
  }

  private static JsonNode resolve(JsonNode root, String ref) {
    if (!ref.startsWith("#/")) {
      return root;
    }
    JsonNode node = root;
    for (String part : ref.substring(2).split("/")) {
      node = node.path(part.replace("~1", "/").replace("~0", "~"));
    }
    return node;
  }

  private static Optional<String> describeProperty(JsonNode objectSchema, String property) {
    JsonNode prop = objectSchema.path("properties").path(property);
    Optional<String> own = text(prop.path("description"));
    if (own.isPresent() || !prop.has("$ref")) {
      return own;
    }
    return text(resolve(Holder.SCHEMA_JSON, prop.path("$ref").asString()).path("description"));
  }

  private static List<String> propertyNames(JsonNode objectSchema) {
    List<String> names = new ArrayList<>();
    JsonNode props = objectSchema.path("properties");
    for (Iterator<String> it = props.propertyNames().iterator(); it.hasNext(); ) {
      String name = it.next();
      // Refused fields exist only to explain the refusal; never suggest them.
      if (!props.path(name).has("not")) {
        names.add(name);
      }
    }
    return names;
  }

  private static Optional<String> text(JsonNode node) {
    return node.isString() ? Optional.of(node.asString()) : Optional.empty();
  }

  private static int indexOf(NodePath path, String segment) {
    for (int i = 0; i < path.getNameCount(); i++) {
      if (segment.equals(path.getName(i))) {
        return i;
      }
    }
    return -1;
  }

  private static String prefix(NodePath path, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append('/').append(path.getName(i));
    }
    return sb.toString();
  }

  static FieldPath fieldPath(NodePath instanceLocation) {
    List<Object> elements = new ArrayList<>();
    for (int i = 0; i < instanceLocation.getNameCount(); i++) {
      elements.add(instanceLocation.getElement(i));
    }
    return new FieldPath(elements);
  }

  private static String typeName(String schemaType) {
    return switch (schemaType) {
      case "string" -> "a string";
      case "integer" -> "a whole number";
      case "number" -> "a number";
      case "object" -> "a mapping";
      case "array" -> "a list";
      case "boolean" -> "true or false";
      case "null" -> "nothing";
      default -> schemaType;
    };
  }

  /** A value as it can be shown on one line. */
  static String render(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "nothing";
    }
    if (value.isString()) {
      return "the string " + Printable.quoted(value.asString());
    }
    if (value.isObject()) {
      return "a mapping";
    }
    if (value.isArray()) {
      return "a list";
    }
    if (value.isBoolean()) {
      return value.asString();
    }
    return value.toString();
  }
}

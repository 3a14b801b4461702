package io.glustershares.load;

import io.glustershares.model.Diagnostic;
import io.glustershares.model.Printable;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the JSON tree of {@link YamlDocument#parse} from parser events, collecting problems
 * instead of stopping at the first one (except where the rest of the document cannot be read
 * sensibly).
 */
final class YamlTreeBuilder {
  private final String file;
  private final List<Diagnostic> problems = new ArrayList<>();
  private final Deque<Frame> stack = new ArrayDeque<>();
  private final Map<String, Anchored> anchors = new HashMap<>();
  private JsonNode result;
  private int documents;
  private int skipDepth;
  private int expandedByAliases;

  /** An open mapping or sequence. */
  private static final class Frame {
    final JsonNode container;
    final FieldPath path;
    final Optional<String> anchor;
    final Map<String, Mark> keys = new HashMap<>();
    String pendingKey;
    boolean expectingKey = true;
    int nodes = 1;

    Frame(JsonNode container, FieldPath path, Optional<String> anchor) {
      this.container = container;
      this.path = path;
      this.anchor = anchor;
    }
  }

  private record Anchored(JsonNode node, int nodes) {}

  YamlTreeBuilder(String file) {
    this.file = file;
  }

  /** Takes one event; false once the document cannot be read further. */
  /** The problems found so far, in the file's order. */
  List<Diagnostic> problems() {
    return problems;
  }

  /** The JSON tree of the document; null when it was empty. */
  JsonNode result() {
    return result;
  }

  boolean accept(Event event) {
    switch (event.getEventId()) {
      case DocumentStart -> {
        if (++documents > 1) {
          problem(
              event,
              FieldPath.ROOT,
              "(file)",
              "expected a single document in the stream, but found another document; valid:"
                  + " one YAML document");
          return false;
        }
      }
      case MappingStart, SequenceStart -> {
        return startCollection((CollectionStartEvent) event);
      }
      case MappingEnd, SequenceEnd -> endCollection();
      case Scalar -> scalar((ScalarEvent) event);
      case Alias -> alias((AliasEvent) event);
      default -> {}
    }
    return true;
  }

  private boolean startCollection(CollectionStartEvent event) {
    if (skipDepth > 0) {
      skipDepth++;
      return true;
    }
    Frame parent = stack.peek();
    if (parent != null && parent.container.isObject() && parent.expectingKey) {
      problem(event, parent.path, null, "a mapping key must be a plain value; valid: name: value");
      skipDepth = 1;
      parent.expectingKey = false;
      parent.pendingKey = null;
      return true;
    }
    if (!checkTag(event, event.getTag(), placeOfNext())) {
      // Keep building: the tag is reported, the structure is still useful.
    }
    if (stack.size() >= YamlDocument.MAX_DEPTH) {
      problem(
          event,
          placeOfNext(),
          null,
          "nested more than " + YamlDocument.MAX_DEPTH + " levels deep; valid: a" + " flat file");
      return false;
    }
    JsonNodeFactory f = JsonNodeFactory.instance;
    JsonNode container = event instanceof MappingStartEvent ? f.objectNode() : f.arrayNode();
    stack.push(new Frame(container, placeOfNext(), event.getAnchor().map(a -> a.getValue())));
    return true;
  }

  private void endCollection() {
    if (skipDepth > 0) {
      if (--skipDepth == 0) {
        // The complex key is skipped; its value follows and is skipped as a pair.
        Frame parent = stack.peek();
        if (parent != null) {
          parent.pendingKey = null;
        }
      }
      return;
    }
    Frame done = stack.pop();
    done.anchor.ifPresent(a -> anchors.put(a, new Anchored(done.container, done.nodes)));
    attach(done.container, done.nodes);
  }

  private void scalar(ScalarEvent event) {
    if (skipDepth > 0) {
      return;
    }
    Frame parent = stack.peek();
    if (parent != null && parent.container.isObject() && parent.expectingKey) {
      String key = event.getValue();
      Mark first = parent.keys.putIfAbsent(key, event.getStartMark().orElse(null));
      parent.expectingKey = false;
      if (first != null) {
        problem(
            event,
            parent.path.key(key),
            null,
            "duplicate key (first at line "
                + (first.getLine() + 1)
                + "); valid: each key once per mapping");
        parent.pendingKey = null;
      } else {
        parent.pendingKey = key;
      }
      return;
    }
    FieldPath at = placeOfNext();
    JsonNode value = scalarValue(event, at);
    event.getAnchor().ifPresent(a -> anchors.put(a.getValue(), new Anchored(value, 1)));
    attach(value, 1);
  }

  private void alias(AliasEvent event) {
    if (skipDepth > 0) {
      return;
    }
    FieldPath at = placeOfNext();
    String name = event.getAlias().getValue();
    Anchored anchored = anchors.get(name);
    if (anchored == null) {
      boolean open = stack.stream().anyMatch(f -> f.anchor.filter(name::equals).isPresent());
      problem(
          event,
          at,
          null,
          open
              ? "a recursive alias; valid: aliases that do not contain themselves"
              : "alias *"
                  + Printable.value(name)
                  + " has no anchor before it; valid: an alias to an earlier &anchor");
      attach(JsonNodeFactory.instance.nullNode(), 1);
      return;
    }
    expandedByAliases += anchored.nodes();
    if (expandedByAliases > YamlDocument.MAX_ALIAS_EXPANSION) {
      if (problems.stream().noneMatch(p -> p.message().contains("alias bomb"))) {
        problem(
            event,
            at,
            null,
            "YAML aliases expand the document to more than "
                + YamlDocument.MAX_ALIAS_EXPANSION
                + " extra nodes (an alias bomb?); valid: aliases used sparingly");
      }
      attach(JsonNodeFactory.instance.nullNode(), 1);
      return;
    }
    // The same node in two places is fine: the tree is only read.
    attach(anchored.node(), anchored.nodes());
  }

  /** Where the next value goes: the pending key of a mapping, or the next index of a list. */
  private FieldPath placeOfNext() {
    Frame parent = stack.peek();
    if (parent == null) {
      return FieldPath.ROOT;
    }
    if (parent.container.isObject()) {
      return parent.pendingKey == null ? parent.path : parent.path.key(parent.pendingKey);
    }
    return parent.path.index(parent.container.size());
  }

  private void attach(JsonNode value, int nodes) {
    Frame parent = stack.peek();
    if (parent == null) {
      result = value;
      return;
    }
    parent.nodes += nodes;
    if (parent.container instanceof ObjectNode object) {
      if (parent.pendingKey != null) {
        object.set(parent.pendingKey, value);
      }
      parent.pendingKey = null;
      parent.expectingKey = true;
    } else {
      ((ArrayNode) parent.container).add(value);
    }
  }

  private JsonNode scalarValue(ScalarEvent event, FieldPath at) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    String value = event.getValue();
    Optional<String> tag = event.getTag().filter(t -> !t.equals("!"));
    if (tag.isEmpty()) {
      return event.isPlain() ? resolvePlain(value) : f.stringNode(value);
    }
    if (!checkTag(event, tag, at)) {
      return f.stringNode(value);
    }
    try {
      return switch (tag.get()) {
        case "tag:yaml.org,2002:int" -> integer(value);
        case "tag:yaml.org,2002:float" -> f.numberNode(floating(value));
        case "tag:yaml.org,2002:bool" -> f.booleanNode(value.equalsIgnoreCase("true"));
        case "tag:yaml.org,2002:null" -> f.nullNode();
        default -> f.stringNode(value);
      };
    } catch (NumberFormatException e) {
      problem(event, at, null, Printable.quoted(value) + " is not a number; valid: a number");
      return f.nullNode();
    }
  }

  private static final List<String> CORE_TAGS =
      List.of(
          "tag:yaml.org,2002:str",
          "tag:yaml.org,2002:int",
          "tag:yaml.org,2002:float",
          "tag:yaml.org,2002:bool",
          "tag:yaml.org,2002:null",
          "tag:yaml.org,2002:map",
          "tag:yaml.org,2002:seq");

  private boolean checkTag(NodeEvent event, Optional<String> tag, FieldPath at) {
    if (tag.isEmpty() || tag.get().equals("!") || CORE_TAGS.contains(tag.get())) {
      return true;
    }
    problem(
        event,
        at,
        null,
        "the YAML tag " + Printable.value(tag.get()) + " is not supported; valid: untagged values");
    return false;
  }

  /** YAML 1.2 core schema resolution, with a cheap look at the first character first. */
  private static JsonNode resolvePlain(String value) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (value.isEmpty()) {
      return f.nullNode();
    }
    char c = value.charAt(0);
    if ("~nN".indexOf(c) >= 0 && CoreScalarResolver.NULL.matcher(value).matches()) {
      return f.nullNode();
    }
    if ("tTfF".indexOf(c) >= 0 && CoreScalarResolver.BOOL.matcher(value).matches()) {
      return f.booleanNode(value.equalsIgnoreCase("true"));
    }
    if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') {
      if (CoreScalarResolver.INT.matcher(value).matches()) {
        return integer(value);
      }
      if (CoreScalarResolver.FLOAT.matcher(value).matches()) {
        return f.numberNode(floating(value));
      }
    }
    return f.stringNode(value);
  }

  private static JsonNode integer(String text) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    String t = text.replace("_", "");
    BigInteger v;
    if (t.startsWith("0x") || t.startsWith("0X")) {
      v = new BigInteger(t.substring(2), 16);
    } else if (t.startsWith("0o")) {
      v = new BigInteger(t.substring(2), 8);
    } else {
      v = new BigInteger(t);
    }
    return v.bitLength() < 63 ? f.numberNode(v.longValue()) : f.numberNode(v);
  }

  private static double floating(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    if (t.endsWith(".inf")) {
      return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (t.equals(".nan")) {
      return Double.NaN;
    }
    return Double.parseDouble(t);
  }

  private void problem(Event event, FieldPath path, String field, String message) {
    Position p = event.getStartMark().map(YamlDocument::position).orElse(Position.UNKNOWN);
    String name = field != null ? field : path.isRoot() ? "(document)" : path.toString();
    problems.add(Diagnostic.error(file, p.line(), p.column(), name, message));
  }
}

package io.glustershares.load;

import io.glustershares.model.Diagnostic;
import io.glustershares.model.Printable;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import tools.jackson.databind.JsonNode;

/**
 * A YAML 1.2 document converted to a JSON tree for the schema, keeping the way back from any place
 * in the tree to its line and column.
 *
 * <p>The tree is built straight from the parser's events (composing snakeyaml nodes costs more than
 * half of validating a 10 000-share file); the composed node tree, which knows every position, is
 * only built when a diagnostic asks for one. While building, duplicate keys are errors and aliases
 * may not expand the document beyond {@link #MAX_ALIAS_EXPANSION} nodes (the "billion laughs"
 * attack).
 */
public final class YamlDocument {

  /** Large enough for 100 000 shares; larger files are refused before parsing. */
  public static final int MAX_CODE_POINTS = 32 * 1024 * 1024;

  public static final int MAX_ALIASES = 100;
  public static final int MAX_ALIAS_EXPANSION = 10_000;
  public static final int MAX_DEPTH = 64;

  private static final int BUFFER_CODE_POINTS = 1024 * 1024;

  private final String file;
  private final String text;
  private final JsonNode json;
  private Node root;

  private YamlDocument(String file, String text, JsonNode json) {
    this.file = file;
    this.text = text;
    this.json = json;
  }

  public JsonNode json() {
    return json;
  }

  /** The result of parsing: a document, or the problems that stopped it. */
  public record Parsed(Optional<YamlDocument> document, List<Diagnostic> problems) {}

  private static LoadSettings settings(String file) {
    return LoadSettings.builder()
        .setLabel(file)
        .setSchema(new CoreSchema())
        .setCodePointLimit(MAX_CODE_POINTS)
        .setMaxAliasesForCollections(MAX_ALIASES)
        .setAllowRecursiveKeys(false)
        .setUseMarks(true)
        // The reader copies its window each time a token outgrows the buffer: with the default
        // 1 KiB, one scalar of 1 MB costs seconds (quadratic); with 1 MiB, a few copies.
        .setBufferSize(BUFFER_CODE_POINTS)
        .build();
  }

  public static Parsed parse(String file, String text) {
    YamlTreeBuilder builder = new YamlTreeBuilder(file);
    try {
      for (Event event : new Parse(settings(file)).parseString(text)) {
        if (!builder.accept(event)) {
          break;
        }
      }
    } catch (MarkedYamlEngineException e) {
      Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
      return failed(file, mark, "YAML syntax error: " + describe(e) + "; valid: YAML 1.2");
    } catch (ReaderException e) {
      Position p = positionOfCodePoint(text, e.getPosition());
      return new Parsed(
          Optional.empty(),
          List.of(
              Diagnostic.error(
                  file,
                  p.line(),
                  p.column(),
                  "(file)",
                  String.format(
                      "the character U+%04X is not allowed in YAML; valid: printable text",
                      e.getCodePoint()))));
    } catch (YamlEngineException e) {
      return failed(
          file, null, "YAML error: " + Printable.oneLine(e.getMessage()) + "; valid: YAML 1.2");
    }
    if (!builder.problems().isEmpty()) {
      return new Parsed(Optional.empty(), builder.problems());
    }
    if (builder.result() == null) {
      return failed(
          file,
          null,
          "the file is empty; valid: a mapping with apiVersion, stack, volumePattern, clusters"
              + " and shares");
    }
    return new Parsed(Optional.of(new YamlDocument(file, text, builder.result())), List.of());
  }

  private static Parsed failed(String file, Mark mark, String message) {
    // Problems without a mark concern the whole file: point at its start.
    Position p = mark == null ? new Position(1, 1) : position(mark);
    return new Parsed(
        Optional.empty(), List.of(Diagnostic.error(file, p.line(), p.column(), "(file)", message)));
  }

  private static Position positionOfCodePoint(String text, int codePointIndex) {
    int line = 1;
    int column = 1;
    int index = 0;
    for (int i = 0; i < text.length() && index < codePointIndex; index++) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new Position(line, column);
  }

  private static String describe(MarkedYamlEngineException e) {
    String context = e.getContext() == null ? "" : e.getContext();
    String problem = e.getProblem() == null ? "" : e.getProblem();
    String text = (context.isEmpty() ? problem : context + ", " + problem).trim();
    return Printable.oneLine(text.isEmpty() ? String.valueOf(e.getMessage()) : text);
  }

  static Position position(Mark mark) {
    return new Position(mark.getLine() + 1, mark.getColumn() + 1);
  }

  /** Where the value at {@code path} starts; falls back to the nearest enclosing value. */
  public Position valuePosition(FieldPath path) {
    Node node = composed();
    if (node == null) {
      return Position.UNKNOWN;
    }
    for (Object element : path.elements()) {
      Optional<Node> next = child(node, element, false);
      if (next.isEmpty()) {
        break;
      }
      node = next.get();
    }
    return node.getStartMark().map(YamlDocument::position).orElse(Position.UNKNOWN);
  }

  /** Where the key of the mapping entry at {@code path} starts (the value's place otherwise). */
  public Position keyPosition(FieldPath path) {
    if (path.isRoot()) {
      return valuePosition(path);
    }
    List<Object> elements = path.elements();
    Object last = elements.get(elements.size() - 1);
    Node parent = composed();
    if (parent == null) {
      return Position.UNKNOWN;
    }
    for (Object element : elements.subList(0, elements.size() - 1)) {
      Optional<Node> next = child(parent, element, false);
      if (next.isEmpty()) {
        return valuePosition(path);
      }
      parent = next.get();
    }
    return child(parent, last, true)
        .flatMap(Node::getStartMark)
        .map(YamlDocument::position)
        .orElseGet(() -> valuePosition(path));
  }

  /** The composed node at {@code path} (with its marks), for edits of the file's text. */
  Optional<Node> node(FieldPath path) {
    Node node = composed();
    if (node == null) {
      return Optional.empty();
    }
    for (Object element : path.elements()) {
      Optional<Node> next = child(node, element, false);
      if (next.isEmpty()) {
        return Optional.empty();
      }
      node = next.get();
    }
    return Optional.of(node);
  }

  /** The key node of the mapping entry at {@code path}. */
  Optional<Node> keyNode(FieldPath path) {
    List<Object> elements = path.elements();
    if (elements.isEmpty()) {
      return Optional.empty();
    }
    Optional<Node> parent = node(new FieldPath(elements.subList(0, elements.size() - 1)));
    return parent.flatMap(p -> child(p, elements.get(elements.size() - 1), true));
  }

  /** The text the document was parsed from. */
  String text() {
    return text;
  }

  /** The composed node tree, built on first use: only documents with problems need it. */
  private Node composed() {
    if (root == null) {
      try {
        root = new Compose(settings(file)).composeString(text).orElse(null);
      } catch (YamlEngineException e) {
        return null;
      }
    }
    return root;
  }

  private static Optional<Node> child(Node node, Object element, boolean wantKey) {
    if (node instanceof MappingNode mapping && element instanceof String key) {
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
          return Optional.of(wantKey ? tuple.getKeyNode() : tuple.getValueNode());
        }
      }
    } else if (node instanceof SequenceNode sequence && element instanceof Integer index) {
      if (index >= 0 && index < sequence.getValue().size()) {
        return Optional.of(sequence.getValue().get(index));
      }
    }
    return Optional.empty();
  }
}

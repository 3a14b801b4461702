package io.glustershares.render;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Collection;
import java.util.Optional;
import java.util.OptionalInt;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Small helpers for building JSON documents field by field, in a stable order. */
public final class Json {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  public static ArrayNode array() {
    return NODES.arrayNode();
  }

  public static ArrayNode strings(Collection<String> values) {
    ArrayNode a = array();
    values.forEach(a::add);
    return a;
  }

  public static void put(ObjectNode o, String key, Optional<String> value) {
    if (value.isPresent()) {
      o.put(key, value.get());
    } else {
      o.putNull(key);
    }
  }

  public static void put(ObjectNode o, String key, OptionalInt value) {
    if (value.isPresent()) {
      o.put(key, value.getAsInt());
    } else {
      o.putNull(key);
    }
  }

  /** Writes {@link #pretty} to {@code out} without building the text in memory first. */
  public static void write(JsonNode node, Writer out) {
    MAPPER.writer().with(printer()).writeValue(new NonClosing(out), node);
    try {
      out.write("\n");
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  private static DefaultPrettyPrinter printer() {
    return new DefaultPrettyPrinter()
        .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE)
        .withArrayIndenter(new DefaultPrettyPrinter.FixedSpaceIndenter());
  }

  /** Two-space indented, a newline at the end: diffable and stable. */
  public static String pretty(JsonNode node) {
    // Objects one field per line; arrays (argv, CN lists) on one line, as people read them.
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter()
            .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE)
            .withArrayIndenter(new DefaultPrettyPrinter.FixedSpaceIndenter());
    return MAPPER.writer().with(printer).writeValueAsString(node) + "\n";
  }

  /** On one line, no spaces: a line of a JSON-lines stream ({@code apply --json}). */
  public static String compact(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  public static JsonNode parse(String text) {
    return MAPPER.readTree(text);
  }
}

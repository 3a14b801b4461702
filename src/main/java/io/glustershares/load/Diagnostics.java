package io.glustershares.load;

import io.glustershares.model.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The problems the semantic rules find in one document, each placed at the YAML position of the
 * field it concerns. Shared by the rule classes so that all problems come out together.
 */
final class Diagnostics {

  private final String file;
  private final YamlDocument doc;
  private final List<Diagnostic> list = new ArrayList<>();

  Diagnostics(String file, YamlDocument doc) {
    this.file = file;
    this.doc = doc;
  }

  void error(FieldPath at, String message) {
    Position p = doc.valuePosition(at);
    list.add(Diagnostic.error(file, p.line(), p.column(), at.toString(), message));
  }

  void warning(FieldPath at, String message) {
    Position p = doc.valuePosition(at);
    list.add(Diagnostic.warning(file, p.line(), p.column(), at.toString(), message));
  }

  /** The line of a field, for "first at line N" in messages about duplicates. */
  int line(FieldPath at) {
    return doc.valuePosition(at).line();
  }

  boolean hasErrors() {
    return list.stream().anyMatch(Diagnostic::isError);
  }

  List<Diagnostic> list() {
    return list;
  }

  /** A string value of the document; anything else (missing, a number, a list) is empty. */
  static Optional<String> text(JsonNode node) {
    return node != null && node.isString() ? Optional.of(node.asString()) : Optional.empty();
  }
}

package io.glustershares.render;

import io.glustershares.model.DesiredState;
import io.glustershares.model.Diagnostic;
import io.glustershares.model.Printable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code validate --json}: every diagnostic with its place, and what the file holds when it is
 * valid (schema/validate-v1.schema.json). Messages are escaped as their one-line form is, so that a
 * viewer of the JSON sees what a terminal would.
 */
public final class ValidateJson {

  private ValidateJson() {}

  public static ObjectNode render(
      String file,
      Optional<String> revision,
      Optional<DesiredState> state,
      List<Diagnostic> diagnostics) {
    ObjectNode root = Json.object();
    root.put("formatVersion", 1);
    root.put("file", Printable.line(file));
    Json.put(root, "revision", revision.map(Printable::line));
    root.put("valid", state.isPresent() && diagnostics.stream().noneMatch(Diagnostic::isError));
    root.put("errorCount", diagnostics.stream().filter(Diagnostic::isError).count());
    root.put("warningCount", diagnostics.stream().filter(d -> !d.isError()).count());
    if (state.isPresent()) {
      ObjectNode counts = root.putObject("counts");
      counts.put("clusters", state.get().clusters().size());
      counts.put("shares", state.get().shares().size());
      counts.put("accessEntries", state.get().accessEntryCount());
      counts.put("snapshots", state.get().snapshotCount());
    } else {
      root.putNull("counts");
    }
    ArrayNode list = root.putArray("diagnostics");
    for (Diagnostic d : diagnostics) {
      ObjectNode o = list.addObject();
      o.put("severity", d.severity().name().toLowerCase(Locale.ROOT));
      o.put("file", Printable.line(d.file()));
      // 0 is the loader's "no position" (the whole file, a cluster): null says so in JSON.
      if (d.line() > 0) {
        o.put("line", d.line());
        o.put("column", d.column());
      } else {
        o.putNull("line");
        o.putNull("column");
      }
      o.put("field", Printable.line(d.field()));
      o.put("message", Printable.line(d.message()));
    }
    return root;
  }
}

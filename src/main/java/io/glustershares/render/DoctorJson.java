package io.glustershares.render;

import io.glustershares.inspect.Doctor;
import io.glustershares.model.Printable;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code doctor --json} (schema/doctor-v1.schema.json): every check with its name, scope, status,
 * message and fix, and a count per status. The statuses are whatever {@link Doctor.Level} holds, so
 * a new one reaches the JSON (and the test against the schema) without a change here.
 */
public final class DoctorJson {

  private DoctorJson() {}

  public static ObjectNode render(List<Doctor.Finding> findings) {
    ObjectNode root = Json.object();
    root.put("formatVersion", 1);
    ArrayNode checks = root.putArray("checks");
    for (Doctor.Finding f : findings) {
      ObjectNode o = checks.addObject();
      o.put("name", f.check());
      o.put("scope", Printable.line(f.cluster()));
      o.put("status", f.level().name());
      // Names and certificates read from servers are escaped in the text form; so they are here.
      o.put("message", Printable.line(f.what()));
      Json.put(o, "fix", f.fix().map(Printable::line));
    }
    ObjectNode summary = root.putObject("summary");
    for (Doctor.Level level : Doctor.Level.values()) {
      summary.put(
          level.name().toLowerCase(Locale.ROOT),
          findings.stream().filter(f -> f.level() == level).count());
    }
    return root;
  }
}

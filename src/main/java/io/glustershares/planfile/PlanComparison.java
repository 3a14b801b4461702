package io.glustershares.planfile;

import io.glustershares.model.Plural;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * A saved plan against the plan made again from the same inputs: equal action for action and argv
 * for argv, or a list of what differs, for people. Both sides are the plan's JSON, the document
 * that was reviewed; every field of every action counts.
 */
public final class PlanComparison {

  /** How many differences are described before the rest is counted. */
  static final int SHOWN = 20;

  private PlanComparison() {}

  public static List<String> differences(JsonNode saved, JsonNode now) {
    List<String> out = new ArrayList<>();
    Map<String, Integer> nowIndex = new HashMap<>();
    for (int i = 0; i < now.size(); i++) {
      nowIndex.put(now.get(i).path("id").asString(), i);
    }
    Set<String> savedIds = new TreeSet<>();
    for (int i = 0; i < saved.size(); i++) {
      JsonNode s = saved.get(i);
      String id = s.path("id").asString();
      savedIds.add(id);
      Integer j = nowIndex.get(id);
      if (j == null) {
        out.add("action " + id + " is in the saved plan but not in the plan made now");
        continue;
      }
      if (j != i) {
        out.add(
            "action " + id + " is action " + (i + 1) + " in the saved plan, " + (j + 1) + " now");
      }
      compare("action " + id, s, now.get(j), out);
    }
    for (int j = 0; j < now.size(); j++) {
      String id = now.get(j).path("id").asString();
      if (!savedIds.contains(id)) {
        out.add("action " + id + " is in the plan made now but not in the saved plan");
      }
    }
    return out;
  }

  private static void compare(String where, JsonNode a, JsonNode b, List<String> out) {
    if (a.equals(b)) {
      return;
    }
    if (a.isObject() && b.isObject()) {
      Set<String> keys = new TreeSet<>(a.propertyNames());
      keys.addAll(b.propertyNames());
      for (String k : keys) {
        compare(where + "." + k, a.path(k), b.path(k), out);
      }
    } else if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        out.add(
            where
                + ": "
                + Plural.of(a.size(), "entry", "entries")
                + " saved, "
                + b.size()
                + " now");
      }
      for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
        compare(where + "[" + i + "]", a.get(i), b.get(i), out);
      }
    } else {
      out.add(where + ": saved " + shorten(a) + ", now " + shorten(b));
    }
  }

  private static String shorten(JsonNode node) {
    if (node.isMissingNode()) {
      return "(absent)";
    }
    String text = node.toString();
    return text.length() > 120 ? text.substring(0, 120) + "…" : text;
  }
}

package io.glustershares.render;

import io.glustershares.plan.Action;
import io.glustershares.plan.ActionType;
import io.glustershares.plan.Change;
import io.glustershares.plan.Plan;
import io.glustershares.plan.PlanMessage;
import java.io.PrintWriter;

/** A plan for people: one block per action, symbols first, and the summary line last. */
public final class PlanText {

  private PlanText() {}

  public static void render(Plan plan, Provenance provenance, PrintWriter out) {
    out.println(header(provenance, plan.stack()));
    out.println();
    for (Action a : plan.actions()) {
      StringBuilder head = new StringBuilder();
      head.append(a.type().symbol())
          .append(' ')
          .append(a.type().id())
          .append(' ')
          .append(a.share());
      if (a.type() == ActionType.CREATE_SNAPSHOT || a.type() == ActionType.DELETE_SNAPSHOT) {
        a.snapshot().ifPresent(s -> head.append('/').append(s));
      }
      head.append("  cluster ").append(a.cluster());
      a.volume().ifPresent(v -> head.append("  volume ").append(v));
      out.println(head);
      out.println("    " + a.summary());
      a.exportLocation().ifPresent(e -> out.println("    export " + e));
      int width = a.changes().stream().mapToInt(c -> c.field().length()).max().orElse(0) + 1;
      for (Change c : a.changes()) {
        out.println(
            "    "
                + pad(c.field() + ":", width + 1)
                + c.before().orElse("(none)")
                + " → "
                + c.after().orElse("(none)"));
      }
      for (String warning : a.warnings()) {
        out.println("  ! " + warning);
      }
      if (!a.dependsOn().isEmpty()) {
        out.println("    after " + String.join(", ", a.dependsOn()));
      }
      out.println();
    }
    if (!plan.warnings().isEmpty()) {
      out.println("Warnings:");
      plan.warnings().forEach(w -> out.println("  " + message(w)));
      out.println();
    }
    if (!plan.errors().isEmpty()) {
      out.println("Errors (this plan cannot be applied):");
      plan.errors().forEach(e -> out.println("  " + message(e)));
      out.println();
    }
    if (!plan.hasChanges() && !plan.hasErrors()) {
      out.println("No changes: the clusters match the file.");
    } else {
      out.println(
          "Plan: "
              + plan.toCreate()
              + " to create, "
              + plan.toChange()
              + " to change, "
              + plan.toDestroy()
              + " to destroy.");
    }
  }

  static String header(Provenance p, String stack) {
    StringBuilder sb = new StringBuilder("Plan for ").append(p.file());
    p.commit().ifPresent(c -> sb.append(" at ").append(c, 0, Math.min(12, c.length())));
    p.dirty().filter(d -> d).ifPresent(d -> sb.append(" (working tree differs)"));
    sb.append(" (stack ").append(stack).append(", sha256 ").append(p.digest(), 0, 12).append(')');
    return sb.toString();
  }

  static String message(PlanMessage m) {
    return m.message();
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
  }
}

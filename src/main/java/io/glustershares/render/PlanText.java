package io.glustershares.render;

import io.glustershares.plan.Action;
import io.glustershares.plan.Change;
import io.glustershares.plan.DesiredDiff;
import io.glustershares.plan.Plan;
import io.glustershares.plan.PlanMessage;
import io.glustershares.planfile.Provenance;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A plan for people: one block per action, symbols first, and the summary line last. */
public final class PlanText {

  private PlanText() {}

  public static void render(Plan plan, Provenance provenance, PrintWriter out) {
    render(plan, provenance, Optional.empty(), out);
  }

  /** With {@code diff}, what changed in the file since a base revision comes first. */
  public static void render(
      Plan plan, Provenance provenance, Optional<DesiredDiff> diff, PrintWriter out) {
    header(provenance, plan.stack()).forEach(out::println);
    // The clock of the run and the instant planned for differ under --now and for saved plans.
    out.println(
        "  for " + plan.now() + " (grants' expiries and snapshot schedules are judged then)");
    out.println();
    diff.ifPresent(d -> diff(d, out));
    for (Action a : plan.actions()) {
      StringBuilder head = new StringBuilder();
      head.append(a.type().symbol())
          .append(' ')
          .append(a.type().id())
          .append(' ')
          .append(a.subject().label());
      head.append("  cluster ").append(a.cluster());
      a.volume().ifPresent(v -> head.append("  volume ").append(v));
      a.reason().ifPresent(r -> head.append("  (").append(r).append(')'));
      out.println(head);
      out.println("    " + a.summary());
      a.exportLocation().ifPresent(e -> out.println("    export " + e));
      int width = a.changes().stream().mapToInt(c -> c.field().length()).max().orElse(0) + 1;
      for (Change c : a.changes()) {
        out.println(
            "    "
                + pad(c.field() + ":", width + 1)
                + c.before().text().orElse("(none)")
                + " → "
                + c.after().text().orElse("(none)"));
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

  static List<String> header(Provenance p, String stack) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "Plan for "
            + p.file()
            + " (stack "
            + stack
            + ", sha256 "
            + p.digest().substring(0, 12)
            + ")");
    p.gitLine().ifPresent(line -> lines.add("  git: " + line));
    lines.add("  made by " + p.madeBy());
    return lines;
  }

  /** The desired-state changes since the base, share by share. */
  static void diff(DesiredDiff d, PrintWriter out) {
    out.println("Changes to the desired state since " + d.base() + ":");
    d.baseMissing().ifPresent(why -> out.println("  (" + why + ")"));
    for (String s : d.settings()) {
      out.println("  ~ " + s);
    }
    for (DesiredDiff.ShareChange c : d.shares()) {
      out.println("  " + c.kind().symbol() + " share " + c.share());
      c.details().forEach(line -> out.println("      " + line));
    }
    if (d.isEmpty()) {
      out.println("  none");
    }
    out.println();
  }

  static String message(PlanMessage m) {
    return m.message();
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
  }
}

package io.glustershares.render;

import io.glustershares.plan.Action;
import io.glustershares.plan.DesiredDiff;
import io.glustershares.plan.Plan;
import io.glustershares.plan.PlanMessage;
import io.glustershares.planfile.Provenance;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A plan as a Markdown summary for a merge request or a CI job page: provenance, the desired-state
 * changes under review, the actions as a table, warnings and errors.
 */
public final class PlanMarkdown {

  private PlanMarkdown() {}

  public static void render(
      Plan plan, Provenance provenance, Optional<DesiredDiff> diff, PrintWriter out) {
    out.println(
        "## gluster-shares plan: "
            + (plan.hasErrors()
                ? "❌ errors"
                : plan.hasChanges()
                    ? plan.toCreate()
                        + " to create, "
                        + plan.toChange()
                        + " to change, "
                        + plan.toDestroy()
                        + " to destroy"
                    : "no changes"));
    out.println();
    out.println(Markdown.provenance(provenance) + " · stack `" + plan.stack() + "`");
    out.println();
    if (plan.destroys()) {
      out.println("> ⚠️ **This plan destroys data**: applying it needs `--allow-destroy`.");
      out.println();
    }
    diff.ifPresent(d -> diff(d, out));
    if (!plan.actions().isEmpty()) {
      out.println("### Actions");
      out.println();
      out.println("| | action | share | cluster | volume | what |");
      out.println("|---|---|---|---|---|---|");
      for (Action a : plan.actions()) {
        List<String> what = new ArrayList<>();
        what.add(a.summary());
        a.warnings().forEach(w -> what.add("⚠️ " + w));
        String share = a.subject().label();
        out.println(
            "| "
                + symbol(a)
                + " | "
                + a.type().id()
                + " | "
                + Markdown.cell(share)
                + " | "
                + Markdown.cell(a.cluster())
                + " | "
                + Markdown.cell(a.volume().orElse("—"))
                + " | "
                + Markdown.cell(String.join("<br>", what))
                + " |");
      }
      out.println();
    }
    messages("Warnings", plan.warnings(), out);
    messages("Errors (this plan cannot be applied)", plan.errors(), out);
  }

  private static void diff(DesiredDiff d, PrintWriter out) {
    out.println("### Changes to the desired state since `" + d.base() + "`");
    out.println();
    d.baseMissing().ifPresent(why -> out.println("_" + why + "_\n"));
    if (d.isEmpty()) {
      out.println("None.");
      out.println();
      return;
    }
    for (String s : d.settings()) {
      out.println("- " + Markdown.cell(s));
    }
    if (!d.settings().isEmpty()) {
      out.println();
    }
    if (!d.shares().isEmpty()) {
      out.println("| | share | what changed |");
      out.println("|---|---|---|");
      for (DesiredDiff.ShareChange c : d.shares()) {
        out.println(
            "| "
                + c.kind().symbol()
                + " | "
                + Markdown.cell(c.share())
                + " | "
                + Markdown.cell(String.join("<br>", c.details()))
                + " |");
      }
      out.println();
    }
  }

  private static String symbol(Action a) {
    String s = String.valueOf(a.type().symbol());
    return a.warnings().isEmpty() ? "`" + s + "`" : "`" + s + "` ⚠️";
  }

  private static void messages(String title, List<PlanMessage> messages, PrintWriter out) {
    if (messages.isEmpty()) {
      return;
    }
    out.println("### " + title);
    out.println();
    messages.forEach(m -> out.println("- " + Markdown.cell(m.message())));
    out.println();
  }
}

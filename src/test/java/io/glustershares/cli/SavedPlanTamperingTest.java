package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 11, item 3: a saved plan sat in an artifact store, and whoever could write there could edit
 * it. {@code apply PLAN} plans again and runs only what it planned itself, so an edited plan is
 * refused before any gluster call changes anything, and nothing but gluster can ever run.
 */
class SavedPlanTamperingTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path work;
  @TempDir Path locks;
  private CliRunner cli;

  @BeforeEach
  void quickstart() throws Exception {
    TestFiles.copyTree(Path.of("examples/quickstart"), work);
    cli = new CliRunner(work).env(ApplyCommand.LOCK_DIR_VARIABLE, locks.toString());
    // A share to delete, so that the plan has a destructive action to tamper with.
    Main.Captured first = cli.run("apply", "--auto-approve");
    assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
    String file = Files.readString(work.resolve("gluster-shares.yaml"));
    Files.writeString(
        work.resolve("gluster-shares.yaml"),
        file.substring(0, file.indexOf("  - name: scratch"))
            + "  - name: scratch\n    state: absent\n");
  }

  private ObjectNode savedPlan() throws Exception {
    Main.Captured plan = cli.run("plan", "--out", "p.json");
    assertThat(plan.exitCode()).as(plan.out() + plan.err()).isZero();
    return (ObjectNode) JSON.readTree(work.resolve("p.json").toFile());
  }

  private void write(JsonNode plan) throws Exception {
    Files.writeString(work.resolve("p.json"), JSON.writeValueAsString(plan));
  }

  private ObjectNode action(ObjectNode plan, String type) {
    for (JsonNode a : plan.path("actions")) {
      if (a.path("type").asString().equals(type)) {
        return (ObjectNode) a;
      }
    }
    throw new AssertionError("no " + type + " in " + plan);
  }

  private String calls() throws Exception {
    return Files.readString(work.resolve(".gluster-shares/demo.calls"));
  }

  /** What the clusters got after the reads of this apply: no mutating call may be among them. */
  private void assertNothingChangedSince(String before) throws Exception {
    String after = calls().substring(before.length());
    assertThat(after.lines())
        .allMatch(
            l ->
                l.contains(" --version")
                    || l.contains(" volume info")
                    || l.contains(" snapshot info")
                    || l.contains(" pool list")
                    || l.contains(" volume status all")
                    || l.startsWith("cat "),
            "only reads");
  }

  @Test
  void theHonestPlanIsAppliedAsPlannedAgain() throws Exception {
    savedPlan();

    Main.Captured apply = cli.run("apply", "p.json", "--allow-destroy", "--auto-approve");

    assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
    assertThat(apply.out()).contains("planned again and found the same");
    assertThat(cli.run("plan", "--detailed-exitcode").exitCode()).isZero();
  }

  @Test
  void aShellStepAddedToThePlanIsRefusedAndNeverRuns() throws Exception {
    ObjectNode plan = savedPlan();
    ObjectNode deny = action(plan, "deny_access");
    ObjectNode step = ((ArrayNode) deny.path("steps")).addObject();
    step.put("kind", "gluster");
    step.put("volume", "x");
    step.put("description", "looks harmless");
    step.putArray("argv").add("sh").add("-c").add("touch " + work.resolve("pwned"));
    write(plan);
    String before = calls();

    Main.Captured apply = cli.run("apply", "p.json", "--allow-destroy");

    assertThat(apply.exitCode()).isEqualTo(4);
    assertThat(apply.err())
        .contains("does not give the saved plan")
        .contains("action deny_access:scratch.steps: 2 entries saved, 1 now");
    assertThat(work.resolve("pwned")).doesNotExist();
    assertNothingChangedSince(before);
  }

  @Test
  void aDeleteMarkedNotDestructiveStillNeedsAllowDestroy() throws Exception {
    ObjectNode plan = savedPlan();
    action(plan, "delete_share").put("destructive", false);
    ((ObjectNode) plan.path("summary")).put("destructive", false);
    write(plan);
    String before = calls();

    Main.Captured apply = cli.run("apply", "p.json");

    assertThat(apply.exitCode()).isEqualTo(4);
    assertThat(apply.err())
        .contains("action delete_share:scratch.destructive: saved false, now true");
    assertNothingChangedSince(before);
  }

  @Test
  void anEditedArgvOrSummaryIsRefused() throws Exception {
    ObjectNode plan = savedPlan();
    ObjectNode deny = action(plan, "deny_access");
    ((ArrayNode) deny.path("steps").get(0).path("argv")).set(6, "glusterfs-server-1,ci-runner");
    write(plan);

    Main.Captured apply = cli.run("apply", "p.json", "--allow-destroy");

    assertThat(apply.exitCode()).isEqualTo(4);
    assertThat(apply.err()).contains("action deny_access:scratch.steps[0].argv[6]: saved");
  }

  @Test
  void anUnknownStepKindOrFieldIsAnInvalidPlan() throws Exception {
    ObjectNode plan = savedPlan();
    ((ObjectNode) action(plan, "delete_share").path("steps").get(0)).put("kind", "shell");
    write(plan);

    Main.Captured apply = cli.run("apply", "p.json", "--allow-destroy");

    assertThat(apply.exitCode()).isEqualTo(3);
    assertThat(apply.err()).contains("p.json: not a valid plan:").contains("/actions/");
  }

  @Test
  void aPlanOfAnotherToolVersionIsRefused() throws Exception {
    ObjectNode plan = savedPlan();
    ((ObjectNode) plan.path("provenance")).put("toolVersion", "0.0.1");
    write(plan);

    Main.Captured apply = cli.run("apply", "p.json", "--allow-destroy");

    assertThat(apply.exitCode()).isEqualTo(4);
    assertThat(apply.err()).contains("made by gluster-shares 0.0.1; this is");
  }

  @Test
  void aPlanPrintedWithJsonIsNoSavedPlanAndAFifoIsNoFile() throws Exception {
    Files.writeString(work.resolve("printed.json"), cli.run("plan", "--json").out());
    Main.Captured printed = cli.run("apply", "printed.json");
    assertThat(printed.exitCode()).isEqualTo(3);
    assertThat(printed.err()).contains("not a saved plan");

    Path fifo = work.resolve("fifo.json");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
    Main.Captured pipe = cli.run("apply", "fifo.json");
    assertThat(pipe.exitCode()).isEqualTo(3);
    assertThat(pipe.err()).contains("fifo.json: not a regular file");
  }

  @Test
  void theOptionsOfTheSavedPlanAreTheOnesPlannedWith() throws Exception {
    Main.Captured plan = cli.run("plan", "--target", "analytics", "--out", "t.json");
    assertThat(plan.exitCode()).as(plan.err()).isZero();
    JsonNode saved = JSON.readTree(work.resolve("t.json").toFile());
    assertThat(saved.path("options").path("targets").get(0).asString()).isEqualTo("analytics");

    Main.Captured apply = cli.run("apply", "t.json", "--allow-destroy", "--auto-approve");

    // Nothing of analytics is left to do, and the scratch deletion was not targeted.
    assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
    assertThat(apply.out()).contains("Nothing to apply.");
  }
}

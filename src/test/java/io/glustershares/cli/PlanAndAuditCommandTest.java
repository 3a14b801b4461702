package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.JsonSchemas;
import io.glustershares.TestFiles;
import io.glustershares.plan.PlanOptions;
import io.glustershares.planfile.PlanFileReader;
import io.glustershares.planfile.SavedPlan;
import io.glustershares.render.Json;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import tools.jackson.databind.JsonNode;

class PlanAndAuditCommandTest {

  @TempDir Path work;
  private CliRunner cli;

  @BeforeEach
  void quickstart() throws Exception {
    TestFiles.copyTree(Path.of("examples/quickstart"), work);
    cli = new CliRunner(work);
  }

  @Test
  void detailedExitCodesSayWhetherThereAreChanges() {
    assertThat(cli.run("plan").exitCode()).isZero();
    assertThat(cli.run("plan", "--detailed-exitcode").exitCode()).isEqualTo(2);
    assertThat(cli.run("apply", "--auto-approve").exitCode()).isZero();
    Main.Captured after = cli.run("plan", "--detailed-exitcode");
    assertThat(after.exitCode()).isZero();
    assertThat(after.out()).contains("No changes: the clusters match the file.");
  }

  @Test
  void aPlanWithErrorsExits1AndCannotBeSaved() throws Exception {
    Files.writeString(
        work.resolve("gluster-shares.yaml"),
        Files.readString(work.resolve("gluster-shares.yaml")).replace("size: 3", "size: 30"));

    Main.Captured result = cli.run("plan", "--out", "p.json");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out())
        .contains("Errors (this plan cannot be applied):", "no free volume of at least 30 GB");
    assertThat(result.err()).contains("a plan with errors cannot be saved");
    assertThat(work.resolve("p.json")).doesNotExist();
  }

  @Test
  void aSavedPlanCarriesTheFingerprintAndIsReplacedOnlyByANewPlan() throws Exception {
    Main.Captured first = cli.run("plan", "--out", "p.json");
    Main.Captured second = cli.run("plan", "--out", "p.json");

    assertThat(first.exitCode()).isZero();
    assertThat(first.err())
        .contains("Plan saved to p.json; apply it with: gluster-shares apply p.json");
    String saved = Files.readString(work.resolve("p.json"));
    assertThat(JsonSchemas.problems("plan-v1.schema.json", saved)).isEmpty();
    SavedPlan read =
        PlanFileReader.read(work.resolve("p.json"), "p.json", VersionProvider.version());
    assertThat(read.actions()).hasSize(4);
    assertThat(read.options()).isEqualTo(PlanOptions.at(Instant.parse("2026-11-25T12:00:00Z")));
    assertThat(read.observed().clusters().get("demo"))
        .containsKey("volume manila-share-volume-3G-1");
    // Issue 15: a saved plan is replaced by the next (CI reruns in one workspace); any other file
    // is still refused (FlagsAndMessagesTest).
    assertThat(second.exitCode()).isZero();
    assertThat(second.err()).contains("replacing the plan saved there before");
  }

  @Test
  void targetsAreCheckedAndLimitThePlan() {
    Main.Captured unknown = cli.run("plan", "--target", "nope");
    Main.Captured clone = cli.run("plan", "--json", "--target", "analytics-restore");

    assertThat(unknown.exitCode()).isEqualTo(3);
    assertThat(unknown.err()).contains("--target 'nope': no share of that name");
    JsonNode actions = Json.parse(clone.out()).get("actions");
    assertThat(actions)
        .extracting(a -> a.get("id").asString())
        .containsExactly(
            "create_share:analytics",
            "create_snapshot:analytics/before-migration",
            "create_share_from_snapshot:analytics-restore");
  }

  @Test
  void auditReportsDriftInEveryFormat() throws Exception {
    Main.Captured text = cli.run("audit");
    Main.Captured json = cli.run("audit", "--format", "json");
    Main.Captured junit = cli.run("audit", "--format", "junit");
    Main.Captured markdown = cli.run("audit", "--format", "markdown");

    assertThat(text.exitCode()).isEqualTo(2);
    assertThat(text.out())
        .contains(
            "share analytics: DRIFT", "missing_share", "not_ready: 1 pool volume is not ready");
    assertThat(json.exitCode()).isEqualTo(2);
    assertThat(JsonSchemas.problems("audit-v1.schema.json", json.out())).isEmpty();
    assertThat(Json.parse(json.out()).get("drift").asBoolean()).isTrue();

    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new InputSource(new StringReader(junit.out())));
    assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(4);
    // The cluster's not_ready finding is a warning: not a <failure> (issue 15).
    assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(3);
    assertThat(junit.out()).contains("name=\"share analytics\"", "name=\"cluster demo pool\"");
    assertThat(markdown.out())
        .contains("| analytics | — | ❌ drift |", "## gluster-shares audit: drift");
  }

  @Test
  void auditAfterApplyShowsOnlyWhatRemains() throws Exception {
    cli.run("apply", "--auto-approve");
    Files.writeString(
        work.resolve("gluster-shares.yaml"),
        Files.readString(work.resolve("gluster-shares.yaml"))
            .replace("cn: ci-runner", "cn: ci-runner-2"));

    Main.Captured json = cli.run("audit", "--format", "json");

    JsonNode shares = Json.parse(json.out()).get("shares");
    assertThat(shares.get(0).get("status").asString()).isEqualTo("ok");
    JsonNode scratch = shares.get(2);
    assertThat(scratch.get("share").asString()).isEqualTo("scratch");
    assertThat(scratch.get("findings").toString())
        .contains(
            "\"kind\":\"missing_cn\"",
            "not allowed: ci-runner-2",
            "\"kind\":\"extra_cn\"",
            "allowed but not listed: ci-runner");
  }

  @Test
  void aHealthyEstateAuditsClean() throws Exception {
    Files.writeString(
        work.resolve("demo-pool.yaml"),
        "host: h\ngenerate:\n  - { name: \"manila-share-volume-{size}G-{n}\", sizes: { 1: 2, 3: 3 }, ready: true }\n");
    cli.run("apply", "--auto-approve");

    Main.Captured audit = cli.run("audit");

    assertThat(audit.out()).contains("no drift");
    assertThat(audit.exitCode()).as(audit.out()).isZero();
  }
}

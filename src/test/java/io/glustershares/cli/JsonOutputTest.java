package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.JsonSchemas;
import io.glustershares.TestFiles;
import io.glustershares.inspect.Doctor;
import io.glustershares.render.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Issue 15, "machine-readable everything": validate, doctor, version and apply print JSON, each
 * shape valid against its schema under {@code schema/} and compared with a golden file under {@code
 * src/test/resources/json/} ({@code -Dgolden.update=true} rewrites them).
 */
class JsonOutputTest {

  private static final Path GOLDEN = Path.of("src/test/resources/json");

  @TempDir Path work;

  private CliRunner cli;

  @BeforeEach
  void quickstart() throws Exception {
    TestFiles.copyTree(Path.of("examples/quickstart"), work);
    cli = new CliRunner(work);
  }

  private static void golden(String name, String actual) throws IOException {
    Path file = GOLDEN.resolve(name);
    if (PlanGoldenTest.UPDATE) {
      Files.writeString(file, actual);
    }
    assertThat(actual).isEqualTo(Files.readString(file));
  }

  /** The lines of an apply --json stream, each valid against the event schema. */
  private static List<JsonNode> events(String out) {
    List<JsonNode> events = new ArrayList<>();
    for (String line : out.lines().toList()) {
      assertThat(JsonSchemas.problems("apply-events-v1.schema.json", line)).as(line).isEmpty();
      events.add(Json.parse(line));
    }
    return events;
  }

  /** Durations vary from run to run; everything else of the stream is fixed. */
  private static String stable(String out) {
    return out.replace(VersionProvider.version(), "VERSION")
        .replaceAll("\"tookSeconds\":[0-9.]+", "\"tookSeconds\":0.0")
        .replaceAll("in [0-9.]+ s", "in 0.0 s");
  }

  @Test
  void validateJsonOfAValidFileCountsWhatItHolds() throws IOException {
    Main.Captured result = cli.run("validate", "--json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(JsonSchemas.problems("validate-v1.schema.json", result.out())).isEmpty();
    golden("validate-valid.json", result.out());
  }

  @Test
  void validateJsonOfAnInvalidFileGivesEveryDiagnosticWithItsPlaceAndExit3() throws IOException {
    Files.writeString(
        work.resolve("bad.yaml"),
        """
        apiVersion: gluster-shares/v1
        stack: demo
        volumePattern: 'manila-share-volume-#{size}G-\\d+$'
        clusters:
          demo: { server: sim:demo-pool.yaml }
        shares:
          - name: analytics
            size: 3
            cluster: demoo
            access: [ { cn: "tenant a" }, { cn: ok-client, mode: ro } ]
          - name: analytics
            size: 1
            access: [ { cn: x } ]
        """);

    Main.Captured result = cli.run("validate", "--json", "bad.yaml");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).as("everything is in the document").isEmpty();
    assertThat(JsonSchemas.problems("validate-v1.schema.json", result.out())).isEmpty();
    JsonNode doc = Json.parse(result.out());
    assertThat(doc.path("valid").asBoolean()).isFalse();
    assertThat(doc.path("counts").isNull()).isTrue();
    assertThat(doc.path("errorCount").asInt()).isEqualTo(doc.path("diagnostics").size());
    // The same diagnostics as the text form, field for field.
    Main.Captured text = cli.run("validate", "bad.yaml");
    List<String> lines = text.err().lines().toList();
    assertThat(lines).hasSize(doc.path("diagnostics").size());
    for (int i = 0; i < lines.size(); i++) {
      JsonNode d = doc.path("diagnostics").get(i);
      assertThat(lines.get(i))
          .isEqualTo(
              d.path("file").asString()
                  + ":"
                  + d.path("line").asInt()
                  + ":"
                  + d.path("column").asInt()
                  + ": "
                  + d.path("field").asString()
                  + ": "
                  + d.path("message").asString());
    }
    golden("validate-invalid.json", result.out());
  }

  @Test
  void validateJsonOfAMissingFileIsADiagnosticAtItsStart() {
    Main.Captured result = cli.run("validate", "--json", "missing.yaml");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(JsonSchemas.problems("validate-v1.schema.json", result.out())).isEmpty();
    JsonNode d = Json.parse(result.out()).path("diagnostics").get(0);
    assertThat(d.path("line").asInt()).isEqualTo(1);
    assertThat(d.path("field").asString()).isEqualTo("(file)");
    assertThat(d.path("message").asString()).contains("no such file");
    assertThat(d.path("severity").asString()).isEqualTo("error");
  }

  /** A CI job that reads stdout gets a document even when the revision, not the file, is wrong. */
  @Test
  void validateJsonWithABadRevisionIsADiagnosticOfTheOption() {
    Main.Captured result = cli.run("validate", "--json", "--rev", "main");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(JsonSchemas.problems("validate-v1.schema.json", result.out())).isEmpty();
    JsonNode doc = Json.parse(result.out());
    assertThat(doc.path("valid").asBoolean()).isFalse();
    assertThat(doc.path("revision").asString()).isEqualTo("main");
    JsonNode d = doc.path("diagnostics").get(0);
    assertThat(d.path("field").asString()).isEqualTo("--rev");
    assertThat(d.path("line").isNull()).isTrue();
    assertThat(d.path("message").asString()).contains("is not in a git repository");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void doctorJsonNamesEveryCheckWithItsScopeAndStatus() throws IOException {
    Main.Captured result = cli.run("doctor", "--json");

    assertThat(JsonSchemas.problems("doctor-v1.schema.json", result.out())).isEmpty();
    JsonNode doc = Json.parse(result.out());
    Set<String> names = new TreeSet<>();
    doc.path("checks").forEach(c -> names.add(c.path("name").asString()));
    assertThat(names).contains("reachable", "version", "tls", "pool").doesNotContain("");
    // The exit code is the text form's.
    assertThat(result.exitCode()).isEqualTo(cli.run("doctor").exitCode());
    golden("doctor.json", result.out());
  }

  @Test
  void doctorJsonSchemaKnowsEveryStatusTheToolHas() throws IOException {
    JsonNode schema = Json.parse(Files.readString(Path.of("schema/doctor-v1.schema.json")));
    List<String> documented = new ArrayList<>();
    schema
        .path("$defs")
        .path("check")
        .path("properties")
        .path("status")
        .path("enum")
        .forEach(s -> documented.add(s.asString()));
    for (Doctor.Level level : Doctor.Level.values()) {
      assertThat(documented).contains(level.name());
    }
  }

  @Test
  void doctorJsonOfAnUnreachableClusterFailsItByName() {
    Main.Captured result =
        cli.env("GLUSTER_SHARES_SIM_FAULTS", "demo:fail=1").run("doctor", "--json");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(JsonSchemas.problems("doctor-v1.schema.json", result.out())).isEmpty();
    JsonNode first = Json.parse(result.out()).path("checks").get(0);
    assertThat(first.path("name").asString()).isEqualTo("reachable");
    assertThat(first.path("scope").asString()).isEqualTo("demo");
    assertThat(first.path("status").asString()).isEqualTo("FAIL");
    assertThat(first.path("fix").asString()).isNotEmpty();
  }

  @Test
  void versionJsonMatchesItsSchema() {
    Main.Captured result = cli.run("version", "--json");

    assertThat(result.exitCode()).isZero();
    assertThat(JsonSchemas.problems("version-v1.schema.json", result.out())).isEmpty();
    assertThat(Json.parse(result.out()).path("version").asString())
        .isEqualTo(VersionProvider.version());
  }

  @Test
  void applyJsonWithoutAutoApproveOrASavedPlanIsRefusedBeforeAnything() {
    Main.Captured result = cli.interactive("yes").run("apply", "--json");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("--json never asks on the terminal", "--auto-approve");
    assertThat(work.resolve(".gluster-shares")).doesNotExist();
  }

  @Test
  void applyJsonWithDryRunIsRefused() {
    Main.Captured result = cli.run("apply", "--json", "--dry-run", "--auto-approve");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("keep --dry-run", "plan --json");
  }

  @Test
  void applyJsonStreamsOneEventPerLineAndEndsWithTheSummary() throws IOException {
    Main.Captured result = cli.run("apply", "--json", "--auto-approve");

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<JsonNode> events = events(result.out());
    List<String> types = events.stream().map(e -> e.path("type").asString()).toList();
    assertThat(types.get(0)).isEqualTo("version");
    assertThat(types.get(types.size() - 1)).isEqualTo("summary");
    assertThat(types).contains("planned", "action_started", "step_done", "action_done");
    // Every action planned starts and ends; every step of each is done.
    long planned = types.stream().filter("planned"::equals).count();
    assertThat(types.stream().filter("action_done"::equals).count()).isEqualTo(planned);
    int steps =
        events.stream()
            .filter(e -> e.path("type").asString().equals("planned"))
            .mapToInt(e -> e.path("steps").asInt())
            .sum();
    assertThat(types.stream().filter("step_done"::equals).count()).isEqualTo(steps);
    JsonNode summary = events.get(events.size() - 1);
    assertThat(summary.path("outcome").asString()).isEqualTo("applied");
    assertThat(summary.path("exports").size()).isEqualTo(3);
    golden("apply-create.jsonl", stable(result.out()));

    Main.Captured again = cli.run("apply", "--json", "--auto-approve");
    List<JsonNode> second = events(again.out());
    assertThat(again.exitCode()).isZero();
    assertThat(second.get(second.size() - 1).path("outcome").asString()).isEqualTo("no_changes");
  }

  @Test
  void applyJsonOfASavedPlanNeedsNoAutoApprove() {
    assertThat(cli.run("plan", "--out", "p.json").exitCode()).isZero();

    Main.Captured result = cli.run("apply", "--json", "p.json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<JsonNode> events = events(result.out());
    assertThat(events.get(1).path("type").asString()).isEqualTo("source");
    assertThat(events.get(1).path("kind").asString()).isEqualTo("saved_plan");
    assertThat(events.get(events.size() - 1).path("outcome").asString()).isEqualTo("applied");
  }

  @Test
  void applyJsonReportsAFailureInTheStreamAndOnStandardError() {
    Main.Captured result =
        cli.env("GLUSTER_SHARES_SIM_FAULTS", "demo:fail=7")
            .run("apply", "--json", "--auto-approve");

    assertThat(result.exitCode()).isEqualTo(1);
    List<JsonNode> events = events(result.out());
    JsonNode failed =
        events.stream()
            .filter(e -> e.path("type").asString().equals("action_failed"))
            .findFirst()
            .orElseThrow();
    assertThat(result.err()).contains("FAILED: " + failed.path("error").asString());
    JsonNode summary = events.get(events.size() - 1);
    assertThat(summary.path("outcome").asString()).isEqualTo("incomplete");
    assertThat(summary.path("failures").get(0).path("action").asString())
        .isEqualTo(failed.path("action").asString());
  }

  @Test
  void applyJsonThatEndsInAnErrorStillEndsWithASummary() throws IOException {
    Files.writeString(work.resolve("gluster-shares.yaml"), "apiVersion: nope\n");

    Main.Captured result = cli.run("apply", "--json", "--auto-approve");

    assertThat(result.exitCode()).isEqualTo(3);
    List<JsonNode> events = events(result.out());
    assertThat(events.get(events.size() - 1).path("outcome").asString()).isEqualTo("error");
  }
}

package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.JsonSchemas;
import io.glustershares.render.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Issue 16: access that expires, judged at {@code --now}, recorded in saved plans. */
class AccessExpiryTest {

  private static final String FILE =
      """
      apiVersion: gluster-shares/v1
      stack: prod
      volumePattern: 'pool-#{size}G-\\d+$'
      clusters:
        east:
          server: sim:pool.yaml
          infrastructureCns: [glusterfs-server-1, manila-host]
      shares:
        - name: web
          size: 1
          access:
            - cn: tenant-a
            - cn: contractor-x
              expires: EXPIRES
              note: "OPS-1234 migration"
      """;

  @TempDir Path work;
  private CliRunner cli;

  @BeforeEach
  void estate() throws Exception {
    Files.writeString(
        work.resolve("pool.yaml"),
        "host: gluster-east-1\n"
            + "generate:\n"
            + "  - { name: \"pool-{size}G-{n}\", sizes: { 1: 2 }, ready: true }\n");
    write("2027-01-31");
    cli = new CliRunner(work);
  }

  private void write(String expires) throws Exception {
    Files.writeString(work.resolve("gluster-shares.yaml"), FILE.replace("EXPIRES", expires));
  }

  @Test
  void anUnparseableDateIsAnErrorAtItsPosition() throws Exception {
    write("2027-02-30");
    Main.Captured result = cli.run("validate");
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err())
        .contains(
            "gluster-shares.yaml:14:18: shares[0].access[1].expires: expires '2027-02-30' is not"
                + " a date or a time");
  }

  @Test
  void aGrantAlreadyExpiredIsAWarningNotAnError() {
    Main.Captured before = cli.run("validate", "--now", "2027-01-31T23:59:59Z");
    Main.Captured after = cli.run("validate", "--now", "2027-02-01");
    assertThat(before.exitCode()).isZero();
    assertThat(before.err()).doesNotContain("expired");
    assertThat(after.exitCode()).isZero();
    assertThat(after.err())
        .contains(
            "gluster-shares.yaml:14:18: warning: shares[0].access[1].expires: this grant expired"
                + " on 2027-01-31");
  }

  @Test
  void aBadNowIsRefused() {
    Main.Captured result = cli.run("plan", "--now", "tomorrow");
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("--now 'tomorrow' is not a time");
  }

  @Test
  void aNewEntryAlreadyExpiredIsNeverGranted() {
    Main.Captured plan = cli.run("plan", "--now", "2027-03-01T00:00:00Z");
    assertThat(plan.out()).contains("access:              (none) → tenant-a\n");
    assertThat(plan.out()).doesNotContain("contractor-x,");
  }

  @Test
  void auditWarnsBeforeTheEndAndReportsDriftAfterIt() {
    assertThat(cli.run("apply", "--auto-approve", "--now", "2027-01-01").exitCode()).isZero();

    Main.Captured early = cli.run("audit", "--now", "2027-01-10T00:00:00Z");
    assertThat(early.exitCode()).isZero();
    assertThat(early.out()).doesNotContain("expiring_cn");

    Main.Captured soon = cli.run("audit", "--now", "2027-01-25T00:00:00Z");
    assertThat(soon.exitCode()).as("a warning is not drift").isZero();
    assertThat(soon.out())
        .contains(
            "warning: expiring_cn: contractor-x expires on 2027-01-31 (in 7 days): OPS-1234"
                + " migration");
    Main.Captured narrow =
        cli.run("audit", "--now", "2027-01-25T00:00:00Z", "--expiry-warning-days", "3");
    assertThat(narrow.out()).doesNotContain("expiring_cn");

    Main.Captured late = cli.run("audit", "--now", "2027-02-01T00:00:00Z", "--format", "json");
    assertThat(late.exitCode()).isEqualTo(2);
    assertThat(JsonSchemas.problems("audit-v1.schema.json", late.out())).isEmpty();
    JsonNode finding = Json.parse(late.out()).path("shares").get(0).path("findings").get(0);
    assertThat(finding.path("kind").asString()).isEqualTo("expired_cn");
    assertThat(finding.path("message").asString())
        .startsWith("still allowed: contractor-x (expired on 2027-01-31)");
  }

  @Test
  void prometheusMetricsParseAndSayWhatAnAlertNeeds() throws Exception {
    assertThat(cli.run("apply", "--auto-approve", "--now", "2027-01-01").exitCode()).isZero();
    Main.Captured audit =
        cli.run(
            "audit", "--format", "prometheus", "--now", "2027-02-01T00:00:00Z", "--out", "m.prom");
    assertThat(audit.exitCode()).isEqualTo(2);
    assertThat(audit.out()).isEmpty();
    Map<String, Double> samples = PrometheusText.parse(Files.readString(work.resolve("m.prom")));
    assertThat(samples)
        .containsEntry("gluster_shares_audit_timestamp_seconds", 1801440000.0)
        .containsEntry("gluster_shares_audit_success", 1.0)
        .containsEntry("gluster_shares_cluster_up{cluster=\"east\"}", 1.0)
        .containsEntry("gluster_shares_share_drift{managed=\"true\",share=\"web\"}", 1.0)
        .containsEntry(
            "gluster_shares_share_drift_findings{kind=\"expired_cn\",share=\"web\"}", 1.0)
        .containsEntry(
            "gluster_shares_grant_expiry_timestamp_seconds{cn=\"contractor-x\",share=\"web\"}",
            1801440000.0)
        .containsEntry("gluster_shares_pool_free_volumes{cluster=\"east\",size_gb=\"1\"}", 1.0)
        .containsEntry("gluster_shares_pool_volumes{cluster=\"east\",size_gb=\"1\"}", 2.0);
    try (var files = Files.list(work)) {
      assertThat(files.map(f -> f.getFileName().toString())).noneMatch(f -> f.endsWith(".tmp"));
    }
  }

  @Test
  void aSavedPlanRecordsItsInstantAndIsPlannedAgainForIt() throws Exception {
    assertThat(cli.run("apply", "--auto-approve", "--now", "2027-01-01").exitCode()).isZero();
    Main.Captured saved = cli.run("plan", "--now", "2027-02-01T00:00:00Z", "--out", "p.json");
    assertThat(saved.exitCode()).isZero();
    String json = Files.readString(work.resolve("p.json"));
    assertThat(JsonSchemas.problems("plan-v1.schema.json", json)).isEmpty();
    assertThat(Json.parse(json).path("options").path("now").asString())
        .isEqualTo("2027-02-01T00:00:00Z");

    // The clock says 2026-11-25, when contractor-x still holds: the saved instant is used.
    Main.Captured apply = cli.run("apply", "p.json", "--auto-approve");
    assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
    assertThat(apply.out()).contains("deny contractor-x (expired on 2027-01-31");

    Main.Captured again = cli.run("apply", "p.json", "--auto-approve", "--now", "2027-02-02");
    assertThat(again.exitCode()).isEqualTo(3);
    assertThat(again.err()).contains("--now and --only-scheduled are fixed when a plan is saved");
  }
}

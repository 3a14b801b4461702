package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.JsonSchemas;
import io.glustershares.TestFiles;
import io.glustershares.gluster.GlusterXml;
import io.glustershares.model.GlusterArgv;
import io.glustershares.model.Identity;
import io.glustershares.model.Volume;
import io.glustershares.render.Json;
import io.glustershares.sim.SimFaults;
import io.glustershares.sim.SimRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Issue 15, "stop managing a share without destroying it": {@code state: released} on the
 * simulator, end to end. Only our owner and name tags change; the volume stays bound, secured and
 * with its data, and once the entry is gone from the file no plan touches it.
 */
class ReleaseShareTest {

  @TempDir Path work;

  private CliRunner cli;
  private Path file;

  @BeforeEach
  void appliedQuickstart() throws Exception {
    TestFiles.copyTree(Path.of("examples/quickstart"), work);
    cli = new CliRunner(work);
    file = work.resolve("gluster-shares.yaml");
    Main.Captured apply = cli.run("apply", "--auto-approve");
    assertThat(apply.exitCode()).as(apply.err()).isZero();
  }

  private Map<String, String> options(String volume) throws Exception {
    SimRunner sim =
        new SimRunner(
            "demo",
            work.resolve("demo-pool.yaml"),
            work.resolve(".gluster-shares"),
            SimFaults.NONE,
            ZonedDateTime::now,
            OptionalInt.empty());
    String xml = sim.run(GlusterArgv.volumeInfo(volume), Duration.ofSeconds(5)).stdout();
    Volume v = GlusterXml.volumes(GlusterXml.parse(xml)).get(0);
    return new TreeMap<>(v.options());
  }

  private String scratchVolume() {
    JsonNode show = Json.parse(cli.run("show", "--json").out());
    for (JsonNode share : show.path("clusters").get(0).path("shares")) {
      if (share.path("share").asString().equals("scratch")) {
        return share.path("volume").asString();
      }
    }
    throw new AssertionError("no share scratch in show --json");
  }

  private void release() throws Exception {
    String text = Files.readString(file);
    Files.writeString(
        file, text.replace("  - name: scratch\n", "  - name: scratch\n    state: released\n"));
  }

  private List<String> calls() throws Exception {
    return Files.readAllLines(work.resolve(".gluster-shares/demo.calls"));
  }

  @Test
  void aReleasedShareLosesOnlyOurTagsAndIsThenLeftAlone() throws Exception {
    String volume = scratchVolume();
    Map<String, String> before = options(volume);
    release();

    Main.Captured plan = cli.run("plan", "--detailed-exitcode");
    assertThat(plan.exitCode()).as(plan.err()).isEqualTo(2);
    assertThat(plan.out())
        .contains("~ release_share scratch  cluster demo  volume " + volume)
        .contains("Plan: 0 to create, 1 to change, 0 to destroy.")
        .doesNotContain("! ");
    JsonNode json = Json.parse(cli.run("plan", "--json").out());
    assertThat(JsonSchemas.problems("plan-v1.schema.json", Json.pretty(json))).isEmpty();
    JsonNode action = json.path("actions").get(0);
    assertThat(action.path("type").asString()).isEqualTo("release_share");
    assertThat(action.path("destructive").asBoolean()).isFalse();
    assertThat(action.path("disruptive").asBoolean()).isFalse();

    Main.Captured audit = cli.run("audit", "--format", "json");
    assertThat(audit.exitCode()).as("a release not applied yet is drift").isEqualTo(2);
    assertThat(audit.out()).contains("not_released");

    int callsBefore = calls().size();
    Main.Captured apply = cli.run("apply", "--auto-approve");
    assertThat(apply.exitCode()).as(apply.err()).isZero();
    List<String> changing = calls().subList(callsBefore, calls().size());
    assertThat(changing.stream().filter(c -> c.contains("volume set")).toList())
        .singleElement()
        .asString()
        .contains(volume, Identity.OWNER + " NONE", Identity.NAME + " NONE");
    assertThat(changing).noneMatch(c -> c.contains("volume stop") || c.contains("umount"));

    Map<String, String> after = options(volume);
    Map<String, String> expected = new TreeMap<>(before);
    expected.put(Identity.OWNER, Identity.NONE);
    expected.put(Identity.NAME, Identity.NONE);
    assertThat(after).isEqualTo(expected);
    assertThat(after.get(Identity.MANILA_SHARE))
        .isEqualTo(Identity.shareUuid("demo", "scratch").toString());

    assertThat(cli.run("plan", "--detailed-exitcode").exitCode()).isZero();
    assertThat(cli.run("audit").exitCode()).isZero();
    assertThat(cli.run("show").out()).contains(volume + ": released from share 'scratch'");

    // The entry removed: not unmanaged, not an orphan, not deleted even with --prune.
    String text = Files.readString(file);
    int at = text.indexOf("  - name: scratch\n");
    Files.writeString(file, text.substring(0, at));
    Main.Captured forgotten = cli.run("plan", "--prune", "--detailed-exitcode");
    assertThat(forgotten.exitCode()).as(forgotten.out()).isZero();
    assertThat(forgotten.out() + forgotten.err())
        .contains("No changes")
        .doesNotContain("unmanaged")
        .doesNotContain("orphan");
    assertThat(cli.run("apply", "--auto-approve", "--prune", "--allow-destroy").exitCode())
        .isZero();
    assertThat(options(volume)).isEqualTo(expected);
  }

  @Test
  void releaseNeedsNoAllowDestroyAndStreamsAsJson() throws Exception {
    release();

    Main.Captured apply = cli.run("apply", "--json", "--auto-approve");

    assertThat(apply.exitCode()).as(apply.err()).isZero();
    assertThat(apply.out())
        .contains("\"actionType\":\"release_share\"")
        .contains("\"outcome\":\"applied\"");
  }

  @Test
  void aReleasedEntryNeedsNoSizeAndAnUnknownStateSaysWhatIsValid() throws Exception {
    String text = Files.readString(file);
    Files.writeString(
        file,
        text.replace(
            "  - name: scratch\n    size: 1\n", "  - name: scratch\n    state: released\n"));
    assertThat(cli.run("validate").exitCode()).isZero();

    Files.writeString(
        file, text.replace("  - name: scratch\n", "  - name: scratch\n    state: gone\n"));
    Main.Captured invalid = cli.run("validate");
    assertThat(invalid.exitCode()).isEqualTo(3);
    assertThat(invalid.err()).contains("shares[2].state", "released").doesNotContain("\tat ");
  }

  @Test
  void aReleasedShareIsNotOfferedForAdoptionByImport() throws Exception {
    release();
    assertThat(cli.run("apply", "--auto-approve").exitCode()).isZero();

    Main.Captured imported = cli.run("import", "--cluster", "demo");

    assertThat(imported.err()).contains("released from share 'scratch'");
    assertThat(imported.out()).doesNotContain(scratchVolumeUuid());
  }

  private static String scratchVolumeUuid() {
    return Identity.shareUuid("demo", "scratch").toString();
  }

  @Test
  void aCloneOutlivesItsReleasedParentButNoNewCloneOfItCanBeMade() throws Exception {
    String text = Files.readString(file);
    Files.writeString(
        file,
        text.replace(
            "  - name: analytics\n    size: 3\n",
            "  - name: analytics\n    size: 3\n    state: released\n"));

    Main.Captured plan = cli.run("plan");
    assertThat(plan.exitCode()).as(plan.err()).isZero();
    assertThat(plan.out())
        .contains("~ release_share analytics")
        .contains("Plan: 0 to create, 1 to change, 0 to destroy.");
    assertThat(cli.run("apply", "--auto-approve").exitCode()).isZero();
    assertThat(cli.run("plan", "--detailed-exitcode").exitCode()).isZero();

    Files.writeString(
        file,
        Files.readString(file).replace("- name: analytics-restore", "- name: analytics-copy"));
    Main.Captured copy = cli.run("plan");
    assertThat(copy.exitCode()).isEqualTo(1);
    assertThat(copy.out())
        .contains(
            "share 'analytics-copy': its parent share 'analytics' is released (state: released)");
  }
}

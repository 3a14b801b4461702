package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.JsonSchemas;
import io.glustershares.TestFiles;
import io.glustershares.TestRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden cases, {@code src/test/resources/cases/<case>/}: a desired file, a simulated starting
 * point, the plan as people read it ({@code plan.txt}) and as machines do ({@code plan.json}). A
 * case whose plan has no errors must also converge: apply it on the simulator, plan again, nothing
 * left to do. Run with {@code -Dgolden.update=true} to rewrite the expected files. A directory of
 * numbered steps ({@code 00_create.yaml}, …) is a sequence: {@link PlanSequenceTest}.
 */
class PlanGoldenTest {

  static final Path CASES = Path.of("src/test/resources/cases");
  static final boolean UPDATE = Boolean.getBoolean("golden.update");

  @TempDir Path work;

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(CASES)) {
      return dirs
          .filter(Files::isDirectory)
          .filter(dir -> !PlanSequenceTest.isSequence(dir)) // PlanSequenceTest's
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void planMatchesAndConverges(String name) throws Exception {
    Path source = CASES.resolve(name);
    TestFiles.copyTree(source, work);
    List<String> extra = words(source.resolve("args"));
    List<String> planOnly = new ArrayList<>(extra);
    planOnly.addAll(words(source.resolve("plan-args")));
    if (Files.exists(source.resolve("base.yaml"))) {
      commitBaseThenDesired();
    }
    CliRunner cli = new CliRunner(work);

    Main.Captured text = cli.run(args("plan", planOnly));
    Main.Captured json = cli.run(args("plan", planOnly, "--json"));
    Main.Captured markdown = cli.run(args("plan", planOnly, "--format", "markdown"));

    String plan = text.out().replaceAll("gluster-shares \\S+ at ", "gluster-shares VERSION at ");
    String machine =
        json.out().replaceAll("\"toolVersion\" : \"[^\"]*\"", "\"toolVersion\" : \"VERSION\"");
    golden(source.resolve("plan.txt"), plan);
    golden(source.resolve("plan.json"), machine);
    golden(
        source.resolve("plan.md"),
        markdown.out().replaceAll(" · gluster-shares \\S+ · ", " · gluster-shares VERSION · "));
    assertThat(JsonSchemas.problems("plan-v1.schema.json", json.out())).isEmpty();
    boolean errors = plan.contains("Errors (this plan cannot be applied):");
    assertThat(text.exitCode()).as(text.err()).isEqualTo(errors ? 1 : 0);

    if (!errors) {
      Main.Captured apply = cli.run(args("apply", extra, "--auto-approve", "--allow-destroy"));
      assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
      Main.Captured again = cli.run(args("plan", extra, "--detailed-exitcode"));
      assertThat(again.out())
          .as(name + " converges")
          .contains("No changes: the clusters match the file.");
      assertThat(again.exitCode()).isZero();
    }
  }

  /**
   * The case's {@code base.yaml} is committed as {@code desired.yaml} (tagged {@code base}), then
   * the case's {@code desired.yaml} on top: a merge request's history, with fixed commit ids.
   */
  private void commitBaseThenDesired() throws Exception {
    for (String expected : List.of("plan.txt", "plan.json", "plan.md")) {
      Files.deleteIfExists(work.resolve(expected)); // outputs, not part of the history
    }
    String desired = Files.readString(work.resolve("desired.yaml"));
    Files.move(
        work.resolve("base.yaml"),
        work.resolve("desired.yaml"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    try (TestRepo repo = TestRepo.init(work)) {
      repo.commit("base");
      repo.tag("base");
      repo.write("desired.yaml", desired);
      repo.commit("the change under review");
    }
  }

  static List<String> words(Path file) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    return List.of(Files.readString(file).strip().split("\\s+"));
  }

  private static String[] args(String command, List<String> extra, String... more) {
    List<String> all = new ArrayList<>(List.of(command, "-f", "desired.yaml"));
    all.addAll(extra);
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  static void golden(Path file, String actual) throws IOException {
    if (UPDATE || !Files.exists(file)) {
      Files.writeString(file, actual);
      if (!UPDATE) {
        throw new AssertionError(
            file + " did not exist; written from this run: review and commit it");
      }
    }
    assertThat(actual).isEqualTo(Files.readString(file));
  }
}

package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.JsonSchemas;
import io.glustershares.TestFiles;
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
 * left to do. Run with {@code -Dgolden.update=true} to rewrite the expected files.
 */
class PlanGoldenTest {

  static final Path CASES = Path.of("src/test/resources/cases");
  static final boolean UPDATE = Boolean.getBoolean("golden.update");

  @TempDir Path work;

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(CASES)) {
      return dirs
          .filter(Files::isDirectory)
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
    List<String> extra = new ArrayList<>();
    if (Files.exists(source.resolve("args"))) {
      extra.addAll(List.of(Files.readString(source.resolve("args")).strip().split("\\s+")));
    }
    CliRunner cli = new CliRunner(work);

    Main.Captured text = cli.run(args("plan", extra));
    Main.Captured json = cli.run(args("plan", extra, "--json"));

    String plan = text.out();
    String machine =
        json.out().replaceAll("\"toolVersion\" : \"[^\"]*\"", "\"toolVersion\" : \"VERSION\"");
    golden(source.resolve("plan.txt"), plan);
    golden(source.resolve("plan.json"), machine);
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

  private static String[] args(String command, List<String> extra, String... more) {
    List<String> all = new ArrayList<>(List.of(command, "-f", "desired.yaml"));
    all.addAll(extra);
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  private static void golden(Path file, String actual) throws IOException {
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

package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden sequences, {@code src/test/resources/cases/<scenario>/NN_step.yaml} (keycloak-config-cli's
 * numbered import files): one simulated estate ({@code pool.yaml}) that the steps change in turn.
 * Each step's file is planned on what the steps before it left, its plan compared with {@code
 * NN_step.plan.txt}, then applied and planned again: no changes. {@code NN_step.args} adds options
 * to that step's plan and apply. {@code -Dgolden.update=true} rewrites the plans.
 */
class PlanSequenceTest {

  @TempDir Path work;

  static Stream<String> sequences() throws IOException {
    try (Stream<Path> dirs = Files.list(PlanGoldenTest.CASES)) {
      return dirs
          .filter(PlanSequenceTest::isSequence)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  /** Whether a case directory holds a sequence of steps rather than one desired file. */
  static boolean isSequence(Path dir) {
    return Files.exists(dir.resolve("pool.yaml")) && !steps(dir).isEmpty();
  }

  /** The steps of a sequence, {@code 00_….yaml}, {@code 01_….yaml}, …, in order. */
  static List<Path> steps(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().matches("\\d\\d_[a-z0-9_-]+\\.yaml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void theLifeCyclesAreThere() throws IOException {
    assertThat(sequences()).contains("share-lifecycle", "access-lifecycle");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sequences")
  void eachStepPlansAppliesAndConverges(String name) throws Exception {
    Path source = PlanGoldenTest.CASES.resolve(name);
    Files.copy(source.resolve("pool.yaml"), work.resolve("pool.yaml"));
    CliRunner cli = new CliRunner(work);
    List<Path> steps = steps(source);
    assertThat(steps.get(0).getFileName().toString()).as("the first step").startsWith("00_");
    for (int i = 0; i < steps.size(); i++) {
      assertThat(steps.get(i).getFileName().toString())
          .as("steps are numbered without gaps")
          .startsWith(String.format("%02d_", i));
    }
    for (Path step : steps) {
      String stem = step.getFileName().toString().replaceFirst("\\.yaml$", "");
      Files.copy(step, work.resolve("desired.yaml"), StandardCopyOption.REPLACE_EXISTING);
      List<String> extra = PlanGoldenTest.words(source.resolve(stem + ".args"));

      Main.Captured plan = cli.run(args("plan", extra));
      String text = plan.out().replaceAll("gluster-shares \\S+ at ", "gluster-shares VERSION at ");
      PlanGoldenTest.golden(source.resolve(stem + ".plan.txt"), text);
      assertThat(plan.exitCode()).as(stem + ": " + plan.err()).isZero();

      Main.Captured apply = cli.run(args("apply", extra, "--auto-approve", "--allow-destroy"));
      assertThat(apply.exitCode()).as(stem + ": " + apply.out() + apply.err()).isZero();
      Main.Captured again = cli.run(args("plan", extra, "--detailed-exitcode"));
      assertThat(again.out())
          .as(stem + " converges")
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
}

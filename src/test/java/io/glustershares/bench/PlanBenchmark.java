package io.glustershares.bench;

import io.glustershares.cli.Environment;
import io.glustershares.cli.Main;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Benchmark (issue 5), in one JVM: {@code plan --json} over generated files of 1 000, 10 000 and
 * 100 000 shares (3 access entries and 2 snapshots each) on 100 simulated clusters, run as the CLI
 * runs it, output thrown away. Each size is planned twice and the second run is printed (the first
 * seeds the simulators' state). {@code bench/plan.sh} adds the end-to-end figure with JVM start.
 */
public final class PlanBenchmark {

  private PlanBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path root = Files.createTempDirectory("plan-bench");
    int[] sizes =
        args.length > 0
            ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
            : new int[] {1000, 10_000, 100_000};
    for (int shares : sizes) {
      Path dir = root.resolve("s" + shares);
      GenerateDesiredState.write(dir, shares, 100, 3, 2);
      run(dir);
      long start = System.nanoTime();
      int code = run(dir);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "%7d shares (%d actions): plan --json in %.2f s, %.1f µs per share (exit %d)%n",
          shares, shares * 3, seconds, seconds * 1e6 / shares, code);
    }
  }

  private static int run(Path dir) {
    Environment env = new Environment(dir, Map.of(), false, System.in, Clock.systemUTC());
    PrintWriter err = new PrintWriter(new StringWriter());
    return new Main(env)
        .run(
            new PrintWriter(OutputStream.nullOutputStream()),
            err,
            Optional.of(OutputStream.nullOutputStream()),
            "plan",
            "--json");
  }
}

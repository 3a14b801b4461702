package io.glustershares.bench;

import io.glustershares.cli.Environment;
import io.glustershares.cli.Main;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark (issue 6): {@code apply} of 40 new shares over 8 simulated clusters with 100 ms per
 * gluster call, at {@code --parallelism 1} and {@code 8}: both wall times (the whole command,
 * refresh included, and the apply phase alone) and their ratio, then the gluster calls per action
 * type, counted in the simulators' call logs. Run by {@code bench/apply.sh}.
 */
public final class ApplyBenchmark {

  private static final int CLUSTERS = 8;
  private static final int SHARES = 40;

  private ApplyBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path root = Files.createTempDirectory("apply-bench");
    double[] whole = new double[2];
    double[] phase = new double[2];
    int[] parallelism = {1, 8};
    for (int i = 0; i < 2; i++) {
      Path dir = root.resolve("p" + parallelism[i]);
      write(dir);
      StringWriter out = new StringWriter();
      Environment env =
          new Environment(
              dir,
              Map.of(
                  "GLUSTER_SHARES_SIM_LATENCY_MS",
                  "100",
                  "GLUSTER_SHARES_LOCK_DIR",
                  dir.resolve("locks").toString()),
              false,
              System.in,
              Clock.systemUTC());
      long start = System.nanoTime();
      int code =
          new Main(env)
              .run(
                  new PrintWriter(out),
                  new PrintWriter(new StringWriter()),
                  "apply",
                  "--auto-approve",
                  "--parallelism",
                  String.valueOf(parallelism[i]));
      whole[i] = (System.nanoTime() - start) / 1e9;
      Matcher m =
          Pattern.compile("Apply complete in ([0-9.]+) s: (\\d+) done").matcher(out.toString());
      if (code != 0 || !m.find() || !m.group(2).equals(String.valueOf(SHARES))) {
        throw new IllegalStateException("apply failed (exit " + code + "):\n" + out);
      }
      phase[i] = Double.parseDouble(m.group(1));
      System.out.printf(
          "--parallelism %d: %.2f s for the command (refresh included), %.2f s applying%n",
          parallelism[i], whole[i], phase[i]);
      if (i == 1) {
        callsPerActionType(dir);
      }
    }
    System.out.printf(
        "speed-up: %.1fx for the command, %.1fx for the apply phase (target at least 6x)%n",
        whole[0] / whole[1], phase[0] / phase[1]);
  }

  private static void write(Path dir) throws Exception {
    Files.createDirectories(dir);
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("gluster-shares.yaml"))) {
      w.write(
          "apiVersion: gluster-shares/v1\nstack: bench\nvolumePattern: 'pool-#{size}G-\\d+$'\nclusters:\n");
      for (int c = 0; c < CLUSTERS; c++) {
        w.write("  c" + c + ": { server: 'sim:pool-" + c + ".yaml' }\n");
        Files.writeString(
            dir.resolve("pool-" + c + ".yaml"),
            "host: bench-"
                + c
                + "\ngenerate:\n  - { name: \"pool-{size}G-{n}\", sizes: { 1: 6 }, ready: true }\n");
      }
      w.write("shares:\n");
      for (int s = 0; s < SHARES; s++) {
        w.write(
            "  - { name: share-"
                + s
                + ", size: 1, cluster: c"
                + (s % CLUSTERS)
                + ", access: [ { cn: tenant-"
                + s
                + " } ] }\n");
      }
    }
  }

  /** Every call after the three reads of the refresh belongs to a create_share. */
  private static void callsPerActionType(Path dir) throws Exception {
    Map<String, Integer> byCommand = new TreeMap<>();
    int total = 0;
    for (int c = 0; c < CLUSTERS; c++) {
      List<String> calls = Files.readAllLines(dir.resolve(".gluster-shares/c" + c + ".calls"));
      for (String call : calls.subList(3, calls.size())) {
        String[] words = call.split(" ");
        String op =
            words[words[2].startsWith("--") ? 3 : 2]
                + " "
                + words[words[2].startsWith("--") ? 4 : 3];
        byCommand.merge(op, 1, Integer::sum);
        total++;
      }
    }
    System.out.printf(
        "gluster calls per action type: create_share %.1f (%s; volume set %.1f), refresh 3 per cluster%n",
        total / (double) SHARES,
        byCommand,
        byCommand.getOrDefault("volume set", 0) / (double) SHARES);
  }
}

package io.glustershares.bench;

import io.glustershares.gluster.GlusterClient;
import io.glustershares.gluster.Refresher;
import io.glustershares.sim.SimFaults;
import io.glustershares.sim.SimRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Benchmark (issue 4): gluster invocations and wall time of one refresh for 10, 100 and 1000
 * volumes on the simulator, and of 10 clusters refreshed in parallel with 200 ms per call. Run by
 * {@code bench/refresh.sh}.
 */
public final class RefreshBenchmark {

  private RefreshBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("refresh-bench");
    System.out.println("one cluster, no added latency (median of 5 refreshes after a warm-up):");
    for (int volumes : new int[] {10, 100, 1000}) {
      Path pool = pool(dir, "pool-" + volumes + ".yaml", volumes, 0);
      SimRunner runner = runner("c" + volumes, pool, dir.resolve("state"), OptionalInt.empty());
      GlusterClient client =
          new GlusterClient("c" + volumes, runner, Duration.ofSeconds(60), d -> {});
      Refresher.refresh(client);
      long[] times = new long[5];
      long before = lines(runner.callsPath());
      for (int i = 0; i < times.length; i++) {
        long start = System.nanoTime();
        int seen = Refresher.refresh(client).volumes().size();
        times[i] = System.nanoTime() - start;
        if (seen != volumes) {
          throw new IllegalStateException("saw " + seen + " volumes, expected " + volumes);
        }
      }
      long calls = (lines(runner.callsPath()) - before) / times.length;
      Arrays.sort(times);
      System.out.printf(
          "  %5d volumes: %d gluster calls per refresh, %.1f ms%n", volumes, calls, times[2] / 1e6);
    }

    System.out.println("200 ms simulated latency per call:");
    Path slowPool = pool(dir, "slow.yaml", 50, 200);
    GlusterClient single =
        new GlusterClient(
            "single",
            runner("single", slowPool, dir.resolve("slow"), OptionalInt.empty()),
            Duration.ofSeconds(60),
            d -> {});
    Refresher.refresh(single);
    long start = System.nanoTime();
    Refresher.refresh(single);
    double one = (System.nanoTime() - start) / 1e6;
    System.out.printf("  1 cluster:               %.0f ms%n", one);

    Map<String, GlusterClient> ten = new LinkedHashMap<>();
    for (int i = 0; i < 10; i++) {
      String name = "p" + i;
      ten.put(
          name,
          new GlusterClient(
              name,
              runner(name, slowPool, dir.resolve("slow"), OptionalInt.empty()),
              Duration.ofSeconds(60),
              d -> {}));
    }
    Refresher.refreshAll(ten);
    start = System.nanoTime();
    Map<String, Refresher.Outcome> outcomes = Refresher.refreshAll(ten);
    double all = (System.nanoTime() - start) / 1e6;
    if (!outcomes.values().stream().allMatch(o -> o instanceof Refresher.Outcome.Read)) {
      throw new IllegalStateException("a cluster failed: " + outcomes);
    }
    System.out.printf(
        "  10 clusters in parallel: %.0f ms (%.2f x one cluster; in sequence it would be %.0f ms)%n",
        all, all / one, one * 10);
  }

  private static SimRunner runner(String name, Path pool, Path state, OptionalInt latency) {
    return new SimRunner(name, pool, state, SimFaults.NONE, ZonedDateTime::now, latency);
  }

  private static Path pool(Path dir, String file, int volumes, int latencyMs) throws IOException {
    Path pool = dir.resolve(file);
    Files.writeString(
        pool,
        "host: bench-1\nlatencyMs: "
            + latencyMs
            + "\ngenerate:\n  - { name: \"pool-{size}G-{n}\", sizes: { 1: "
            + volumes
            + " }, ready: true }\n");
    return pool;
  }

  private static long lines(Path file) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    try (var lines = Files.lines(file)) {
      return lines.count();
    }
  }
}

package io.glustershares.bench;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark harness: runs a baseline command and a measured command alternately, as whole
 * processes, and checks the ratio of their median wall times against a target.
 *
 * <pre>
 * Compare NAME MAX_RATIO [--runs N] [--warmup N] [--dir DIR] -- BASELINE... -- MEASURED...
 * </pre>
 *
 * <p>This machine is shared and its load changes from one second to the next, so absolute times
 * mean little: the two commands run in turn (A B A B …) after {@code --warmup} unmeasured runs of
 * each, so that both see the same load, and only the ratio of their medians is judged. Output goes
 * to /dev/null; a command that exits non-zero fails the benchmark (exit 2), a ratio above the
 * target misses it (exit 1). {@code BENCH_RUNS} overrides the default of 7 runs each. Where {@code
 * /usr/bin/time} exists, the median CPU time (user + system) of each command is printed too, as
 * context: the target is judged on wall time only.
 */
public final class Compare {

  private Compare() {}

  /** One command under test and the wall times of its measured runs, in nanoseconds. */
  record Subject(String label, List<String> argv, long[] times, long[] cpu) {
    Subject(String label, List<String> argv, int runs) {
      this(label, argv, new long[runs], new long[runs]);
    }

    double medianSeconds() {
      return median(times) / 1e9;
    }

    String summary() {
      long[] sorted = times.clone();
      Arrays.sort(sorted);
      return String.format(
          Locale.ROOT,
          "median %.3f s (min %.3f, max %.3f, %d runs)%s",
          medianSeconds(),
          sorted[0] / 1e9,
          sorted[sorted.length - 1] / 1e9,
          sorted.length,
          CpuTime.AVAILABLE ? String.format(Locale.ROOT, "; cpu %.3f s", median(cpu) / 1e9) : "");
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      usage();
    }
    String name = args[0];
    double target = Double.parseDouble(args[1]);
    int runs = Integer.parseInt(System.getenv().getOrDefault("BENCH_RUNS", "7"));
    int warmup = 1;
    File dir = new File(".");
    int i = 2;
    for (; i < args.length && !args[i].equals("--"); i += 2) {
      if (i + 1 >= args.length) {
        usage();
      }
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[i + 1]);
        case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
        case "--dir" -> dir = new File(args[i + 1]);
        default -> usage();
      }
    }
    List<List<String>> commands = split(Arrays.asList(args).subList(i, args.length));
    if (commands.size() != 2 || runs < 5) {
      usage();
    }
    Subject baseline = new Subject(label(commands.get(0)), commands.get(0), runs);
    Subject measured = new Subject(label(commands.get(1)), commands.get(1), runs);
    for (int w = 0; w < warmup; w++) {
      time(baseline, dir, -1);
      time(measured, dir, -1);
    }
    for (int r = 0; r < runs; r++) {
      time(baseline, dir, r);
      time(measured, dir, r);
    }
    double ratio = measured.medianSeconds() / baseline.medianSeconds();
    String load = loadAverage();
    boolean pass = ratio <= target;
    System.out.println(name + ":" + load);
    System.out.println("  baseline  " + baseline.label());
    System.out.println("            " + baseline.summary());
    System.out.println("  measured  " + measured.label());
    System.out.println("            " + measured.summary());
    System.out.printf(
        Locale.ROOT, "  ratio %.2f, target <= %.2f: %s%n", ratio, target, pass ? "PASS" : "MISS");
    System.exit(pass ? 0 : 1);
  }

  /** Runs the command once; a measured run ({@code run >= 0}) records its times. */
  private static void time(Subject subject, File dir, int run)
      throws IOException, InterruptedException {
    CpuTime cpu = new CpuTime();
    ProcessBuilder builder =
        new ProcessBuilder(cpu.wrap(subject.argv()))
            .directory(dir)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    long start = System.nanoTime();
    int code = builder.start().waitFor();
    long elapsed = System.nanoTime() - start;
    if (code != 0) {
      System.err.println(
          "benchmark command failed (exit " + code + "): " + String.join(" ", subject.argv()));
      System.exit(2);
    }
    if (run >= 0) {
      subject.times()[run] = elapsed;
      subject.cpu()[run] = cpu.read();
    }
  }

  /** The 1-minute load average, as context for the figures (absolute times follow it). */
  private static String loadAverage() {
    try {
      String avg = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"));
      return " (load average "
          + avg.split(" ")[0]
          + ", "
          + Runtime.getRuntime().availableProcessors()
          + " cores)";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /** The middle value; for an even count, the mean of the two middle values. */
  static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  private static List<List<String>> split(List<String> rest) {
    List<List<String>> commands = new ArrayList<>();
    for (String word : rest) {
      if (word.equals("--")) {
        commands.add(new ArrayList<>());
      } else if (!commands.isEmpty()) {
        commands.get(commands.size() - 1).add(word);
      }
    }
    commands.removeIf(List::isEmpty);
    return commands;
  }

  /** The command as printed: long paths of generated files shortened to their names. */
  private static String label(List<String> argv) {
    List<String> words = new ArrayList<>();
    for (String word : argv) {
      words.add(word.startsWith("-XX:") ? "" : new File(word).isAbsolute() ? shorten(word) : word);
    }
    words.removeIf(String::isEmpty);
    return String.join(" ", words);
  }

  private static String shorten(String path) {
    File file = new File(path);
    File parent = file.getParentFile();
    return parent == null || parent.getName().isEmpty()
        ? path
        : parent.getName() + "/" + file.getName();
  }

  private static void usage() {
    System.err.println(
        "usage: Compare NAME MAX_RATIO [--runs N] [--warmup N] [--dir DIR]"
            + " -- BASELINE... -- MEASURED...   (N >= 5)");
    System.exit(3);
  }
}

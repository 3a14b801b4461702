package io.glustershares.it.estate;

import io.glustershares.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Starts the packaged gluster-shares (the shaded jar that {@code package} builds) inside a
 * namespace of the estate, as a user runs it there: its own working directory, a clean environment,
 * the JVM options of {@code bin/gluster-shares}.
 */
final class Tool {

  /** Set by failsafe (pom.xml); the default serves a run from the IDE after {@code package}. */
  static final Path JAR =
      Path.of(System.getProperty("gluster-shares.jar", "target/gluster-shares.jar"))
          .toAbsolutePath();

  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  /** As bin/gluster-shares: 2 MB pages where the kernel gives them to whoever asks. */
  private static final boolean HUGE_PAGES = hugePagesOffered();

  private static boolean hugePagesOffered() {
    try {
      String mode = Files.readString(Path.of("/sys/kernel/mm/transparent_hugepage/enabled"));
      return mode.contains("[always]") || mode.contains("[madvise]");
    } catch (IOException e) {
      return false;
    }
  }

  private final Path archive;
  private final AtomicBoolean archiving = new AtomicBoolean();

  /**
   * @param archive a class-data-sharing archive of the estate: the first run records the classes it
   *     loads, later runs map them (about 0.2 s less per run)
   */
  Tool(Path archive) {
    this.archive = archive;
  }

  Main.Captured run(Namespace ns, Path workDir, Map<String, String> env, List<String> args) {
    return run(ns, workDir, env, args, line -> {});
  }

  /** The same, telling {@code onLine} each line the tool prints on stdout as it prints it. */
  Main.Captured run(
      Namespace ns,
      Path workDir,
      Map<String, String> env,
      List<String> args,
      Consumer<String> onLine) {
    List<String> argv = argv(args);
    boolean recording = argv.stream().anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit="));
    try {
      Exec.Result r = ns.exec(workDir, env, argv, TIMEOUT, onLine);
      return new Main.Captured(r.exitCode(), r.out(), r.err());
    } finally {
      if (recording && !Files.isRegularFile(archive)) {
        archiving.set(false);
      }
    }
  }

  /** Starts the tool without waiting: a test kills it, as kill -9 does, or waits for it. */
  Exec.Running start(Namespace ns, Path workDir, Map<String, String> env, List<String> args) {
    // Never the archiving run: a killed JVM writes no archive.
    return ns.start(workDir, env, argv(args, false));
  }

  private List<String> argv(List<String> args) {
    return argv(args, true);
  }

  private List<String> argv(List<String> args, boolean mayRecord) {
    if (!Files.isRegularFile(JAR)) {
      throw new EstateException(JAR + " is missing: the integration tests run after 'package'");
    }
    List<String> argv =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xss4m",
                "-XX:MaxTenuringThreshold=0",
                "-XX:-UsePerfData",
                "-Xshare:auto",
                "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off"));
    if (HUGE_PAGES) {
      argv.add("-XX:+UseTransparentHugePages");
    }
    if (Files.isRegularFile(archive)) {
      argv.add("-XX:SharedArchiveFile=" + archive);
    } else if (mayRecord && archiving.compareAndSet(false, true)) {
      argv.add("-XX:ArchiveClassesAtExit=" + archive);
    }
    argv.add("-jar");
    argv.add(JAR.toString());
    argv.addAll(args);
    return argv;
  }
}

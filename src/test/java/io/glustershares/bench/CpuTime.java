package io.glustershares.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CPU time (user + system) of one child process, read through {@code /usr/bin/time}, since Java
 * cannot see a finished child's resource usage. Context only: wall time is what is judged.
 */
final class CpuTime {

  static final boolean AVAILABLE = new File("/usr/bin/time").canExecute();

  private Path report;

  /** The command, wrapped so that its CPU time is written to a file when it ends. */
  List<String> wrap(List<String> argv) throws IOException {
    if (!AVAILABLE) {
      return argv;
    }
    report = Files.createTempFile("bench-cpu", ".txt");
    List<String> wrapped = new ArrayList<>(List.of("/usr/bin/time", "-o", report.toString()));
    wrapped.addAll(List.of("-f", "%U %S"));
    wrapped.addAll(argv);
    return wrapped;
  }

  /** Nanoseconds of CPU time, or 0 when unknown. */
  long read() throws IOException {
    if (report == null) {
      return 0;
    }
    try {
      List<String> lines = Files.readAllLines(report);
      String[] parts = lines.get(lines.size() - 1).trim().split("\\s+");
      return Math.round((Double.parseDouble(parts[0]) + Double.parseDouble(parts[1])) * 1e9);
    } catch (RuntimeException e) {
      return 0;
    } finally {
      Files.deleteIfExists(report);
    }
  }
}

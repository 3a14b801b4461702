package io.glustershares;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Dependencies between packages point one way (STYLE.md): the planner never does I/O. */
class ArchitectureTest {

  private static final Map<String, Set<String>> ALLOWED =
      Map.of(
          "model",
          Set.of(),
          "load",
          Set.of("model"),
          "gluster",
          Set.of("model"),
          "sim",
          Set.of("gluster", "model"),
          "plan",
          Set.of("model"),
          "render",
          Set.of("plan", "model"),
          "planfile",
          Set.of("render", "plan", "model"),
          "apply",
          Set.of("plan", "gluster", "model"),
          "cli",
          Set.of("model", "load", "gluster", "sim", "plan", "render", "planfile", "apply"));

  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?io\\.glustershares\\.([a-z]+)\\.", Pattern.MULTILINE);

  @Test
  void everyImportPointsTheAllowedWay() throws IOException {
    Path root = Path.of("src/main/java/io/glustershares");
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String pkg = root.relativize(file).getName(0).toString();
        assertThat(ALLOWED).as("package %s has no rule", pkg).containsKey(pkg);
        Matcher m = IMPORT.matcher(Files.readString(file));
        while (m.find()) {
          String target = m.group(1);
          if (!target.equals(pkg) && !ALLOWED.get(pkg).contains(target)) {
            violations.add(file + " imports " + target);
          }
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void everyPackageSaysWhatItOwns() throws IOException {
    try (Stream<Path> dirs = Files.list(Path.of("src/main/java/io/glustershares"))) {
      for (Path dir : dirs.filter(Files::isDirectory).toList()) {
        assertThat(dir.resolve("package-info.java")).exists();
      }
    }
  }

  @Test
  void thePlannerDoesNoIo() throws IOException {
    Path plan = Path.of("src/main/java/io/glustershares/plan");
    if (!Files.isDirectory(plan)) {
      return;
    }
    try (Stream<Path> files = Files.walk(plan)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        assertThat(Files.readString(file))
            .as(file.toString())
            .doesNotContain("import java.io.")
            .doesNotContain("import java.nio.file.")
            .doesNotContain("ProcessBuilder")
            .doesNotContain("java.net.");
      }
    }
  }
}

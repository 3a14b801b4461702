package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15: a man page per command, from the picocli model, in roff that groff reads cleanly. */
class ManPagesTest {

  @TempDir Path dir;

  @Test
  void everyCommandHasAPageNamingEveryOneOfItsOptions() throws Exception {
    List<Path> pages = ManPages.write(dir);

    assertThat(pages.stream().map(p -> p.getFileName().toString()))
        .contains(
            "gluster-shares.1",
            "gluster-shares-plan.1",
            "gluster-shares-apply.1",
            "gluster-shares-audit.1",
            "gluster-shares-doctor.1",
            "gluster-shares-completion.1");
    String plan = Files.readString(dir.resolve("gluster-shares-plan.1"));
    assertThat(plan)
        .startsWith(".TH \"GLUSTER-SHARES-PLAN\" 1 ")
        .contains(".SH \"SYNOPSIS\"", ".SH \"OPTIONS\"")
        .contains(".TP\n\\fB\\-\\-detailed\\-exitcode\\fR\n")
        .contains("\\fB\\-v\\fR, \\fB\\-\\-verbose\\fR")
        .doesNotContain("xref:", "::", "// tag::");
    for (String line : plan.lines().toList()) {
      assertThat(line)
          .as("only the requests the converter writes")
          .matches("(\\.(TH|SH|TP|PP)( .*)?|[^.'].*|)");
    }
  }

  @Test
  void groffReadsEveryPageWithoutAWarning() throws Exception {
    assumeThat(Files.isExecutable(Path.of("/usr/bin/groff"))).as("groff installed").isTrue();
    List<String> argv = new ArrayList<>(List.of("groff", "-man", "-Tutf8", "-ww", "-z"));
    ManPages.write(dir).forEach(p -> argv.add(p.toString()));

    Process groff = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(groff.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(groff.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(out).isEmpty();
    assertThat(groff.exitValue()).isZero();
  }
}

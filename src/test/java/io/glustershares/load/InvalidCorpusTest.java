package io.glustershares.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.TestFiles;
import io.glustershares.cli.CliRunner;
import io.glustershares.cli.Main;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file under {@code src/test/resources/invalid/} must be refused with exit 3 and exactly the
 * lines of its {@code .expected} file: one line per problem, each with a position, the field, what
 * is wrong and what is valid; never a stack trace; nothing created in the working directory.
 */
class InvalidCorpusTest {

  /** FILE:LINE:COL: field: what is wrong; valid: what is valid */
  static final String LINE_SHAPE = "^[^:]+:\\d+:\\d+: \\S[^:]*: .+; valid: .+$";

  @TempDir Path work;

  @BeforeEach
  void copyCorpus() throws IOException {
    TestFiles.copyTree(corpusDir(), work.resolve("invalid"));
  }

  static Path corpusDir() {
    try {
      return Path.of(InvalidCorpusTest.class.getResource("/invalid").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<String> corpus() throws IOException {
    try (Stream<Path> files = Files.list(corpusDir())) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @Test
  void theCorpusIsLarge() throws IOException {
    assertThat(corpus().count()).isGreaterThanOrEqualTo(40);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void isRefusedWithTheExpectedLines(String name) throws IOException {
    String expected = Files.readString(corpusDir().resolve(name.replace(".yaml", ".expected")));
    Main.Captured result = new CliRunner(work).run("validate", "-f", "invalid/" + name);

    assertThat(result.exitCode()).as(result.err()).isEqualTo(3);
    assertThat(result.err()).isEqualTo(expected);
    assertThat(result.out()).isEmpty();
    assertRefusedCleanly(result);
  }

  @Test
  void aFileOf50MegabytesIsRefusedBeforeParsing() throws IOException {
    Path big = work.resolve("big.yaml");
    try (OutputStream out = Files.newOutputStream(big)) {
      byte[] line =
          "# padding padding padding padding padding padding padding padding\n"
              .getBytes(StandardCharsets.US_ASCII);
      for (long written = 0; written < 50L * 1024 * 1024; written += line.length) {
        out.write(line);
      }
    }
    Main.Captured result = new CliRunner(work).run("validate", "-f", "big.yaml");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err())
        .isEqualTo("big.yaml:1:1: (file): the file is 52.4 MB; valid: at most 32 MB\n");
    assertRefusedCleanly(result);
  }

  @Test
  void binaryGarbageIsRefused() throws IOException {
    byte[] garbage = new byte[4096];
    new Random(42).nextBytes(garbage);
    garbage[0] = 'a';
    garbage[1] = ':';
    garbage[2] = '\n';
    garbage[3] = (byte) 0xff;
    Files.write(work.resolve("garbage.bin"), garbage);

    Main.Captured result = new CliRunner(work).run("validate", "-f", "garbage.bin");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err())
        .isEqualTo(
            "garbage.bin:2:1: (file): not UTF-8 text (invalid byte 0xff at offset 3); valid: a"
                + " YAML text file in UTF-8\n");
    assertRefusedCleanly(result);
  }

  @Test
  void controlCharactersInUtf8AreRefusedWithTheirPosition() throws IOException {
    Files.write(
        work.resolve("nul.yaml"), "apiVersion: gluster-shares/v1\nstack: a\u0000b\n".getBytes());

    Main.Captured result = new CliRunner(work).run("validate", "-f", "nul.yaml");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err())
        .isEqualTo(
            "nul.yaml:2:9: (file): the character U+0000 is not allowed in YAML; valid: printable"
                + " text\n");
    assertRefusedCleanly(result);
  }

  @Test
  void deepNestingIsRefusedWithoutAStackOverflowTrace() throws IOException {
    String deep = "a: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n";
    Files.writeString(work.resolve("deep.yaml"), deep);

    Main.Captured result = new CliRunner(work).run("validate", "-f", "deep.yaml");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err()).contains("nested");
    assertRefusedCleanly(result);
  }

  @Test
  void aHugeValueIsShownShortened() throws IOException {
    String huge = "c".repeat(1_000_000);
    Files.writeString(
        work.resolve("huge.yaml"),
        "apiVersion: gluster-shares/v1\nstack: prod\nvolumePattern: v-\nclusters:\n"
            + "  east:\n    server: root@east\nshares:\n  - name: a\n    size: 1\n"
            + "    cluster: "
            + huge
            + "\n    access:\n      - certificate: "
            + huge
            + ".pem\n");

    Main.Captured result = new CliRunner(work).run("validate", "-f", "huge.yaml");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err().lines()).hasSizeGreaterThanOrEqualTo(2);
    for (String line : result.err().lines().toList()) {
      assertThat(line.length()).as(line).isLessThan(600);
      assertThat(line.split("…\\(", -1)).as("the value is shown once: " + line).hasSizeLessThan(3);
    }
    assertThat(result.err())
        .contains(
            "huge.yaml:10:14: shares[0].cluster: no cluster '"
                + "c".repeat(60)
                + "…(1000000 chars)' under clusters")
        .contains("certificate file '" + "c".repeat(60) + "…(1000004 chars)' cannot be read");
    assertRefusedCleanly(result);
  }

  @Test
  void aMissingFileIsRefused() {
    Main.Captured result = new CliRunner(work).run("validate", "-f", "nowhere.yaml");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err())
        .isEqualTo(
            "nowhere.yaml:1:1: (file): no such file; valid: a path to a gluster-shares YAML file"
                + " (-f FILE)\n");
  }

  private void assertRefusedCleanly(Main.Captured result) {
    List<String> lines = result.err().lines().toList();
    assertThat(lines).isNotEmpty();
    for (String line : lines) {
      assertThat(line).matches(LINE_SHAPE);
    }
    assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(work.resolve(".gluster-shares")).doesNotExist();
  }
}

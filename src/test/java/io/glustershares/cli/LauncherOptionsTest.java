package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options {@code bin/gluster-shares} starts the tool with (issue 17): read from a stand-in
 * {@code java} first on the PATH, in a copy of the launcher beside a stand-in jar.
 */
class LauncherOptionsTest {

  private static final Path THP = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

  @TempDir Path home;

  private List<String> javaArgs(String javaOpts) throws Exception {
    Path bin = Files.createDirectories(home.resolve("bin"));
    Files.copy(Path.of("bin", "gluster-shares"), bin.resolve("gluster-shares"));
    Files.createDirectories(home.resolve("target"));
    Files.writeString(home.resolve("target").resolve("gluster-shares.jar"), "");
    Path fake = Files.createDirectories(home.resolve("fake"));
    Path java = fake.resolve("java");
    Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessBuilder builder =
        new ProcessBuilder(bin.resolve("gluster-shares").toString(), "validate");
    builder.environment().put("PATH", fake + ":" + System.getenv("PATH"));
    builder.environment().remove("GLUSTER_SHARES_JAVA_OPTS");
    if (!javaOpts.isEmpty()) {
      builder.environment().put("GLUSTER_SHARES_JAVA_OPTS", javaOpts);
    }
    builder.redirectErrorStream(true);
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.lines().toList();
  }

  private static boolean kernelOffersHugePages() throws Exception {
    if (!Files.isReadable(THP)) {
      return false;
    }
    String mode = Files.readString(THP);
    return mode.contains("[always]") || mode.contains("[madvise]");
  }

  @Test
  void survivorsAreKeptAndHugePagesUsedWhereTheKernelOffersThem() throws Exception {
    List<String> args = javaArgs("");

    assertThat(args).contains("-XX:+UseSerialGC", "-XX:MaxTenuringThreshold=0");
    if (kernelOffersHugePages()) {
      assertThat(args).contains("-XX:+UseTransparentHugePages");
    } else {
      assertThat(args).doesNotContain("-XX:+UseTransparentHugePages");
    }
    assertThat(args.subList(args.indexOf("-jar"), args.size()))
        .containsExactly("-jar", home.resolve("target/gluster-shares.jar").toString(), "validate");
  }

  @Test
  void theOptionsOfTheEnvironmentReplaceThemAll() throws Exception {
    List<String> args = javaArgs("-Xmx64m");

    assertThat(args).contains("-Xmx64m");
    assertThat(args)
        .doesNotContain(
            "-XX:+UseSerialGC", "-XX:MaxTenuringThreshold=0", "-XX:+UseTransparentHugePages");
  }

  @Test
  void whereTheLauncherAsksForHugePagesTheJvmSaysNothingAboutThem() throws Exception {
    if (!kernelOffersHugePages()) {
      return; // The launcher does not ask: nothing to check on this kernel.
    }
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseTransparentHugePages",
                "-XX:MaxTenuringThreshold=0",
                "-version")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(out.toLowerCase(Locale.ROOT)).doesNotContain("warning");
  }
}

package io.glustershares.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** What real gluster did, in target/security-observations.md, one line per observation. */
public final class SecurityObservations {

  private static final Path REPORT = Path.of("target/security-observations.md");

  private SecurityObservations() {}

  public static synchronized void record(String line) {
    try {
      if (!Files.exists(REPORT)) {
        Files.writeString(
            REPORT, "# What real gluster did (recorded by the integration tests)\n\n");
      }
      Files.writeString(REPORT, line + "\n", StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.glustershares.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** What real gluster did, in target/security-observations.md, one line per observation. */
public final class SecurityObservations {

  private static final Path REPORT = Path.of("target/security-observations.md");

  private SecurityObservations() {}

  public static synchronized void record(String line) {
    try {
      writeHeaderOnce();
      // One short append per line: O_APPEND keeps lines whole when two test JVMs record at once.
      Files.writeString(REPORT, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first JVM to record writes the header; CREATE_NEW makes that race-free. */
  private static void writeHeaderOnce() throws IOException {
    try {
      Files.writeString(
          REPORT,
          "# What real gluster did (recorded by the integration tests)\n\n",
          StandardOpenOption.CREATE_NEW);
    } catch (FileAlreadyExistsException e) {
      // Another test JVM (or an earlier test of this one) wrote it.
    }
  }
}

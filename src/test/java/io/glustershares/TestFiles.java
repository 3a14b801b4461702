package io.glustershares;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** File helpers shared by tests. */
public final class TestFiles {

  private TestFiles() {}

  public static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      // A simulator's state left by someone running the example there is not part of it.
      paths
          .filter(p -> !from.relativize(p).toString().startsWith(".gluster-shares"))
          .forEach(
              p -> {
                try {
                  Path target = to.resolve(from.relativize(p).toString());
                  if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                  } else {
                    Files.copy(p, target);
                  }
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}

package io.glustershares.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files on disk, relative paths resolved against the process's working directory. */
public final class WorkingTree implements SourceTree {

  private final Path workDir;

  public WorkingTree(Path workDir) {
    this.workDir = workDir;
  }

  @Override
  public byte[] read(Path path, long limit) throws IOException {
    Path file = workDir.resolve(path);
    long size = Files.size(file);
    if (size > limit) {
      throw new TooLargeException(size);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
      if (bytes.length > limit) {
        throw new TooLargeException(bytes.length);
      }
      return bytes;
    }
  }

  @Override
  public boolean exists(Path path) {
    return Files.isRegularFile(workDir.resolve(path));
  }
}

package io.glustershares.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** Files on disk, relative paths resolved against the process's working directory. */
public final class WorkingTree implements SourceTree {

  private final Path workDir;

  public WorkingTree(Path workDir) {
    this.workDir = workDir;
  }

  @Override
  public byte[] read(Path path, long limit) throws IOException {
    // What is checked is what is opened: the real path, its own attributes, opened without
    // following a link. Opening a FIFO would block until a writer comes, so it is never opened.
    Path file = workDir.resolve(path).toRealPath();
    BasicFileAttributes attributes =
        Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!attributes.isRegularFile()) {
      throw new NotRegularFileException(
          attributes.isDirectory() ? "a directory" : "a FIFO, socket or device");
    }
    if (attributes.size() > limit) {
      throw new TooLargeException(attributes.size());
    }
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
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

  @Override
  public Path realPath(Path path) throws IOException {
    return workDir.resolve(path).toRealPath();
  }

  @Override
  public SourceTree disk() {
    return this;
  }
}

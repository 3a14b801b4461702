package io.glustershares.load;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where the desired-state file and the files it names (certificates, simulator pools) are read
 * from: the working tree, or a git revision.
 */
public interface SourceTree {

  /** Reads a whole file, refusing files longer than {@code limit} bytes. */
  byte[] read(Path path, long limit) throws IOException;

  /** Whether the file exists in this tree. */
  boolean exists(Path path);

  /** Said after a file name in messages, e.g. {@code " at revision 1a2b3c4"}; empty for disk. */
  default String where() {
    return "";
  }

  /** Thrown when a file is longer than the limit given to {@link #read}. */
  final class TooLargeException extends IOException {
    private final long size;

    public TooLargeException(long size) {
      super("file of " + size + " bytes");
      this.size = size;
    }

    public long size() {
      return size;
    }
  }
}

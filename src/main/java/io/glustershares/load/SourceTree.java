package io.glustershares.load;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where the desired-state file and the files it names (certificates, simulator pools) are read
 * from: the working tree, or a git revision.
 */
public interface SourceTree {

  /**
   * Reads a whole regular file, refusing files longer than {@code limit} bytes and anything that is
   * not a regular file (a FIFO would block the reader forever, a device never ends).
   */
  byte[] read(Path path, long limit) throws IOException;

  /** Whether the file exists in this tree. */
  boolean exists(Path path);

  /**
   * The place {@code path} names once every symbolic link in this tree is followed, as an absolute
   * path; {@link java.nio.file.NoSuchFileException} when there is nothing there.
   */
  Path realPath(Path path) throws IOException;

  /**
   * The working tree on disk behind this tree: itself for the working tree. A revision's files are
   * checked in it too, since that is where the simulator reads and known_hosts files are written.
   */
  SourceTree disk();

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

  /** Thrown when a path names a directory, a FIFO, a socket or a device instead of a file. */
  final class NotRegularFileException extends IOException {
    private final String kind;

    public NotRegularFileException(String kind) {
      super("not a regular file (" + kind + ")");
      this.kind = kind;
    }

    /** What it is instead, e.g. {@code "a directory"}. */
    public String kind() {
      return kind;
    }
  }
}

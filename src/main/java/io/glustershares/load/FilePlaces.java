package io.glustershares.load;

import io.glustershares.model.Printable;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The files a desired-state file names (certificates, simulator pools, a known_hosts file to append
 * to) must lie in that file's own directory tree. The file may come from a merge request: an
 * absolute path, a {@code ..} or a symbolic link leading out would let it read any file of the
 * machine that runs the plan (and, through an error message, print it), or make the tool append to
 * any file. A revision's files are checked in the revision and on disk, where they are used.
 */
final class FilePlaces {

  /**
   * What a kind of file is called in messages, what would be valid in its place, and what a path
   * outside would let a hostile file do.
   */
  record Kind(String noun, String valid, String risk) {}

  private static final String READ_ANY =
      "a file could otherwise read any file of the machine that runs it";

  static final Kind CERTIFICATE =
      new Kind(
          "certificate file",
          "a PEM file path relative to this file, inside its directory",
          READ_ANY);
  static final Kind SIMULATOR =
      new Kind(
          "simulator file",
          "sim:FILE with FILE relative to this file, inside its directory",
          READ_ANY);
  static final Kind KNOWN_HOSTS =
      new Kind(
          "known_hosts file",
          "with acceptNewHostKey, the default ~/.ssh/known_hosts or a path relative to this file,"
              + " inside its directory",
          "new host keys are appended to it: a file could otherwise make the tool append to any"
              + " file");

  /** A file as read, or the one-line message saying why it was not. */
  sealed interface Read {
    record Bytes(byte[] bytes) implements Read {}

    record Problem(String message) implements Read {}
  }

  private final Path baseDir;
  private final SourceTree tree;

  FilePlaces(Path baseDir, SourceTree tree) {
    this.baseDir = baseDir;
    this.tree = tree;
  }

  /** The path a written name stands for, relative to the process's working directory. */
  Path resolve(String written) {
    return baseDir.resolve(written).normalize();
  }

  /**
   * Why {@code written} is not a place inside this file's directory tree, as a message naming it;
   * empty when it is. The file need not exist: for one to be created, its nearest existing parent
   * is checked.
   */
  Optional<String> outside(Kind kind, String written) {
    Optional<String> why = lexically(kind, written).or(() -> throughLinks(written));
    return why.map(
        w -> kind.noun() + " " + Printable.quoted(written) + " " + w + "; valid: " + kind.valid());
  }

  /**
   * Reads a file the desired-state file names: inside its tree, a regular file (a FIFO would hang
   * the reader), at most {@code limit} bytes. Messages never show what the file holds.
   */
  Read read(Kind kind, String written, long limit, String tooBig) {
    Optional<String> outside = outside(kind, written);
    if (outside.isPresent()) {
      return new Read.Problem(outside.get());
    }
    String named = kind.noun() + " " + Printable.quoted(written);
    Path path = resolve(written);
    try {
      return new Read.Bytes(tree.read(path, limit));
    } catch (SourceTree.TooLargeException e) {
      return new Read.Problem(named + " is " + e.size() + " bytes, " + tooBig);
    } catch (SourceTree.NotRegularFileException e) {
      return new Read.Problem(
          named + " is not a regular file (" + e.kind() + "); valid: " + kind.valid());
    } catch (NoSuchFileException e) {
      return new Read.Problem(
          named
              + " not found (looked for "
              + Printable.value(path.toString())
              + tree.where()
              + "); valid: "
              + kind.valid());
    } catch (AccessDeniedException e) {
      return new Read.Problem(
          named + " cannot be read: permission denied; valid: a file this user can read");
    } catch (IOException e) {
      return new Read.Problem(named + " cannot be read: " + reason(e) + "; valid: " + kind.valid());
    }
  }

  private static Optional<String> lexically(Kind kind, String written) {
    Path path;
    try {
      path = Path.of(written);
    } catch (InvalidPathException e) {
      return Optional.of("is not a path");
    }
    if (path.isAbsolute()) {
      return Optional.of("is an absolute path (" + kind.risk() + ")");
    }
    if (written.equals("~") || written.startsWith("~/")) {
      return Optional.of("is in the home directory (" + kind.risk() + ")");
    }
    Path normalized = path.normalize();
    if (normalized.getNameCount() > 0 && normalized.getName(0).toString().equals("..")) {
      return Optional.of("leads out of this file's directory through '..'");
    }
    for (Path name : normalized) {
      // A CI checkout keeps its job token in .git/config.
      if (name.toString().equals(".git")) {
        return Optional.of("is inside .git (where a CI checkout keeps its credentials)");
      }
    }
    return Optional.empty();
  }

  private Optional<String> throughLinks(String written) {
    Optional<String> inTree = throughLinks(tree, written);
    if (inTree.isPresent() || tree.disk() == tree) {
      return inTree;
    }
    return throughLinks(tree.disk(), written);
  }

  private Optional<String> throughLinks(SourceTree in, String written) {
    Path root;
    Path target;
    try {
      root = in.realPath(baseDir);
      target = nearestReal(in, resolve(written));
    } catch (IOException e) {
      // Nothing there to lead anywhere (the directory itself is missing from this tree).
      return Optional.empty();
    }
    return target.startsWith(root)
        ? Optional.empty()
        : Optional.of(
            "leads out of this file's directory through a symbolic link"
                + (in == tree ? tree.where() : " on disk"));
  }

  /** The real path of {@code path}, or of its nearest existing parent followed by the rest. */
  private Path nearestReal(SourceTree in, Path path) throws IOException {
    try {
      return in.realPath(path);
    } catch (NoSuchFileException e) {
      Path parent = path.getParent();
      if (parent == null || path.getNameCount() <= baseDir.getNameCount()) {
        throw e;
      }
      return nearestReal(in, parent).resolve(path.getFileName().toString());
    }
  }

  /** What went wrong reading a file, without the path (which the message names already). */
  static String reason(IOException e) {
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return Printable.oneLine(fs.getReason());
    }
    return Printable.oneLine(e.getMessage());
  }
}

package io.glustershares.sim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads the simulator's input files (the pool file and the certificates it names). They come from
 * the repository, which may be hostile: only regular files of bounded size are opened (a FIFO would
 * block forever), and what they hold is never put in a message.
 */
final class SimFiles {

  /** A certificate the pool hands to doctor is a few KiB. */
  static final long MAX_TLS_BYTES = 64 * 1024;

  private SimFiles() {}

  /**
   * @param what how messages name the file, e.g. {@code "simulator file pool.yaml"}
   */
  static String read(Path file, long limit, String what) {
    try {
      Path real = file.toRealPath();
      BasicFileAttributes attributes =
          Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attributes.isRegularFile()) {
        throw new SimException(what + " is not a regular file");
      }
      if (attributes.size() > limit) {
        throw new SimException(what + " is " + attributes.size() + " bytes, more than " + limit);
      }
      try (InputStream in = Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS)) {
        byte[] bytes = in.readNBytes((int) limit + 1);
        if (bytes.length > limit) {
          throw new SimException(what + " is more than " + limit + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
      }
    } catch (NoSuchFileException e) {
      throw new SimException(what + " not found");
    } catch (IOException e) {
      throw new SimException(what + " cannot be read", e);
    }
  }

  /**
   * The file {@code written} names relative to {@code baseDir}, which it must not leave: not
   * absolute, no {@code ..} out, no symbolic link out.
   *
   * @param field the pool file's field, for the message
   */
  static Path inside(Path baseDir, String written, String field, String file) {
    SimException outside =
        new SimException(
            "simulator file "
                + file
                + ": "
                + field
                + ": valid: a file relative to the pool file, inside its directory");
    Path path;
    try {
      path = Path.of(written);
    } catch (InvalidPathException e) {
      throw outside;
    }
    Path normalized = path.normalize();
    if (path.isAbsolute()
        || (normalized.getNameCount() > 0 && normalized.getName(0).toString().equals(".."))) {
      throw outside;
    }
    Path resolved = baseDir.resolve(normalized);
    try {
      if (!resolved.toRealPath().startsWith(baseDir.toRealPath())) {
        throw outside;
      }
    } catch (IOException e) {
      throw new SimException("simulator file " + file + ": " + field + ": not found");
    }
    return resolved;
  }
}

package io.glustershares.load;

import io.glustershares.model.DesiredState;
import io.glustershares.model.Diagnostic;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Reads and validates a desired-state file: size and encoding, YAML, the JSON Schema, then the
 * semantic rules. Nothing here contacts a cluster.
 */
public final class DesiredStateLoader {

  /** Large enough for 100 000 shares with access lists and snapshots. */
  public static final long MAX_FILE_BYTES = YamlDocument.MAX_CODE_POINTS;

  private final SourceTree tree;

  /** One thread beside the caller's, for the schema check. */
  private static final Executor SIDE =
      r -> {
        Thread t = new Thread(r, "gluster-shares-schema-check");
        t.setDaemon(true);
        t.start();
      };

  private final Optional<Instant> now;

  /** A loader that does not judge expiries (nothing is "already expired"). */
  public DesiredStateLoader(SourceTree tree) {
    this(tree, Optional.empty());
  }

  /**
   * @param now the instant the file is read for: access that expired before it is a warning
   */
  public DesiredStateLoader(SourceTree tree, Optional<Instant> now) {
    this.tree = tree;
    this.now = now;
  }

  /**
   * A loaded state, or the errors that stop it; warnings come with either.
   *
   * @param document the parsed file, with positions, when it parsed (for edits of its text)
   */
  public record Result(
      Optional<DesiredState> state, List<Diagnostic> diagnostics, Optional<YamlDocument> document) {
    public Result {
      diagnostics = diagnostics.stream().sorted(Diagnostic.BY_POSITION).toList();
    }

    Result(Optional<DesiredState> state, List<Diagnostic> diagnostics) {
      this(state, diagnostics, Optional.empty());
    }

    public boolean ok() {
      return state.isPresent();
    }

    public List<Diagnostic> errors() {
      return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    public List<Diagnostic> warnings() {
      return diagnostics.stream().filter(d -> !d.isError()).toList();
    }
  }

  /**
   * @param file the path as the user gave it; used in messages and to resolve relative paths
   */
  public Result load(Path file) {
    String name = file.toString();
    byte[] bytes;
    try {
      bytes = tree.read(file, MAX_FILE_BYTES);
    } catch (SourceTree.TooLargeException e) {
      return failure(
          name,
          String.format(
              Locale.ROOT,
              "the file is %.1f MB; valid: at most %d MB",
              e.size() / 1e6,
              MAX_FILE_BYTES / (1024 * 1024)));
    } catch (SourceTree.NotRegularFileException e) {
      return failure(
          name,
          "not a regular file (" + e.kind() + "); valid: a gluster-shares YAML file (-f FILE)");
    } catch (NoSuchFileException e) {
      return failure(
          name,
          "no such file"
              + tree.where()
              + "; valid: a path to a gluster-shares YAML file (-f FILE)");
    } catch (AccessDeniedException e) {
      return failure(name, "cannot read the file: permission denied");
    } catch (IOException e) {
      return failure(name, "cannot read the file: " + FilePlaces.reason(e));
    }
    SchemaCheck.warmUp();
    Optional<String> text = decode(name, bytes);
    if (text.isEmpty()) {
      return undecodable(name, bytes);
    }
    YamlDocument.Parsed parsed = YamlDocument.parse(name, text.get());
    if (parsed.document().isEmpty()) {
      return new Result(Optional.empty(), parsed.problems());
    }
    YamlDocument doc = parsed.document().get();
    // The schema and the semantic rules read the same tree; on two cores they run side by side.
    // Semantic rules run even after schema errors, so every problem is reported at once; the
    // model is only kept when the schema passed.
    CompletableFuture<List<Diagnostic>> schema =
        CompletableFuture.supplyAsync(() -> SchemaCheck.check(name, doc), SIDE);
    SemanticRules rules = new SemanticRules(name, file, tree, doc, bytes, now);
    Optional<DesiredState> built = rules.apply(true);
    List<Diagnostic> diagnostics = new ArrayList<>(schema.join());
    Optional<DesiredState> state = diagnostics.isEmpty() ? built : Optional.empty();
    diagnostics.addAll(rules.diagnostics());
    boolean hasErrors = diagnostics.stream().anyMatch(Diagnostic::isError);
    return new Result(hasErrors ? Optional.empty() : state, diagnostics, Optional.of(doc));
  }

  /** A problem with the file as a whole: reported at its start, so every line has a position. */
  private static Result failure(String file, String message) {
    return failure(file, 1, 1, message);
  }

  private static Result failure(String file, int line, int column, String message) {
    return new Result(
        Optional.empty(), List.of(Diagnostic.error(file, line, column, "(file)", message)));
  }

  private static Optional<String> decode(String name, byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      String text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
      // A byte-order mark is allowed by YAML; strip it so column numbers stay right.
      return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static Result undecodable(String name, byte[] bytes) {
    int offset = Math.max(0, firstInvalidUtf8(bytes));
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return failure(
        name,
        line,
        offset - lineStart + 1,
        "not UTF-8 text (invalid byte 0x"
            + String.format("%02x", bytes[offset] & 0xff)
            + " at offset "
            + offset
            + "); valid: a YAML text file in UTF-8");
  }

  /** The offset of the first byte that cannot start or continue a UTF-8 sequence, or -1. */
  private static int firstInvalidUtf8(byte[] b) {
    int i = 0;
    while (i < b.length) {
      int c = b[i] & 0xff;
      int more =
          c < 0x80
              ? 0
              : c >= 0xc2 && c <= 0xdf
                  ? 1
                  : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
      if (more < 0) {
        return i;
      }
      for (int k = 1; k <= more; k++) {
        if (i + k >= b.length || (b[i + k] & 0xc0) != 0x80) {
          return i;
        }
      }
      i += more + 1;
    }
    return -1;
  }
}

package io.glustershares.planfile;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.glustershares.planfile.PlanFileException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a saved plan strictly. A plan file sat in an artifact store: it is hostile until checked.
 * It must be a regular file of bounded size, UTF-8, JSON without duplicate keys, valid against
 * {@code plan-v1.schema.json} (so unknown step kinds and fields are refused, each problem named by
 * its JSON path), a saved plan ({@code options} and {@code observed} present, no errors), made by
 * this very tool version. What it returns is only what {@code apply} needs to plan again.
 */
public final class PlanFileReader {

  /** A plan of 10 000 new shares is about 30 000 actions, some 30 MB. */
  public static final long MAX_BYTES = 256L * 1024 * 1024;

  static final String SCHEMA = "/io/glustershares/schema/plan-v1.schema.json";

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private static final class Holder {
    static final Schema SCHEMA = load();

    private static Schema load() {
      try (InputStream in = PlanFileReader.class.getResourceAsStream(PlanFileReader.SCHEMA)) {
        if (in == null) {
          throw new IllegalStateException("schema resource missing from the jar: " + SCHEMA);
        }
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private PlanFileReader() {}

  /** A saved plan is a JSON object whose first key is {@code formatVersion}. */
  private static final Pattern PLAN_START = Pattern.compile("\\A\\s*\\{\\s*\"formatVersion\"");

  /**
   * Whether {@code file} is a regular file (not a link) that reads as a plan from its first bytes:
   * what {@code apply FILE} takes for a saved plan, and what {@code plan --out} may replace.
   */
  public static boolean startsAsAPlan(Path file) {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(256);
    } catch (IOException e) {
      return false;
    }
    return PLAN_START.matcher(new String(head, StandardCharsets.UTF_8)).find();
  }

  /**
   * @param shown the file as the user named it, for messages
   * @param toolVersion this tool's version: a plan made by another is refused
   */
  public static SavedPlan read(Path file, String shown, String toolVersion)
      throws PlanFileException {
    return parse(bytes(file, shown), shown, toolVersion);
  }

  static byte[] bytes(Path file, String shown) throws PlanFileException {
    try {
      // Follows a link on purpose (an artifact may be one), but never opens a FIFO or a device.
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        throw new PlanFileException(Reason.INVALID, shown + ": not a regular file");
      }
      if (attributes.size() > MAX_BYTES) {
        throw new PlanFileException(
            Reason.INVALID,
            shown
                + ": "
                + attributes.size()
                + " bytes, more than a plan can be ("
                + MAX_BYTES
                + ")");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new PlanFileException(Reason.INVALID, shown + ": no such file");
    } catch (IOException e) {
      throw new PlanFileException(Reason.INVALID, shown + ": cannot be read (" + e + ")");
    }
  }

  static SavedPlan parse(byte[] bytes, String shown, String toolVersion) throws PlanFileException {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new PlanFileException(Reason.INVALID, shown + ": not UTF-8 text, so not a plan");
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JacksonException e) {
      throw new PlanFileException(
          Reason.INVALID, shown + ": not a JSON plan (" + firstLine(e.getMessage()) + ")");
    }
    if (root == null || !root.isObject()) {
      throw new PlanFileException(Reason.INVALID, shown + ": not a JSON plan");
    }
    if (root.path("formatVersion").asInt(-1) != PlanFormat.FORMAT_VERSION) {
      throw new PlanFileException(
          Reason.REFUSED,
          shown
              + ": formatVersion "
              + root.path("formatVersion")
              + " is not "
              + PlanFormat.FORMAT_VERSION
              + ", the only one this tool reads; make a new plan");
    }
    List<Error> errors = Holder.SCHEMA.validate(root);
    if (!errors.isEmpty()) {
      StringBuilder message = new StringBuilder(shown + ": not a valid plan:");
      errors.stream()
          .limit(5)
          .forEach(
              e ->
                  message
                      .append("\n  ")
                      .append(e.getInstanceLocation())
                      .append(": ")
                      .append(firstLine(e.getMessage())));
      if (errors.size() > 5) {
        message.append("\n  and ").append(errors.size() - 5).append(" more");
      }
      throw new PlanFileException(Reason.INVALID, message.toString());
    }
    if (!root.has("observed") || !root.has("options")) {
      throw new PlanFileException(
          Reason.INVALID,
          shown
              + ": not a saved plan (it has no fingerprint of what the clusters held); save plans"
              + " with plan --out");
    }
    if (!root.path("errors").isEmpty()) {
      throw new PlanFileException(
          Reason.INVALID, shown + ": a plan with errors is never saved, and is not applied");
    }
    String madeBy = root.path("provenance").path("toolVersion").asString();
    if (!madeBy.equals(toolVersion)) {
      throw new PlanFileException(
          Reason.REFUSED,
          shown
              + ": made by gluster-shares "
              + madeBy
              + "; this is "
              + toolVersion
              + ", which may plan differently; make a new plan with this version");
    }
    return PlanFormat.read(root, shown);
  }

  private static String firstLine(String message) {
    String m = message == null ? "" : message.strip();
    int nl = m.indexOf('\n');
    m = nl < 0 ? m : m.substring(0, nl);
    return m.length() > 200 ? m.substring(0, 200) + "…" : m;
  }
}

package io.glustershares;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Validates a JSON document the tool printed against the schema it documents. */
public final class JsonSchemas {

  private JsonSchemas() {}

  public static List<String> problems(String schemaFile, String json) {
    try {
      Schema schema =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
              .getSchema(Files.readString(Path.of("schema", schemaFile)), InputFormat.JSON);
      return schema.validate(json, InputFormat.JSON).stream()
          .map(e -> e.getInstanceLocation() + ": " + e.getMessage())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

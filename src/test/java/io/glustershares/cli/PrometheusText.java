package io.glustershares.cli;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4), as node_exporter's
 * textfile collector reads it: every sample's metric has its {@code # HELP} and {@code # TYPE}
 * before it, names and label names are valid, label values are escaped, no sample is given twice.
 */
final class PrometheusText {

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern SAMPLE =
      Pattern.compile(
          "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\""
              + "(?:,[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\")*)?\\})? (\\S+)");

  private PrometheusText() {}

  /** Samples by their series ({@code name{labels}} as written), or an error naming the line. */
  static Map<String, Double> parse(String text) {
    Map<String, Double> out = new LinkedHashMap<>();
    Set<String> typed = new HashSet<>();
    Set<String> helped = new HashSet<>();
    String[] lines = text.split("\n", -1);
    if (!text.endsWith("\n")) {
      throw new AssertionError("the text must end with a line feed");
    }
    for (int i = 0; i < lines.length - 1; i++) {
      String line = lines[i];
      if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
        String[] parts = line.split(" ", 4);
        if (parts.length < 4 || !NAME.matcher(parts[2]).matches()) {
          throw new AssertionError("line " + (i + 1) + ": bad comment: " + line);
        }
        if (line.startsWith("# TYPE ")) {
          if (!Set.of("gauge", "counter", "untyped").contains(parts[3]) || !typed.add(parts[2])) {
            throw new AssertionError("line " + (i + 1) + ": bad or repeated TYPE: " + line);
          }
        } else {
          helped.add(parts[2]);
        }
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      if (!m.matches()) {
        throw new AssertionError("line " + (i + 1) + ": not a sample: " + line);
      }
      if (!typed.contains(m.group(1)) || !helped.contains(m.group(1))) {
        throw new AssertionError("line " + (i + 1) + ": sample before its HELP and TYPE: " + line);
      }
      String series = m.group(1) + (m.group(2) == null ? "" : m.group(2));
      if (out.put(series, Double.parseDouble(m.group(3))) != null) {
        throw new AssertionError("line " + (i + 1) + ": repeated series " + series);
      }
    }
    return out;
  }
}

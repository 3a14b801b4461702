package io.glustershares;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The Bar of issue 13: small files, and a planner that says nothing twice. */
class CodeShapeTest {

  private static final int MAX_LINES = 500;
  private static final int WINDOW = 6;

  @Test
  void noFileOfSrcMainIsOver500Lines() throws IOException {
    List<String> over = new ArrayList<>();
    for (Path file : javaFiles(Path.of("src/main/java"))) {
      long lines = Files.readAllLines(file).size();
      if (lines > MAX_LINES) {
        over.add(file + ": " + lines + " lines");
      }
    }
    assertThat(over).isEmpty();
  }

  /**
   * The Bar of issue 13: no two places in the planner's files share six lines, the same or of the
   * same shape (names and literals aside). Messages are one format each and the parts share their
   * wiring, so a repeat found here is code written twice: make it one.
   */
  @Test
  void thePlannerSaysNothingTwice() throws IOException {
    assertThat(repeats(javaFiles(Path.of("src/main/java/io/glustershares/plan")))).isEmpty();
  }

  /** The check is not blind: two methods alike but for their names and values are caught. */
  @Test
  void theRepeatCheckSeesTheSameShape() throws IOException {
    Path dir = Files.createTempDirectory("shape");
    try {
      Path a = dir.resolve("A.java");
      Path b = dir.resolve("B.java");
      Files.writeString(
          a,
          """
          int grants(List<String> cns, int limit) {
            int count = 0;
            for (String cn : cns) {
              if (cn.startsWith("tenant-")) {
                count += 1;
              }
              log.add("seen " + cn);
            }
            return Math.min(count, limit);
          }
          """);
      Files.writeString(
          b,
          """
          // other names, other values, the same code
          int revokes(Set<Long> ids, int most) {
            int n = 7;
            for (Long id : ids) {
              if (id.equals(42L)) {
                n += 2;
              }
              out.put("gone: " + id);
            }
            return Math.max(n, most);
          }
          """);
      assertThat(repeats(List.of(a, b))).hasSize(1);
    } finally {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
      Files.delete(dir);
    }
  }

  private static List<Path> javaFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    }
  }

  /** A line of code as it stands there: where, and its shape. */
  private record Line(Path file, int number, String shape) {}

  /** The second place of every run of six shaped lines seen before, with the first. */
  static List<String> repeats(List<Path> files) throws IOException {
    Map<String, Line> seen = new HashMap<>();
    List<String> out = new ArrayList<>();
    for (Path file : files) {
      List<Line> lines = shapes(file);
      int reportedUpTo = -1;
      for (int i = 0; i + WINDOW <= lines.size(); i++) {
        StringBuilder key = new StringBuilder();
        for (int j = i; j < i + WINDOW; j++) {
          key.append(lines.get(j).shape()).append('\n');
        }
        Line here = lines.get(i);
        Line first = seen.putIfAbsent(key.toString(), here);
        boolean overlapping =
            first != null
                && first.file().equals(file)
                && here.number() - first.number() < WINDOW
                && lines.indexOf(first) > i - WINDOW;
        if (first != null && !overlapping && i > reportedUpTo) {
          out.add(file + ":" + here.number() + " repeats " + first.file() + ":" + first.number());
          reportedUpTo = i + WINDOW - 1; // one report per run, however long
        }
      }
    }
    return out;
  }

  private static final Pattern TOKEN =
      Pattern.compile(
          "\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'|\\b\\d[\\w.]*\\b|[A-Za-z_$][\\w$]*|\\S");

  private static final Set<String> KEYWORDS =
      Set.of(
          "abstract",
          "boolean",
          "break",
          "case",
          "catch",
          "char",
          "class",
          "continue",
          "default",
          "do",
          "double",
          "else",
          "enum",
          "extends",
          "final",
          "finally",
          "for",
          "if",
          "implements",
          "instanceof",
          "int",
          "interface",
          "long",
          "new",
          "null",
          "private",
          "protected",
          "public",
          "record",
          "return",
          "sealed",
          "static",
          "super",
          "switch",
          "this",
          "throw",
          "throws",
          "try",
          "void",
          "while",
          "var",
          "yield",
          "true",
          "false");

  /**
   * The file's lines of code, each as its shape: names become {@code n}, literals {@code v};
   * keywords and punctuation stay. Comments, blank lines, imports and lines of punctuation alone
   * are not code that can repeat.
   */
  private static List<Line> shapes(Path file) throws IOException {
    String text = Files.readString(file);
    text = stripComments(text);
    List<Line> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n].strip();
      if (line.isEmpty() || line.startsWith("import ") || line.startsWith("package ")) {
        continue;
      }
      StringBuilder shape = new StringBuilder();
      boolean word = false;
      Matcher m = TOKEN.matcher(line);
      while (m.find()) {
        String t = m.group();
        char c = t.charAt(0);
        if (c == '"' || c == '\'' || Character.isDigit(c)) {
          shape.append('v');
          word = true;
        } else if (Character.isJavaIdentifierStart(c)) {
          shape.append(KEYWORDS.contains(t) ? " " + t + " " : "n");
          word = true;
        } else {
          shape.append(t);
        }
      }
      if (word) {
        out.add(new Line(file, n + 1, shape.toString()));
      }
    }
    return out;
  }

  /** Comments blanked out, line breaks kept (so that line numbers stay), strings untouched. */
  private static String stripComments(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"' || c == '\'') {
        int end = i + 1;
        if (text.startsWith("\"\"\"", i)) {
          end = text.indexOf("\"\"\"", i + 3) + 3;
        } else {
          while (end < text.length() && text.charAt(end) != c && text.charAt(end) != '\n') {
            end += text.charAt(end) == '\\' ? 2 : 1;
          }
          end++;
        }
        out.append(text, i, Math.min(end, text.length()));
        i = end;
      } else if (text.startsWith("//", i)) {
        while (i < text.length() && text.charAt(i) != '\n') {
          i++;
        }
      } else if (text.startsWith("/*", i)) {
        int end = text.indexOf("*/", i + 2);
        end = end < 0 ? text.length() : end + 2;
        text.substring(i, end).chars().filter(ch -> ch == '\n').forEach(ch -> out.append('\n'));
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}

package io.glustershares.cli;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AsciiDoc that picocli's ManPageGenerator writes, as roff for {@code man}: the document
 * attributes, the {@code = NAME(1)} title, {@code ==} sections, paragraphs, {@code TERM::}
 * definition lists, bold ({@code *x*}), italic ({@code _x_}) and {@code xref:} links. That is all
 * it writes; anything else is kept as text, escaped, so a page can never hold a roff request that
 * the model's text did not mean.
 */
final class ManRoff {

  private static final Pattern TITLE = Pattern.compile("= (\\S+)\\((\\d)\\)");
  private static final Pattern ATTRIBUTE = Pattern.compile(":([a-z-]+):\\s*(.*)");
  private static final Pattern XREF = Pattern.compile("xref:[^\\[\\s]+\\[(.*?)\\]");
  private static final Pattern BOLD = Pattern.compile("\\*([^*\\s](?:[^*]*[^*\\s])?)\\*");
  private static final Pattern ITALIC =
      Pattern.compile("(?<![\\p{Alnum}\\\\])_([^_\\s](?:[^_]*[^_\\s])?)_(?!\\p{Alnum})");

  private ManRoff() {}

  static String convert(String adoc) {
    StringBuilder out = new StringBuilder();
    Map<String, String> attributes = new HashMap<>();
    boolean paragraph = false;
    for (String raw : adoc.split("\n", -1)) {
      String line = raw.strip();
      if (line.startsWith("//")) {
        continue;
      }
      Matcher attribute = ATTRIBUTE.matcher(line);
      Matcher title = TITLE.matcher(line);
      if (attribute.matches()) {
        attributes.put(attribute.group(1), attribute.group(2).strip());
      } else if (title.matches()) {
        out.append(".TH ")
            .append(quoted(title.group(1).toUpperCase(Locale.ROOT)))
            .append(' ')
            .append(title.group(2))
            .append(" \"\" ")
            .append(quoted(attributes.getOrDefault("mansource", "")))
            .append(' ')
            .append(quoted(attributes.getOrDefault("manmanual", "")))
            .append('\n');
      } else if (line.startsWith("== ")) {
        out.append(".SH ").append(quoted(line.substring(3).toUpperCase(Locale.ROOT))).append('\n');
        paragraph = false;
      } else if (line.endsWith("::") && line.length() > 2) {
        out.append(".TP\n").append(inline(line.substring(0, line.length() - 2))).append('\n');
        paragraph = true;
      } else if (line.isEmpty() || line.equals("+")) {
        if (paragraph) {
          out.append(".PP\n");
          paragraph = false;
        }
      } else {
        out.append(inline(line)).append('\n');
        paragraph = true;
      }
    }
    return out.toString();
  }

  /** One line of text: escaped for roff first, then bold, italic and links as font changes. */
  static String inline(String text) {
    String s = text.replace("\\", "\\e").replace("-", "\\-");
    s = XREF.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
    s = BOLD.matcher(s).replaceAll(m -> Matcher.quoteReplacement("\\fB" + m.group(1) + "\\fR"));
    s = ITALIC.matcher(s).replaceAll(m -> Matcher.quoteReplacement("\\fI" + m.group(1) + "\\fR"));
    // Beyond ASCII, roff's own escapes: groff reads its input as Latin-1 unless told otherwise.
    StringBuilder ascii = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            c -> {
              if (c < 128) {
                ascii.appendCodePoint(c);
              } else {
                ascii.append(String.format(Locale.ROOT, "\\[u%04X]", c));
              }
            });
    s = ascii.toString();
    // A line starting with . or ' would be a roff request.
    return s.startsWith(".") || s.startsWith("'") ? "\\&" + s : s;
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\e").replace("\"", "\\(dq") + "\"";
  }
}

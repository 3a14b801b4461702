package io.glustershares.model;

/**
 * Text written into XML, as element content or a double-quoted attribute value: the JUnit report of
 * an audit, the simulator's gluster {@code --xml} answers. The one escaper of both.
 */
public final class XmlText {

  private XmlText() {}

  /**
   * {@code s} with {@code & < > "} as entities and line breaks as character references, so that an
   * attribute value keeps them (a parser turns a raw one into a space).
   */
  public static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\n' -> out.append("&#10;");
        case '\r' -> out.append("&#13;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}

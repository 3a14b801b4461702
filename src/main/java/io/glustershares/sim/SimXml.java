package io.glustershares.sim;

import io.glustershares.model.XmlText;

/**
 * Writes gluster's {@code --xml} replies with the exact layout of real glusterd 10.3 (two-space
 * indent, {@code <opErrstr/>} when empty), so that the simulator's output can be compared with
 * captured fixtures.
 */
final class SimXml {

  private final StringBuilder sb = new StringBuilder();
  private int depth;

  private SimXml() {
    sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cliOutput>\n");
    depth = 1;
  }

  static SimXml ok() {
    SimXml x = new SimXml();
    x.element("opRet", "0").element("opErrno", "0").empty("opErrstr");
    return x;
  }

  /**
   * A success naming what it made or changed: {@code <section><element><name>…</name><ID>…</ID>}
   * (volumes say {@code id}, snapshots and clones {@code uuid}).
   */
  static SimXml named(String section, String element, String name, String idTag, String id) {
    return ok().open(section)
        .open(element)
        .element("name", name)
        .element(idTag, id)
        .close(element)
        .close(section);
  }

  static SimXml error(int opErrno, String message) {
    SimXml x = new SimXml();
    x.element("opRet", "-1")
        .element("opErrno", String.valueOf(opErrno))
        .element("opErrstr", message);
    return x;
  }

  static SimXml errorRet(int opRet, int opErrno, String message) {
    SimXml x = new SimXml();
    x.element("opRet", String.valueOf(opRet)).element("opErrno", String.valueOf(opErrno));
    if (message.isEmpty()) {
      x.empty("opErrstr");
    } else {
      x.element("opErrstr", message);
    }
    return x;
  }

  SimXml element(String name, String text) {
    indent();
    sb.append('<')
        .append(name)
        .append('>')
        .append(XmlText.escape(text))
        .append("</")
        .append(name)
        .append(">\n");
    return this;
  }

  SimXml empty(String name) {
    indent();
    sb.append('<').append(name).append("/>\n");
    return this;
  }

  SimXml open(String name) {
    indent();
    sb.append('<').append(name).append(">\n");
    depth++;
    return this;
  }

  SimXml close(String name) {
    depth--;
    indent();
    sb.append("</").append(name).append(">\n");
    return this;
  }

  /** A line written as is (gluster's mixed-content {@code <brick>}). */
  SimXml raw(String line) {
    indent();
    sb.append(line).append('\n');
    return this;
  }

  String end() {
    return sb.append("</cliOutput>\n").toString();
  }

  private void indent() {
    sb.append("  ".repeat(depth));
  }
}

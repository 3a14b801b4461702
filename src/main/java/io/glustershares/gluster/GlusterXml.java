package io.glustershares.gluster;

import io.glustershares.model.Snapshot;
import io.glustershares.model.Volume;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Parsers of the XML gluster 10.3 prints with {@code --xml}, written against the captured outputs
 * in the CLI reference (and gluster's cli-xml-output.c for successful snapshot replies, which no
 * machine without device-mapper can produce).
 */
public final class GlusterXml {

  private GlusterXml() {}

  /** The part every reply has: {@code /cliOutput/opRet}, {@code opErrno}, {@code opErrstr}. */
  public record Envelope(
      int opRet,
      int opErrno,
      String opErrstr,
      Optional<String> cliOp,
      Optional<String> output,
      Element root) {

    public boolean ok() {
      return opRet == 0;
    }
  }

  /** The reply is not gluster's XML at all. */
  public static final class MalformedException extends Exception {
    public MalformedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final ThreadLocal<DocumentBuilder> BUILDER =
      ThreadLocal.withInitial(GlusterXml::newBuilder);

  private static DocumentBuilder newBuilder() {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      // Replies come from remote hosts: no DTDs, no external entities.
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      return f.newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser cannot be configured", e);
    }
  }

  public static boolean looksLikeXml(String text) {
    return text.contains("<cliOutput");
  }

  public static Envelope parse(String xml) throws MalformedException {
    Element root;
    try {
      DocumentBuilder builder = BUILDER.get();
      builder.reset();
      builder.setErrorHandler(null);
      root = builder.parse(new InputSource(new StringReader(xml))).getDocumentElement();
    } catch (SAXException | IOException e) {
      throw new MalformedException("gluster printed XML that cannot be read: " + e.getMessage(), e);
    }
    if (!root.getTagName().equals("cliOutput")) {
      throw new MalformedException("expected <cliOutput>, got <" + root.getTagName() + ">", null);
    }
    try {
      return new Envelope(
          Integer.parseInt(text(root, "opRet").orElse("-1").strip()),
          Integer.parseInt(text(root, "opErrno").orElse("0").strip()),
          text(root, "opErrstr").orElse(""),
          text(root, "cliOp"),
          text(root, "output"),
          root);
    } catch (NumberFormatException e) {
      throw new MalformedException("opRet/opErrno are not numbers", e);
    }
  }

  /** {@code volume info}: every volume with the options explicitly set on it. */
  public static List<Volume> volumes(Envelope reply) {
    List<Volume> volumes = new ArrayList<>();
    Optional<Element> list = child(reply.root(), "volInfo").flatMap(v -> child(v, "volumes"));
    if (list.isEmpty()) {
      return volumes;
    }
    for (Element volume : children(list.get(), "volume")) {
      List<String> bricks = new ArrayList<>();
      child(volume, "bricks")
          .ifPresent(
              b -> {
                // <brick> has mixed content; its <name> child is the reliable part.
                for (Element brick : children(b, "brick")) {
                  text(brick, "name").ifPresent(bricks::add);
                }
              });
      Map<String, String> options = new LinkedHashMap<>();
      child(volume, "options")
          .ifPresent(
              o -> {
                for (Element option : children(o, "option")) {
                  options.put(text(option, "name").orElse(""), text(option, "value").orElse(""));
                }
              });
      volumes.add(
          new Volume(
              text(volume, "name").orElse(""),
              text(volume, "id").orElse(""),
              Volume.Status.ofCode(intText(volume, "status")),
              bricks,
              options,
              intText(volume, "snapshotCount")));
    }
    return volumes;
  }

  /** {@code snapshot info} (all snapshots): name, id, description, time, origin, state. */
  public static List<Snapshot> snapshots(Envelope reply) {
    List<Snapshot> snapshots = new ArrayList<>();
    Optional<Element> list = child(reply.root(), "snapInfo").flatMap(s -> child(s, "snapshots"));
    if (list.isEmpty()) {
      return snapshots;
    }
    for (Element snapshot : children(list.get(), "snapshot")) {
      Optional<Element> snapVolume = child(snapshot, "snapVolume");
      String origin =
          snapVolume
              .flatMap(v -> child(v, "originVolume"))
              .flatMap(o -> text(o, "name"))
              .orElse("");
      boolean activated =
          snapVolume.flatMap(v -> text(v, "status")).map("Started"::equals).orElse(false);
      snapshots.add(
          new Snapshot(
              text(snapshot, "name").orElse(""),
              text(snapshot, "uuid").orElse(""),
              text(snapshot, "description").orElse(""),
              text(snapshot, "createTime").orElse(""),
              origin,
              activated));
    }
    return snapshots;
  }

  /** {@code snapshot list}: the names only. */
  public static List<String> snapshotNames(Envelope reply) {
    List<String> names = new ArrayList<>();
    child(reply.root(), "snapList")
        .ifPresent(l -> children(l, "snapshot").forEach(s -> names.add(s.getTextContent())));
    return names;
  }

  /** {@code volume get VOL OPTION|all}: option to value (note the capitalised element names). */
  public static Map<String, String> volumeGet(Envelope reply) {
    Map<String, String> values = new LinkedHashMap<>();
    child(reply.root(), "volGetopts")
        .ifPresent(
            g -> {
              for (Element opt : children(g, "Opt")) {
                values.put(text(opt, "Option").orElse(""), text(opt, "Value").orElse(""));
              }
            });
    return values;
  }

  /** The name in {@code <snapCreate><snapshot><name>} or {@code <CloneCreate><volume><name>}. */
  public static Optional<String> createdName(Envelope reply, String section, String item) {
    return child(reply.root(), section).flatMap(s -> child(s, item)).flatMap(i -> text(i, "name"));
  }

  static Optional<Element> child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        out.add(e);
      }
    }
    return out;
  }

  static Optional<String> text(Element parent, String name) {
    return child(parent, name).map(Element::getTextContent);
  }

  private static int intText(Element parent, String name) {
    try {
      return Integer.parseInt(text(parent, name).orElse("0").strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}

package io.glustershares.gluster;

import io.glustershares.model.Brick;
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
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
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

  /**
   * The part every reply has: {@code /cliOutput/opRet}, {@code opErrno}, {@code opErrstr} (and
   * {@code cliOp}, {@code output} where gluster writes them). Read by streaming; the document tree
   * is only built for the small replies that need it.
   */
  public static final class Envelope {
    private final int opRet;
    private final int opErrno;
    private final String opErrstr;
    private final Optional<String> cliOp;
    private final Optional<String> output;
    private final String xml;
    private Element root;

    Envelope(
        int opRet,
        int opErrno,
        String opErrstr,
        Optional<String> cliOp,
        Optional<String> output,
        String xml) {
      this.opRet = opRet;
      this.opErrno = opErrno;
      this.opErrstr = opErrstr;
      this.cliOp = cliOp;
      this.output = output;
      this.xml = xml;
    }

    public int opRet() {
      return opRet;
    }

    public int opErrno() {
      return opErrno;
    }

    public String opErrstr() {
      return opErrstr;
    }

    public Optional<String> cliOp() {
      return cliOp;
    }

    public Optional<String> output() {
      return output;
    }

    public boolean ok() {
      return opRet == 0;
    }

    /** The document tree, built on first use. */
    public synchronized Element root() {
      if (root == null) {
        try {
          DocumentBuilder builder = BUILDER.get();
          builder.reset();
          builder.setErrorHandler(null);
          root = builder.parse(new InputSource(new StringReader(xml))).getDocumentElement();
        } catch (SAXException | IOException e) {
          throw new IllegalStateException("gluster XML that streamed cleanly failed to parse", e);
        }
      }
      return root;
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

  private static final XMLInputFactory STAX = newStax();
  private static final java.util.Set<String> ENVELOPE =
      java.util.Set.of("opRet", "opErrno", "opErrstr", "cliOp", "output");

  private static XMLInputFactory newStax() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    // Replies come from remote hosts: no DTDs, no external entities.
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    return f;
  }

  public static Envelope parse(String xml) throws MalformedException {
    String opRet = null;
    String opErrno = null;
    String opErrstr = "";
    String cliOp = null;
    String output = null;
    try {
      XMLStreamReader r = STAX.createXMLStreamReader(new StringReader(xml));
      try {
        int depth = 0;
        String element = null;
        StringBuilder text = new StringBuilder();
        while (r.hasNext()) {
          int event = r.next();
          if (event == XMLStreamConstants.START_ELEMENT) {
            depth++;
            if (depth == 1 && !r.getLocalName().equals("cliOutput")) {
              throw new MalformedException(
                  "expected <cliOutput>, got <" + r.getLocalName() + ">", null);
            }
            if (depth == 2) {
              element = r.getLocalName();
              if (!ENVELOPE.contains(element)) {
                // The envelope comes first; what follows is the reply's body.
                break;
              }
              text.setLength(0);
            }
          } else if (event == XMLStreamConstants.CHARACTERS && depth == 2) {
            text.append(r.getText());
          } else if (event == XMLStreamConstants.END_ELEMENT) {
            if (depth == 2 && element != null) {
              switch (element) {
                case "opRet" -> opRet = text.toString();
                case "opErrno" -> opErrno = text.toString();
                case "opErrstr" -> opErrstr = text.toString();
                case "cliOp" -> cliOp = text.toString();
                case "output" -> output = text.toString();
                default -> {}
              }
              element = null;
            }
            depth--;
          }
        }
      } finally {
        r.close();
      }
    } catch (XMLStreamException e) {
      throw new MalformedException("gluster printed XML that cannot be read: " + e.getMessage(), e);
    }
    try {
      return new Envelope(
          Integer.parseInt(opRet == null ? "-1" : opRet.strip()),
          Integer.parseInt(opErrno == null ? "0" : opErrno.strip()),
          opErrstr,
          Optional.ofNullable(cliOp),
          Optional.ofNullable(output),
          xml);
    } catch (NumberFormatException e) {
      throw new MalformedException("opRet/opErrno are not numbers", e);
    }
  }

  /**
   * {@code volume info}: every volume with the options explicitly set on it. Streamed: the reply of
   * a cluster with thousands of volumes is read once, element by element.
   */
  public static List<Volume> volumes(Envelope reply) {
    List<Volume> volumes = new ArrayList<>();
    // Depths: 1 cliOutput, 2 volInfo, 3 volumes, 4 volume, 5 its fields, 6 brick/option, 7 their
    // fields.
    String[] at = new String[8];
    StringBuilder text = new StringBuilder();
    String name = "";
    String id = "";
    int status = 0;
    int snapshots = 0;
    int replicas = 1;
    List<Brick> bricks = new ArrayList<>();
    String brickName = "";
    String brickPeer = "";
    Map<String, String> options = new LinkedHashMap<>();
    String optionName = "";
    XMLStreamReader r = reader(reply);
    try {
      int depth = 0;
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          depth++;
          if (depth < at.length) {
            at[depth] = r.getLocalName();
          }
          text.setLength(0);
          if (depth == 4 && "volume".equals(at[4]) && "volInfo".equals(at[2])) {
            name = "";
            id = "";
            status = 0;
            snapshots = 0;
            replicas = 1;
            bricks = new ArrayList<>();
            options = new LinkedHashMap<>();
          }
        } else if (event == XMLStreamConstants.CHARACTERS) {
          text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          if (depth >= 4 && "volInfo".equals(at[2]) && "volume".equals(at[4])) {
            if (depth == 4) {
              volumes.add(
                  new Volume(
                      name,
                      id,
                      Volume.Status.ofCode(status),
                      bricks,
                      options,
                      snapshots,
                      replicas));
            } else if (depth == 5) {
              switch (at[5]) {
                case "name" -> name = text.toString();
                case "id" -> id = text.toString();
                case "status" -> status = number(text.toString());
                case "snapshotCount" -> snapshots = number(text.toString());
                case "replicaCount" -> replicas = Math.max(1, number(text.toString()));
                default -> {}
              }
            } else if (depth == 6 && "brick".equals(at[6])) {
              bricks.add(Brick.of(brickName, brickPeer));
              brickName = "";
              brickPeer = "";
            } else if (depth == 7 && "brick".equals(at[6])) {
              // <brick> has mixed content; its <name> child is the reliable part.
              if ("name".equals(at[7])) {
                brickName = text.toString();
              } else if ("hostUuid".equals(at[7])) {
                brickPeer = text.toString();
              }
            } else if (depth == 7 && "option".equals(at[6])) {
              if ("name".equals(at[7])) {
                optionName = text.toString();
              } else if ("value".equals(at[7])) {
                options.put(optionName, text.toString());
              }
            }
          }
          depth--;
        }
      }
    } catch (XMLStreamException e) {
      throw new IllegalStateException("gluster XML that streamed cleanly failed to stream", e);
    } finally {
      close(r);
    }
    return volumes;
  }

  static XMLStreamReader reader(Envelope reply) {
    try {
      return STAX.createXMLStreamReader(new StringReader(reply.xml));
    } catch (XMLStreamException e) {
      throw new IllegalStateException("gluster XML that streamed cleanly failed to stream", e);
    }
  }

  static void close(XMLStreamReader r) {
    try {
      r.close();
    } catch (XMLStreamException e) {
      // Nothing held but memory.
    }
  }

  static int number(String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** {@code snapshot info} (all snapshots): name, id, description, time, origin, state. */
  public static List<Snapshot> snapshots(Envelope reply) {
    List<Snapshot> snapshots = new ArrayList<>();
    // Depths: 1 cliOutput, 2 snapInfo, 3 snapshots, 4 snapshot, 5 fields/snapVolume,
    // 6 snapVolume fields/originVolume, 7 originVolume fields.
    String[] at = new String[8];
    StringBuilder text = new StringBuilder();
    String name = "";
    String uuid = "";
    String description = "";
    String created = "";
    String origin = "";
    boolean activated = false;
    XMLStreamReader r = reader(reply);
    try {
      int depth = 0;
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          depth++;
          if (depth < at.length) {
            at[depth] = r.getLocalName();
          }
          text.setLength(0);
          if (depth == 4 && "snapshot".equals(at[4]) && "snapInfo".equals(at[2])) {
            name = "";
            uuid = "";
            description = "";
            created = "";
            origin = "";
            activated = false;
          }
        } else if (event == XMLStreamConstants.CHARACTERS) {
          text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          if (depth >= 4 && "snapInfo".equals(at[2]) && "snapshot".equals(at[4])) {
            if (depth == 4) {
              snapshots.add(new Snapshot(name, uuid, description, created, origin, activated));
            } else if (depth == 5) {
              switch (at[5]) {
                case "name" -> name = text.toString();
                case "uuid" -> uuid = text.toString();
                case "description" -> description = text.toString();
                case "createTime" -> created = text.toString();
                default -> {}
              }
            } else if (depth == 6 && "snapVolume".equals(at[5]) && "status".equals(at[6])) {
              activated = text.toString().equals("Started");
            } else if (depth == 7 && "originVolume".equals(at[6]) && "name".equals(at[7])) {
              origin = text.toString();
            }
          }
          depth--;
        }
      }
    } catch (XMLStreamException e) {
      throw new IllegalStateException("gluster XML that streamed cleanly failed to stream", e);
    } finally {
      close(r);
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

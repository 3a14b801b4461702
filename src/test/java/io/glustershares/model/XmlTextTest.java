package io.glustershares.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

class XmlTextTest {

  @Test
  void escapesWhatXmlReadsAsMarkupAndLineBreaks() {
    assertThat(XmlText.escape("a & <b> \"c\" 'd'\r\n"))
        .isEqualTo("a &amp; &lt;b&gt; &quot;c&quot; 'd'&#13;&#10;");
  }

  @Test
  void anAttributeReadsBackAsWritten() throws Exception {
    String hostile = "share 'x': \"quoted\" </testcase><injected/> &amp;\nline two\r";
    String xml = "<r a=\"" + XmlText.escape(hostile) + "\">" + XmlText.escape(hostile) + "</r>";
    var root =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
            .getDocumentElement();
    assertThat(root.getAttribute("a")).isEqualTo(hostile);
    assertThat(root.getTextContent()).isEqualTo(hostile);
    assertThat(root.getChildNodes().getLength()).isEqualTo(1);
  }
}

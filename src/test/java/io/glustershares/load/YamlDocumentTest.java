package io.glustershares.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.model.Diagnostic;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class YamlDocumentTest {

  private static final String TEXT =
      """
      stack: prod
      clusters:
        east:
          server: root@east
      shares:
        - name: a
          access:
            - cn: x
            - { cn: "y" }
      """;

  @Test
  void valuesAndKeysKeepTheirPositions() {
    YamlDocument doc = YamlDocument.parse("f.yaml", TEXT).document().orElseThrow();

    assertThat(doc.valuePosition(FieldPath.of("stack"))).isEqualTo(new Position(1, 8));
    assertThat(doc.keyPosition(FieldPath.of("clusters", "east"))).isEqualTo(new Position(3, 3));
    assertThat(doc.valuePosition(FieldPath.of("clusters", "east", "server")))
        .isEqualTo(new Position(4, 13));
    assertThat(doc.valuePosition(FieldPath.of("shares", 0, "access", 1, "cn")))
        .isEqualTo(new Position(9, 15));
  }

  @Test
  void aMissingPlaceFallsBackToTheNearestEnclosingValue() {
    YamlDocument doc = YamlDocument.parse("f.yaml", TEXT).document().orElseThrow();

    assertThat(doc.valuePosition(FieldPath.of("shares", 0, "size"))).isEqualTo(new Position(6, 5));
  }

  @Test
  void scalarsFollowTheYaml12CoreSchema() {
    YamlDocument doc =
        YamlDocument.parse("f.yaml", "a: yes\nb: true\nc: 0x1f\nd: ~\ne: '3'\nf: 1.5\n")
            .document()
            .orElseThrow();

    assertThat(doc.json().get("a").isString()).isTrue();
    assertThat(doc.json().get("b").asBoolean()).isTrue();
    assertThat(doc.json().get("c").asInt()).isEqualTo(31);
    assertThat(doc.json().get("d").isNull()).isTrue();
    assertThat(doc.json().get("e").isString()).isTrue();
    assertThat(doc.json().get("f").asDouble()).isEqualTo(1.5);
  }

  @Test
  void everyDuplicateKeyIsReportedWithBothPlaces() {
    YamlDocument.Parsed parsed = YamlDocument.parse("f.yaml", "a: 1\nb:\n  c: 1\n  c: 2\na: 3\n");

    assertThat(parsed.document()).isEmpty();
    assertThat(parsed.problems())
        .extracting(Diagnostic::format)
        .containsExactly(
            "f.yaml:4:3: b.c: duplicate key (first at line 3); valid: each key once per mapping",
            "f.yaml:5:1: a: duplicate key (first at line 1); valid: each key once per mapping");
  }

  @Test
  void modestAliasesAreExpanded() {
    YamlDocument doc =
        YamlDocument.parse("f.yaml", "base: &b {size: 3}\nother: *b\n").document().orElseThrow();

    assertThat(doc.json().get("other").get("size").asInt()).isEqualTo(3);
  }

  @Test
  void anAliasBombIsStoppedEarly() {
    StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    String previous = "a";
    for (String level : new String[] {"b", "c", "d", "e", "f", "g", "h", "i"}) {
      bomb.append(level).append(": &").append(level).append(" [");
      bomb.append(String.join(", ", Collections.nCopies(9, "*" + previous)));
      bomb.append("]\n");
      previous = level;
    }
    long start = System.nanoTime();
    YamlDocument.Parsed parsed = YamlDocument.parse("f.yaml", bomb.toString());

    assertThat(parsed.problems()).hasSize(1);
    assertThat(parsed.problems().get(0).message()).contains("alias bomb");
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
  }
}

package io.glustershares.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTest {

  @Test
  void bidiInvisibleAndControlCharactersAreEscaped() {
    assertThat(Printable.quoted("tenant-\u202Egpj.exe")).isEqualTo("'tenant-\\u202Egpj.exe'");
    assertThat(Printable.value("a\u200Bb\u2066c\u2069d\u200Ee\uFEFFf"))
        .isEqualTo("a\\u200Bb\\u2066c\\u2069d\\u200Ee\\uFEFFf");
    assertThat(Printable.value("nul\u0000del\u007Fc1\u0085\u009B"))
        .isEqualTo("nul\\u0000del\\u007Fc1\\u0085\\u009B");
    assertThat(Printable.value("line\nbreak\ttab\rreturn"))
        .isEqualTo("line\\nbreak\\ttab\\rreturn");
    assertThat(Printable.value("nbsp\u00A0ls\u2028hangul\u3164"))
        .isEqualTo("nbsp\\u00A0ls\\u2028hangul\\u3164");
    // A tag character, outside the basic plane.
    assertThat(Printable.value("x\uDB40\uDC41")).isEqualTo("x\\u{E0041}");
  }

  @Test
  void ordinaryTextIsUnchanged() {
    String text = "manila-share-volume-#{size}G-\\d+$ 'é' ü 中文 a@b.c";
    assertThat(Printable.value(text)).isEqualTo(text);
  }

  @Test
  void longValuesAreShortenedWithTheirLength() {
    String shown = Printable.value("x".repeat(1_000_000));
    assertThat(shown).isEqualTo("x".repeat(60) + "…(1000000 chars)");
    assertThat(Printable.value("y".repeat(60))).isEqualTo("y".repeat(60));
  }

  @Test
  void aMessageBecomesOneBoundedLine() {
    assertThat(Printable.oneLine("  first line\n   second\r\nthird\u202E  "))
        .isEqualTo("first line second third\\u202E");
    assertThat(Printable.oneLine("z".repeat(50_000))).hasSizeLessThan(Printable.MAX_LINE + 30);
    assertThat(Printable.oneLine(null)).isEmpty();
  }

  @Test
  void aDiagnosticLineCannotBeDisguised() {
    Diagnostic d = Diagnostic.error("f.yaml", 1, 2, "shares[0].cn", "CN 'a\u202Eb\nc' is wrong");
    assertThat(d.format()).isEqualTo("f.yaml:1:2: shares[0].cn: CN 'a\\u202Eb\\nc' is wrong");
  }
}

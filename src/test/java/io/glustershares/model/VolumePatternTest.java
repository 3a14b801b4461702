package io.glustershares.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class VolumePatternTest {

  @Test
  void matchesLikeManilaAnchoredAtTheStartOnly() {
    VolumePattern pattern = VolumePattern.compile("manila-share-volume-#{size}G-\\d+");

    assertThat(pattern.matches("manila-share-volume-3G-7")).isTrue();
    // re.match does not anchor at the end: trailing text still matches.
    assertThat(pattern.matches("manila-share-volume-3G-7-old")).isTrue();
    assertThat(pattern.matches("x-manila-share-volume-3G-7")).isFalse();
    assertThat(pattern.sizeOf("manila-share-volume-12G-1")).isEqualTo(OptionalInt.of(12));
    assertThat(pattern.sizeOf("other")).isEmpty();
  }

  @Test
  void anEndAnchorInTheTemplateIsHonoured() {
    VolumePattern pattern = VolumePattern.compile("manila-share-volume-#{size}G-\\d+$");

    assertThat(pattern.matches("manila-share-volume-3G-7-old")).isFalse();
  }

  @Test
  void withoutSizeEveryMatchHasNoSize() {
    VolumePattern pattern = VolumePattern.compile("manila-share-volume-\\d+$");

    assertThat(pattern.hasSize()).isFalse();
    assertThat(pattern.matches("manila-share-volume-12")).isTrue();
    assertThat(pattern.sizeOf("manila-share-volume-12")).isEmpty();
  }

  @Test
  void hugeSizesAreNotSizes() {
    VolumePattern pattern = VolumePattern.compile("v-#{size}G");

    assertThat(pattern.sizeOf("v-99999999999999999999G")).isEmpty();
  }

  @Test
  void invalidTemplatesAreRefusedWithAReason() {
    assertThatThrownBy(() -> VolumePattern.compile("v-#{size}-#{size}"))
        .hasMessageContaining("more than once");
    assertThatThrownBy(() -> VolumePattern.compile("v-(#{size}"))
        .hasMessageContaining("not a valid regular expression");
    assertThatThrownBy(() -> VolumePattern.compile("v-#{gb}"))
        .hasMessageContaining("unknown placeholder '#{gb}'");
  }
}

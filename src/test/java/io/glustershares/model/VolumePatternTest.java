package io.glustershares.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
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

  @Test
  void customTemplateReadsHashSizeWithoutBracesAsTheSizeGroup() {
    VolumePattern pattern = VolumePattern.compile("vol-\\d+(-#size)?$");

    assertThat(pattern.hasSize()).isTrue();
    assertThat(pattern.sizeOf("vol-3-5")).isEqualTo(OptionalInt.of(5));
    assertThat(pattern.matches("vol-2")).isTrue();
    assertThat(pattern.sizeOf("vol-2")).isEmpty();
  }

  @Test
  void customTemplateReadsADoubleHashAsALiteralHash() {
    VolumePattern pattern = VolumePattern.compile("v##-#{size}G(##x)?$");

    assertThat(pattern.sizeOf("v#-3G")).isEqualTo(OptionalInt.of(3));
    assertThat(pattern.matches("v#-3G#x")).isTrue();
    assertThat(pattern.matches("v##-3G")).isFalse();
    // ##{size} is a literal '#' followed by '{size}', not the size group.
    VolumePattern literal = VolumePattern.compile("v-##{size}");
    assertThat(literal.hasSize()).isFalse();
    assertThat(literal.matches("v-#{size}")).isTrue();
  }

  @Test
  void customTemplateRefusesOtherPlaceholdersAndStrayHashesNamingThePosition() {
    assertThatThrownBy(() -> VolumePattern.compile("v-#{gb}"))
        .hasMessage(
            "unknown placeholder '#{gb}' at character 3; valid: #{size} or #size for the size,"
                + " ## for a literal #");
    assertThatThrownBy(() -> VolumePattern.compile("v-#sizeG-\\d+"))
        .hasMessage(
            "unknown placeholder '#sizeG' at character 3 (a placeholder without braces runs to"
                + " the first character that is not a letter, digit or _: write #{size}G);"
                + " valid: #{size} or #size for the size, ## for a literal #");
    assertThatThrownBy(() -> VolumePattern.compile("v-[#]-\\d+"))
        .hasMessage(
            "'#' at character 4 starts no placeholder; valid: #{size} or #size for the size,"
                + " ## for a literal #");
    assertThatThrownBy(() -> VolumePattern.compile("v-#"))
        .hasMessageStartingWith("'#' at character 3 starts no placeholder");
    assertThatThrownBy(() -> VolumePattern.compile("v-#{ size}"))
        .hasMessageStartingWith("'#' at character 3 starts no placeholder");
    assertThatThrownBy(() -> VolumePattern.compile("v-#size-#{size}"))
        .hasMessageContaining("more than once");
  }

  @Test
  void aHostilePatternRunsInLinearTime() {
    // With a backtracking engine one of these names takes minutes (issue 11, item 9): every way
    // of splitting 40 a's between three nested groups is tried before giving up on the 'c'.
    VolumePattern pattern = VolumePattern.compile("((a+)+)+c");
    int matched =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20),
            () -> {
              int count = 0;
              for (int i = 0; i < 1000; i++) {
                String name = "a".repeat(40 + i % 10) + "b";
                count += pattern.matches(name) ? 1 : 0;
              }
              return count;
            });
    assertThat(matched).isZero();
    assertThat(pattern.matches("aaac")).isTrue();
  }

  @Test
  void manilaPatternsInPythonSyntaxKeepWorking() {
    VolumePattern python = VolumePattern.compile("(?P<pool>manila|legacy)-#{size}G-\\d+\\Z");
    assertThat(python.sizeOf("legacy-7G-1")).isEqualTo(OptionalInt.of(7));
    assertThat(python.matches("legacy-7G-1-old")).isFalse();
    assertThat(VolumePattern.compile("(?i)MANILA-#{size}g").sizeOf("manila-5G"))
        .isEqualTo(OptionalInt.of(5));
    assertThat(VolumePattern.compile("vol-(?:[0-9a-f]{2}){2}-#{size}").sizeOf("vol-abcd-3"))
        .isEqualTo(OptionalInt.of(3));
  }

  @Test
  void constructsALinearTimeMatcherCannotRunAreRefusedByName() {
    assertThatThrownBy(() -> VolumePattern.compile("(a)\\1-#{size}"))
        .hasMessageContaining("backreference '\\1'");
    assertThatThrownBy(() -> VolumePattern.compile("(?P<x>a)(?P=x)"))
        .hasMessageContaining("backreference '(?P=x)'");
    assertThatThrownBy(() -> VolumePattern.compile("manila-(?!old)#{size}"))
        .hasMessageContaining("negative lookahead '(?!'");
    assertThatThrownBy(() -> VolumePattern.compile("(?<=v)x"))
        .hasMessageContaining("lookbehind '(?<='");
    assertThatThrownBy(() -> VolumePattern.compile("a(?>b)"))
        .hasMessageContaining("atomic group '(?>'");
    assertThatThrownBy(() -> VolumePattern.compile("a++"))
        .hasMessageContaining("possessive quantifier '++'");
    // Inside a character class these are ordinary characters.
    assertThat(VolumePattern.compile("v[(?!]-#{size}").sizeOf("v!-2")).isEqualTo(OptionalInt.of(2));
  }

  @Test
  void aPatternThatWouldFillTheHeapWhileCompilingIsRefused() {
    assertThatThrownBy(
            () ->
                assertTimeoutPreemptively(
                    Duration.ofSeconds(20), () -> VolumePattern.compile("((a{1000}){1000}){1000}")))
        .hasMessageContaining("repetitions expand to more than 100000 steps");
    assertThatThrownBy(() -> VolumePattern.compile("v".repeat(2000)))
        .hasMessageContaining("is 2000 characters long; valid: at most 1024");
    assertThat(VolumePattern.compile("v-[0-9]{1,4}-#{size}").sizeOf("v-12-3"))
        .isEqualTo(OptionalInt.of(3));
  }
}

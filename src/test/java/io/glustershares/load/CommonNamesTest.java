package io.glustershares.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommonNamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"tenant-a", "user_1.example@corp", "a", "glusterfs-server-1"})
  void ordinaryNamesAreValid(String cn) {
    assertThat(CommonNames.problem(cn)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "a,b", "a b", "a\tb", "a\nb", "a;b", "$(id)", "`id`", "a'b", "a\"b", "..", "a..b",
        "-rf", "a/b", "a\\b", "a|b", "a&b", "a>b", "a*b"
      })
  void anythingAShellOrGlusterCouldMisreadIsRefused(String cn) {
    assertThat(CommonNames.problem(cn)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(ints = {64, 65})
  void atMost64Characters(int length) {
    assertThat(CommonNames.problem("a".repeat(length)).isPresent()).isEqualTo(length > 64);
  }
}

package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DefaultParallelismTest {

  @Test
  void everyClusterOfThePlanRunsAtOnceUpToSixteen() {
    assertThat(ApplyCommand.defaultParallelism(0)).isEqualTo(1);
    assertThat(ApplyCommand.defaultParallelism(8)).isEqualTo(8);
    assertThat(ApplyCommand.defaultParallelism(16)).isEqualTo(16);
    assertThat(ApplyCommand.defaultParallelism(100)).isEqualTo(16);
  }
}

package io.glustershares.gluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.model.GlusterArgv;
import io.glustershares.model.Peer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PoolListTest {

  @Test
  void everyServerOfThePoolWithItsUuidAndTheAnsweringOneMarked() throws Exception {
    Fixtures.Replay replay = Fixtures.Replay.stdout("pool-list-three-peers.xml");
    GlusterClient gluster = new GlusterClient("east", replay, Duration.ofSeconds(5), d -> {});

    assertThat(gluster.peers())
        .containsExactly(
            new Peer("75999232-460a-4edd-898f-a9951b0404ab", "east-2", true, false),
            new Peer("186a9463-6992-4d15-991c-4060c054a6a9", "east-3", true, false),
            new Peer("7e1f05e2-326a-4c94-baf4-caf42516ba7f", "localhost", true, true));
    assertThat(replay.ran).containsExactly(GlusterArgv.poolList());
  }
}

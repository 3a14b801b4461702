package io.glustershares.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GlusterArgvTest {

  /**
   * Manila's {@code create_share_from_snapshot} runs {@code snapshot activate NAME force
   * --mode=script}. Ours keeps {@code force} out until a capture of real glusterd 10.3 shows it
   * accepts it: the fixtures hold only {@code snapshot activate} of a missing snapshot, without it.
   */
  @Test
  void createShareFromSnapshotActivatesWithoutManilasForceWhileNoCaptureShowsIt() throws Exception {
    assertThat(GlusterArgv.snapshotActivate("manila-x"))
        .isEqualTo(
            List.of("gluster", "--xml", "--mode=script", "snapshot", "activate", "manila-x"));
    try (var fixtures = Files.list(Path.of("src/test/resources/gluster-10.3"))) {
      assertThat(fixtures.map(f -> f.getFileName().toString()))
          .filteredOn(name -> name.startsWith("snapshot-activate"))
          .allMatch(name -> name.contains("nonexistent"));
    }
  }
}

package io.glustershares.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glustershares.gluster.GlusterClient;
import io.glustershares.gluster.GlusterException;
import io.glustershares.gluster.ProcessResult;
import io.glustershares.gluster.Runner;
import io.glustershares.model.GlusterArgv;
import io.glustershares.plan.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A wipe step whose values could steer its commands elsewhere (a saved plan edited by hand) runs
 * nothing; and a wipe runs only its own step's fixed templates.
 */
class WipeStepTest {

  /** Records what would run; answers nothing useful. */
  private static final class Recorder implements Runner {
    final List<List<String>> ran = new ArrayList<>();

    @Override
    public ProcessResult run(List<String> argv, Duration timeout) {
      ran.add(argv);
      return new ProcessResult(1, "", "nothing here", Duration.ZERO);
    }

    @Override
    public String describe() {
      return "recorder";
    }

    @Override
    public String host() {
      return "h";
    }

    @Override
    public String lockKey() {
      return "k";
    }

    @Override
    public void close() {}
  }

  @ParameterizedTest
  @CsvSource({
    "gluster-1, pool-1G-1, /etc",
    "gluster-1, pool-1G-1, /pool-1G-1",
    "gluster-1, pool-1G-1, /var/lib/../../etc/pool-1G-1",
    "gluster-1, pool-1G-1, /var/lib//pool-1G-1",
    "gluster-1, pool-1G-1, /var/lib/./pool-1G-1",
    "gluster-1, pool-1G-1, var/lib/pool-1G-1",
    "gluster-1, pool-1G-1, /var/lib/other-volume",
    "gluster-1, pool-1G-1, '/var/lib/ x/pool-1G-1'",
    "gluster-1, pool-1G-1, /var/lib/*/pool-1G-1",
    "gluster-1, -rf, /var/lib/-rf",
    "-oremount, pool-1G-1, /var/lib/pool-1G-1",
    "'h;id', pool-1G-1, /var/lib/pool-1G-1",
  })
  void valuesThatCouldSteerTheCommandsRunNothing(String host, String volume, String mnt) {
    Recorder runner = new Recorder();
    GlusterClient gluster = new GlusterClient("lab", runner, Duration.ofSeconds(5), d -> {});

    assertThatThrownBy(
            () -> Wipe.run(gluster, new Step.Wipe(host, volume, mnt), Duration.ofSeconds(5)))
        .isInstanceOf(GlusterException.class)
        .hasMessageContaining("wipe failed:");
    assertThat(runner.ran).isEmpty();
  }

  @Test
  void everyCommandOfAWipeIsOneOfItsStepsTemplates() throws Exception {
    Step.Wipe step = new Step.Wipe("h", "v", "/srv/wipe/v");
    WipeHost host =
        new WipeHost(
            new GlusterClient("lab", new Recorder(), Duration.ofSeconds(5), d -> {}),
            step,
            Duration.ofSeconds(5));

    assertThatThrownBy(() -> host.run(GlusterArgv.Wipe.delete("/srv/wipe/other")))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> host.run(List.of("sh", "-c", "id")))
        .isInstanceOf(IllegalStateException.class);
    assertThat(host.run(GlusterArgv.Wipe.userId()).exitCode()).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource({"1", "3"})
  void theTemplatesNameOnlyTheMountPointItsParentsAndTheVolume(int replicas) {
    for (List<String> argv : GlusterArgv.Wipe.all("h", "v", "/srv/wipe/v", replicas)) {
      assertThat(argv.get(0))
          .isIn("id", "stat", "mkdir", "cat", "umount", "mount", "glusterfs", "find", "rmdir");
      for (String word : argv) {
        if (word.startsWith("/")) {
          assertThat(word)
              .satisfiesAnyOf(
                  w -> assertThat(w).isIn("/", "/srv", "/srv/wipe", "/proc/self/mountinfo"),
                  w -> assertThat(w).startsWith("/srv/wipe/v"));
        }
      }
    }
  }
}

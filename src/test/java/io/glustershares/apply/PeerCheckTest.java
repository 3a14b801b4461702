package io.glustershares.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.gluster.GlusterClient;
import io.glustershares.model.GlusterArgv;
import io.glustershares.plan.Action;
import io.glustershares.plan.ActionType;
import io.glustershares.plan.Place;
import io.glustershares.plan.Plan;
import io.glustershares.plan.Step;
import io.glustershares.plan.Subject;
import io.glustershares.sim.SimFaults;
import io.glustershares.sim.SimRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The applier's look at the peers right before each action, on a simulated cluster of three servers
 * shaped as the estate's east (replica 3, and a volume with no brick on east-3).
 */
class PeerCheckTest {

  @TempDir Path work;

  private Path pool;

  @BeforeEach
  void cluster() throws Exception {
    pool = work.resolve("east.yaml");
    Files.writeString(
        pool,
        """
        host: east-1
        peers:
          - { hostname: east-2 }
          - { hostname: east-3, connected: CONNECTED }
        volumes:
          - { name: everywhere, replica: 3 }
          - { name: two-of-three, replica: 2 }
        """);
  }

  private SimRunner runner(boolean east3Connected) throws Exception {
    Files.writeString(
        pool, Files.readString(pool).replace("CONNECTED", String.valueOf(east3Connected)));
    return new SimRunner(
        "east",
        pool,
        work.resolve(".gluster-shares"),
        SimFaults.NONE,
        ZonedDateTime::now,
        OptionalInt.empty());
  }

  private static Action set(String volume) {
    return Action.of(ActionType.ALLOW_ACCESS, new Subject.Share(volume), Place.of("east", volume))
        .summary("allow")
        .steps(
            List.of(
                new Step.Gluster(
                    GlusterArgv.volumeSet(volume, Map.of("user.x", "1")), volume, "set user.x")))
        .build("allow_access:" + volume);
  }

  private ApplyResult apply(SimRunner runner, Action... actions) {
    GlusterClient client = new GlusterClient("east", runner, Duration.ofSeconds(5), d -> {});
    return new Applier(Map.of("east", client), Progress.NONE, 1)
        .apply(new Plan("s", List.of(actions), List.of(), List.of()));
  }

  private List<String> calls(SimRunner runner) throws Exception {
    return Files.readAllLines(runner.callsPath());
  }

  @Test
  void withEveryPeerConnectedOnePoolListPrecedesTheSteps() throws Exception {
    SimRunner runner = runner(true);

    ApplyResult result = apply(runner, set("everywhere"));

    assertThat(result.ok()).isTrue();
    assertThat(calls(runner))
        .containsExactly("gluster --xml pool list", "gluster --xml volume set everywhere user.x 1");
  }

  @Test
  void aVolumeWithABrickOnADisconnectedPeerIsNotTouched() throws Exception {
    SimRunner runner = runner(false);

    ApplyResult result = apply(runner, set("everywhere"), set("two-of-three"));

    assertThat(result.failed()).hasSize(1);
    assertThat(result.failed().get(0).error())
        .isEqualTo(
            "cluster 'east': volume 'everywhere': not started: a brick of it is on east-3, which"
                + " is disconnected now (glusterd not answering); gluster would report the change"
                + " done while that server's brick goes on serving without it. Run apply again"
                + " once east-3 is back");
    // The other volume has no brick there: it is changed.
    assertThat(result.done()).extracting(Action::id).containsExactly("allow_access:two-of-three");
    assertThat(calls(runner))
        .containsExactly(
            "gluster --xml pool list",
            "gluster --xml volume info everywhere",
            "gluster --xml pool list",
            "gluster --xml volume info two-of-three",
            "gluster --xml volume set two-of-three user.x 1");
  }

  @Test
  void aVolumeStillToBeMadeWaitsForEveryPeer() throws Exception {
    SimRunner runner = runner(false);

    ApplyResult result = apply(runner, set("manila-clone"));

    assertThat(result.failed().get(0).error())
        .contains("volume 'manila-clone': not started: its bricks may be on east-3");
    assertThat(calls(runner)).noneMatch(c -> c.contains("volume set"));
  }
}

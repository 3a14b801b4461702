package io.glustershares.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.model.Brick;
import io.glustershares.model.GlusterArgv;
import io.glustershares.model.Identity;
import io.glustershares.model.Volume;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The steps that wipe a pool volume and return it to the pool. gluster's trash is off in the bricks
 * for the wipe, whatever step an apply is killed after, and the volume goes back to the pool with
 * trash as it was before the delete began. Checked on a model of the volume: {@code volume set}
 * writes options, a brick reads {@code features.trash} when it starts and refuses to turn it off
 * while running (CLI reference §9).
 */
class PoolReleaseTest {

  private static final String V = "pool-1G-1";
  private static final String MNT = "/run/gs/mnt/" + V;

  /** The volume as gluster holds it, and what its running bricks do with deletions. */
  private static final class Model {
    Volume.Status status;
    final Map<String, String> options;
    boolean bricksTrash;
    int wipes;
    boolean wipedWithTrash;

    Model(Volume.Status status, Map<String, String> options, boolean bricksTrash) {
      this.status = status;
      this.options = new LinkedHashMap<>(options);
      this.bricksTrash = bricksTrash;
    }

    Volume volume() {
      return new Volume(
          V,
          "id",
          status,
          Stream.of("e1:/b", "e2:/b", "e3:/b").map(b -> Brick.of(b, "")).toList(),
          options,
          0,
          3);
    }

    void run(Step step) {
      if (step instanceof Step.Wipe w) {
        assertThat(w.replicas()).isEqualTo(3);
        assertThat(status).as("wiped while started").isEqualTo(Volume.Status.STARTED);
        wipes++;
        wipedWithTrash |= bricksTrash;
        return;
      }
      List<String> argv = ((Step.Gluster) step).argv();
      if (argv.equals(GlusterArgv.volumeStop(V))) {
        status = Volume.Status.STOPPED;
      } else if (argv.equals(GlusterArgv.volumeStart(V))) {
        status = Volume.Status.STARTED;
        bricksTrash = Volume.truthy(options.getOrDefault(PoolRelease.TRASH, "off"));
      } else {
        assertThat(argv.subList(0, 5)).containsExactly("gluster", "--xml", "volume", "set", V);
        for (int i = 5; i < argv.size(); i += 2) {
          options.put(argv.get(i), argv.get(i + 1));
        }
        // A running brick takes trash on at once, never off.
        if (status == Volume.Status.STARTED && options.containsKey(PoolRelease.TRASH)) {
          bricksTrash |= Volume.truthy(options.get(PoolRelease.TRASH));
        }
      }
    }
  }

  private static Map<String, String> bound(String... more) {
    Map<String, String> o = new LinkedHashMap<>(Observed.share("prod", "gone"));
    for (int i = 0; i < more.length; i += 2) {
      o.put(more[i], more[i + 1]);
    }
    return o;
  }

  private static List<Step> steps(Model m) {
    return PoolRelease.of(m.volume(), "e1", MNT).steps();
  }

  /**
   * Every way a delete can begin (trash on, absent, set off by hand while the bricks still trash,
   * the volume stopped), killed after every step and finished by a plan made again: the wipe always
   * ran in bricks without trash, and the volume left with trash as it was.
   */
  @ParameterizedTest(name = "trash {0}, {1}, bricks trashing {2}")
  @CsvSource({
    "on, STARTED, true",
    "on, STOPPED, false",
    "absent, STARTED, false",
    "absent, STOPPED, false",
    "off, STARTED, true",
    "off, STARTED, false",
  })
  void killedAfterAnyStepTheNextPlanFinishesWithTrashAsItWas(
      String trash, Volume.Status status, boolean bricksTrash) {
    Map<String, String> options =
        trash.equals("absent") ? bound() : bound(PoolRelease.TRASH, trash);
    int steps = steps(new Model(status, options, bricksTrash)).size();
    for (int killedAfter = 0; killedAfter <= steps; killedAfter++) {
      Model m = new Model(status, options, bricksTrash);
      List<Step> first = steps(m);
      first.subList(0, killedAfter).forEach(m::run);
      if (!m.options.get(Identity.NAME).equals(Identity.NONE)) {
        steps(m).forEach(m::run);
      }
      String at = "killed after step " + killedAfter + " of " + first;
      assertThat(m.wipes).as(at).isPositive();
      assertThat(m.wipedWithTrash)
          .as(at + ": the wipe ran in bricks moving deletions away")
          .isFalse();
      assertThat(m.options).as(at).containsEntry(Identity.NAME, Identity.NONE);
      if (trash.equals("absent")) {
        assertThat(m.options).as(at).doesNotContainKey(PoolRelease.TRASH);
      } else {
        assertThat(m.options).as(at).containsEntry(PoolRelease.TRASH, trash);
      }
      assertThat(m.options.getOrDefault(Identity.RESTORE_TRASH, Identity.NONE))
          .as(at)
          .isEqualTo(Identity.NONE);
      assertThat(m.status).as(at).isEqualTo(Volume.Status.STARTED);
    }
  }

  @ParameterizedTest(name = "trash {0}")
  @CsvSource({"on", "absent"})
  void theStepsAndWhatTheySay(String trash) {
    Model m =
        new Model(
            Volume.Status.STARTED,
            trash.equals("on") ? bound(PoolRelease.TRASH, "on") : bound(),
            trash.equals("on"));

    PoolRelease.Steps release = PoolRelease.of(m.volume(), "e1", MNT);

    if (trash.equals("on")) {
      assertThat(release.steps())
          .extracting(Step::description)
          .containsExactly(
              "stop " + V,
              "turn gluster's trash off for the wipe (on again when " + V + " is released)",
              "start " + V,
              "wipe "
                  + V
                  + " through a mount at "
                  + MNT
                  + ", reading from each of its 3 replica bricks",
              "release " + V + " to the pool");
      assertThat(release.steps().get(1).argvs().get(0))
          .containsSubsequence("features.trash", "off", Identity.RESTORE_TRASH, "on");
      assertThat(release.steps().get(4).argvs().get(0))
          .containsSubsequence(
              "nfs.disable", "on", "features.trash", "on", Identity.RESTORE_TRASH, "NONE");
      assertThat(release.warnings().get(0))
          .startsWith("restarts " + V + " (stop, start) with gluster's trash off");
    } else {
      assertThat(release.steps())
          .extracting(Step::description)
          .containsExactly(
              "wipe "
                  + V
                  + " through a mount at "
                  + MNT
                  + ", reading from each of its 3 replica bricks",
              "release " + V + " to the pool");
      assertThat(release.steps().get(1).argvs().get(0)).doesNotContain("features.trash");
      assertThat(release.warnings()).hasSize(1);
    }
    assertThat(release.steps().get(release.steps().size() - 1).argvs().get(0))
        .startsWith("gluster", "--xml", "volume", "set", V, Identity.MANILA_SHARE, "NONE");
    // The wipe's argv lists a mount reading from each replica brick.
    Step.Wipe wipe =
        (Step.Wipe)
            release.steps().stream().filter(s -> s instanceof Step.Wipe).findFirst().orElseThrow();
    assertThat(wipe.argvs())
        .filteredOn(a -> a.get(0).equals("glusterfs"))
        .extracting(a -> a.get(a.size() - 2))
        .containsExactly(
            "--xlator-option=*-replicate-*.read-subvolume-index=0",
            "--xlator-option=*-replicate-*.read-subvolume-index=1",
            "--xlator-option=*-replicate-*.read-subvolume-index=2");
  }
}

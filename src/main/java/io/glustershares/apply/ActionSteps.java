package io.glustershares.apply;

import io.glustershares.gluster.GlusterClient;
import io.glustershares.gluster.GlusterException;
import io.glustershares.gluster.GlusterXml;
import io.glustershares.model.GlusterArgv;
import io.glustershares.model.Identity;
import io.glustershares.model.Volume;
import io.glustershares.plan.Action;
import io.glustershares.plan.Inventory;
import io.glustershares.plan.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Runs the steps of one action in order, and leaves a volume as it found it when a step fails: a
 * volume the action stopped and had not started again is started again (a free pool volume must not
 * stay stopped because its create failed half-way), and the failure says so without hiding the
 * step's own error.
 */
final class ActionSteps {

  /** The action failed; the message says why, and what was put back. */
  static final class Failed extends Exception {
    Failed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final Duration WIPE_TIMEOUT = Duration.ofMinutes(5);

  private ActionSteps() {}

  /** Told as each step starts, numbered from 1. */
  interface StepStart {
    void step(int number, int of, Step step);
  }

  static void run(GlusterClient gluster, Action action) throws Failed {
    run(gluster, action, () -> false, (number, of, step) -> {});
  }

  /**
   * Runs the steps and returns how many ran. When {@code stopping} (a first Ctrl-C), no further
   * step starts, except while a volume this action stopped is not started again: the action goes on
   * until its volume serves again, so an interruption never leaves a volume down.
   */
  static int run(GlusterClient gluster, Action action, BooleanSupplier stopping, StepStart starting)
      throws Failed {
    Set<String> stopped = new LinkedHashSet<>();
    List<Step> steps = action.steps();
    try {
      for (int i = 0; i < steps.size(); i++) {
        if (i > 0 && stopped.isEmpty() && stopping.getAsBoolean()) {
          return i;
        }
        Step step = steps.get(i);
        starting.step(i + 1, steps.size(), step);
        if (step instanceof Step.CheckFree check) {
          checkFree(gluster, check);
        } else if (step instanceof Step.Gluster g) {
          gluster.xml(g.argv(), Optional.of(g.volume()));
          if (g.argv().equals(GlusterArgv.volumeStop(g.volume()))) {
            stopped.add(g.volume());
          } else if (g.argv().equals(GlusterArgv.volumeStart(g.volume()))) {
            stopped.remove(g.volume());
          }
        } else if (step instanceof Step.Wipe wipe) {
          Wipe.run(gluster, wipe, WIPE_TIMEOUT);
        } else {
          throw new IllegalStateException("unknown step " + step);
        }
      }
    } catch (GlusterException | NotFree e) {
      throw new Failed(e.getMessage() + restart(gluster, stopped), e);
    }
    return steps.size();
  }

  /** Starts again what the action stopped; says what came of it. */
  private static String restart(GlusterClient gluster, Set<String> stopped) {
    StringBuilder said = new StringBuilder();
    for (String volume : stopped) {
      try {
        gluster.xml(GlusterArgv.volumeStart(volume), Optional.of(volume));
        said.append("; volume '").append(volume).append("' was started again, as it was found");
      } catch (GlusterException e) {
        said.append("; starting volume '")
            .append(volume)
            .append("' again failed too (")
            .append(e.getMessage())
            .append("): it is left stopped, which plan, audit and show report");
      }
    }
    return said.toString();
  }

  /** The volume is no longer free: another apply bound it since the plan was made. */
  static final class NotFree extends Exception {
    NotFree(String message) {
      super(message);
    }
  }

  static void checkFree(GlusterClient gluster, Step.CheckFree check)
      throws GlusterException, NotFree {
    String v = check.volume();
    List<Volume> found =
        GlusterXml.volumes(gluster.xml(check.argv(), Optional.of(v))).stream()
            .filter(x -> x.name().equals(v))
            .toList();
    if (found.isEmpty()) {
      throw new NotFree(
          "cluster '"
              + gluster.cluster()
              + "': volume '"
              + v
              + "' is gone since the plan was made; nothing was changed");
    }
    List<String> tags = new ArrayList<>();
    for (String key : List.of(Identity.OWNER, Identity.NAME, Identity.MANILA_SHARE)) {
      tag(found.get(0), key)
          // In use, for Manila, is a UUID in user.manila-share; any other text leaves it free.
          .filter(value -> !key.equals(Identity.MANILA_SHARE) || Inventory.isUuid(value))
          .ifPresent(value -> tags.add(key + " is now '" + value + "'"));
    }
    if (!tags.isEmpty()) {
      throw new NotFree(
          "cluster '"
              + gluster.cluster()
              + "': volume '"
              + v
              + "' is no longer free ("
              + String.join(", ", tags)
              + "): another apply bound it after this plan was made; nothing was changed. Apply"
              + " again to bind another volume");
    }
  }

  /** A tag's value as ownership reads it: unset, blank and released ({@code NONE}) are absent. */
  private static Optional<String> tag(Volume volume, String key) {
    return volume
        .option(key)
        .map(String::strip)
        .filter(s -> !s.isEmpty() && !s.equalsIgnoreCase(Identity.NONE))
        .map(io.glustershares.model.Printable::value);
  }
}

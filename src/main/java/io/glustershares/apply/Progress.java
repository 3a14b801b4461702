package io.glustershares.apply;

import io.glustershares.plan.Action;
import java.time.Duration;

/** Told about each action as it starts and ends; called from several threads. */
public interface Progress {

  void started(Action action);

  void done(Action action, Duration took);

  void failed(Action action, Duration took, String error);

  void skipped(Action action, String failedDependency);

  /** Step {@code number} of {@code of} (from 1) of a running action starts. */
  default void step(Action action, int number, int of, String what) {}

  /** The action stopped between two steps because the apply is stopping. */
  default void interrupted(Action action, int stepsDone) {}

  Progress NONE =
      new Progress() {
        @Override
        public void started(Action action) {}

        @Override
        public void done(Action action, Duration took) {}

        @Override
        public void failed(Action action, Duration took, String error) {}

        @Override
        public void skipped(Action action, String failedDependency) {}
      };
}

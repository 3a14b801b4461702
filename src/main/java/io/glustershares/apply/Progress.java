package io.glustershares.apply;

import io.glustershares.plan.Action;
import java.time.Duration;

/** Told about each action as it starts and ends; called from several threads. */
public interface Progress {

  void started(Action action);

  void done(Action action, Duration took);

  void failed(Action action, Duration took, String error);

  void skipped(Action action, String failedDependency);

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

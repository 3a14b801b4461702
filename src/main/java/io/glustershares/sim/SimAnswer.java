package io.glustershares.sim;

import io.glustershares.gluster.ProcessResult;
import java.time.Duration;

/** A simulated command's reply, and whether the state changed (and must be saved). */
record SimAnswer(ProcessResult result, boolean changed) {

  static SimAnswer xmlAnswer(SimXml x, boolean changed) {
    return new SimAnswer(new ProcessResult(0, x.end(), "", Duration.ZERO), changed);
  }

  static SimAnswer exit(int code, String out, String err) {
    return new SimAnswer(new ProcessResult(code, out, err, Duration.ZERO), false);
  }

  /** A usage error: gluster exits 1 and says why on standard error. */
  static SimAnswer usage(String message) {
    return exit(1, "", message + "\n");
  }

  /** Success without output, the state changed. */
  static SimAnswer silentChange() {
    return new SimAnswer(new ProcessResult(0, "", "", Duration.ZERO), true);
  }
}

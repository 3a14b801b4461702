package io.glustershares.apply;

import io.glustershares.gluster.HeldCommand;
import io.glustershares.gluster.ProcessResult;
import io.glustershares.gluster.Runner;
import io.glustershares.gluster.RunnerException;
import io.glustershares.gluster.ShellQuote;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A runner that runs nothing once its cluster's apply lock is lost: an apply whose lock session
 * ended (a dropped connection, a killed sshd) may be racing another apply that took the lock since,
 * so it stops before the next command rather than after.
 */
public final class LockedRunner implements Runner {

  private final Runner runner;
  private final Supplier<Optional<String>> lost;

  /**
   * @param lost why the lock is no longer held; empty while it is
   */
  public LockedRunner(Runner runner, Supplier<Optional<String>> lost) {
    this.runner = runner;
    this.lost = lost;
  }

  @Override
  public ProcessResult run(List<String> argv, Duration timeout) throws RunnerException {
    Optional<String> why = lost.get();
    if (why.isPresent()) {
      throw new RunnerException(
          RunnerException.Kind.CONNECTION,
          why.get() + "; not running '" + ShellQuote.readable(argv) + "' (nor anything after it)");
    }
    return runner.run(argv, timeout);
  }

  @Override
  public HeldCommand hold(List<String> argv) throws RunnerException {
    return runner.hold(argv);
  }

  @Override
  public String describe() {
    return runner.describe();
  }

  @Override
  public String host() {
    return runner.host();
  }

  @Override
  public boolean cpuBound() {
    return runner.cpuBound();
  }

  @Override
  public String lockKey() {
    return runner.lockKey();
  }

  /** The runner it guards is closed by whoever opened it. */
  @Override
  public void close() {}
}

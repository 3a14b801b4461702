package io.glustershares.apply;

import io.glustershares.gluster.HeldCommand;
import io.glustershares.gluster.LocalRunner;
import io.glustershares.gluster.ProcessResult;
import io.glustershares.gluster.Runner;
import io.glustershares.gluster.RunnerException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stand-ins for gluster servers on this machine, for the lock tests: each runs the real lock script
 * with the real {@code flock}, {@code stat} and {@code sh}, but in a directory of its own under the
 * test's temporary directory instead of the server's {@code /run/gluster-shares}.
 */
final class LockServers {

  private final Path root;
  final Map<String, List<HeldCommand>> held = new ConcurrentHashMap<>();

  LockServers(Path root) {
    this.root = root;
  }

  /** The lock directory of server {@code name}. */
  Path directory(String name) {
    return root.resolve(name).resolve("gluster-shares");
  }

  /** A runner that reaches server {@code name}; {@code gluster} answers with {@code pool}. */
  Runner server(String name, String poolListXml) {
    return server(name, poolListXml, Optional.empty());
  }

  /**
   * The same, whose connection is opened only when every server sharing {@code meeting} is being
   * opened at the same time: opened one after another, the first would wait in vain.
   */
  Runner server(String name, String poolListXml, Optional<CyclicBarrier> meeting) {
    Path dir = directory(name);
    LocalRunner local = new LocalRunner(name);
    return new Runner() {
      @Override
      public ProcessResult run(List<String> argv, Duration timeout) {
        return new ProcessResult(0, poolListXml, "", Duration.ZERO);
      }

      @Override
      public void open() throws RunnerException {
        if (meeting.isEmpty()) {
          return;
        }
        try {
          meeting.get().await(20, TimeUnit.SECONDS);
        } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
          throw new RunnerException(
              RunnerException.Kind.CONNECTION, name + " was opened alone: " + e, e);
        }
      }

      @Override
      public HeldCommand hold(List<String> argv) throws RunnerException {
        List<String> moved = new ArrayList<>();
        for (String word : argv) {
          moved.add(
              word.equals(ServerLock.DIRECTORY)
                  ? dir.toString()
                  : word.equals(ServerLock.FILE) ? dir.resolve("apply.lock").toString() : word);
        }
        dir.getParent().toFile().mkdirs();
        HeldCommand command = local.hold(moved);
        held.computeIfAbsent(name, k -> new ArrayList<>()).add(command);
        return command;
      }

      @Override
      public String describe() {
        return "server " + name;
      }

      @Override
      public String host() {
        return name;
      }

      @Override
      public String lockKey() {
        return name;
      }

      @Override
      public void close() {}
    };
  }

  /** A server that cannot be reached. */
  static Runner unreachable(String name) {
    return new Runner() {
      @Override
      public ProcessResult run(List<String> argv, Duration timeout) throws RunnerException {
        throw new RunnerException(RunnerException.Kind.CONNECTION, "no route to " + name);
      }

      @Override
      public void open() throws RunnerException {
        hold(List.of());
      }

      @Override
      public HeldCommand hold(List<String> argv) throws RunnerException {
        throw new RunnerException(
            RunnerException.Kind.CONNECTION,
            "cannot connect to SSH server " + name + ":22: no route to host");
      }

      @Override
      public String describe() {
        return "ssh root@" + name;
      }

      @Override
      public String host() {
        return name;
      }

      @Override
      public String lockKey() {
        return name;
      }

      @Override
      public void close() {}
    };
  }
}

package io.glustershares.apply;

import io.glustershares.gluster.Runner;
import io.glustershares.gluster.RunnerException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Opens the connections to a pool's other servers side by side: each is an SSH login (key exchange,
 * authentication) of its own, and one after another they were a third of a second of a three-server
 * apply before its first gluster command (issue 17). The locks themselves are still taken one by
 * one, in the pool's order ({@link PoolLock}).
 */
final class PeerConnections {

  private PeerConnections() {}

  /**
   * Opens every runner; returns, by server, why each one that could not be opened could not (the
   * others are open).
   */
  static Map<String, String> open(Map<String, Runner> runners) {
    Map<String, String> unreachable = new LinkedHashMap<>();
    if (runners.isEmpty()) {
      return unreachable;
    }
    ExecutorService threads =
        Executors.newFixedThreadPool(
            runners.size(),
            r -> {
              Thread t = new Thread(r, "gluster-shares-lock-connect");
              t.setDaemon(true);
              return t;
            });
    try {
      Map<String, Future<?>> opening = new LinkedHashMap<>();
      for (Map.Entry<String, Runner> e : runners.entrySet()) {
        Runner runner = e.getValue();
        opening.put(
            e.getKey(),
            threads.submit(
                () -> {
                  runner.open();
                  return null;
                }));
      }
      for (Map.Entry<String, Future<?>> e : opening.entrySet()) {
        try {
          e.getValue().get();
        } catch (ExecutionException failed) {
          if (!(failed.getCause() instanceof RunnerException r)) {
            throw new IllegalStateException(
                "opening a connection to " + e.getKey(), failed.getCause());
          }
          unreachable.put(e.getKey(), r.getMessage());
        } catch (InterruptedException interrupted) {
          // Ctrl-C: the lock is not taken where the connection is not made.
          Thread.currentThread().interrupt();
          unreachable.put(e.getKey(), "interrupted");
        }
      }
      return unreachable;
    } finally {
      threads.shutdownNow();
    }
  }
}

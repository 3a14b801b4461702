package io.glustershares.it.estate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Threads of the harness: output drains, and doing one thing for several namespaces at once. */
final class Threads {

  /** Daemon threads: a drain never keeps the test JVM alive. */
  static final ExecutorService IO =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "estate-io");
            t.setDaemon(true);
            return t;
          });

  private Threads() {}

  /** Runs every task at once and returns their results in order; the first failure is thrown. */
  static <T> List<T> all(List<Callable<T>> tasks) {
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> task : tasks) {
      futures.add(IO.submit(task));
    }
    List<T> results = new ArrayList<>();
    RuntimeException failure = null;
    for (Future<T> f : futures) {
      try {
        results.add(f.get());
      } catch (ExecutionException e) {
        if (failure == null) {
          failure =
              e.getCause() instanceof RuntimeException r
                  ? r
                  : new EstateException(e.getCause().toString(), e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EstateException("interrupted", e);
      }
    }
    if (failure != null) {
      throw failure;
    }
    return results;
  }
}

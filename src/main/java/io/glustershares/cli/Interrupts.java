package io.glustershares.cli;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C. While an apply runs, the first one lets the running gluster calls and steps finish,
 * starts nothing new, and lets apply print its summary and exit 130; the second stops at once (exit
 * 130; the next apply finishes what was left, as after a crash). Outside an apply, Ctrl-C stops at
 * once.
 */
final class Interrupts {

  private final PrintWriter err;
  private final AtomicInteger count = new AtomicInteger();
  private volatile boolean applying;

  Interrupts(PrintWriter err) {
    this.err = err;
  }

  /** Interrupts that only {@link #interrupt} raises (tests and in-process runs). */
  static Interrupts none(PrintWriter err) {
    return new Interrupts(err);
  }

  /**
   * Takes over SIGINT for this process. {@code sun.misc.Signal} is the JDK's supported way (module
   * {@code jdk.unsupported}); it is reached reflectively, so that the build stays free of its
   * compile-time warning. Where it is missing, Ctrl-C keeps the JVM's default.
   */
  static Interrupts onSigint(PrintWriter err) {
    Interrupts interrupts = new Interrupts(err);
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      Object sigint = signal.getConstructor(String.class).newInstance("INT");
      Object proxy =
          Proxy.newProxyInstance(
              handler.getClassLoader(),
              new Class<?>[] {handler},
              (self, method, args) ->
                  switch (method.getName()) {
                    case "handle" -> {
                      interrupts.interrupt();
                      yield null;
                    }
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    default -> "gluster-shares Ctrl-C handler";
                  });
      signal.getMethod("handle", signal, handler).invoke(null, sigint, proxy);
    } catch (ReflectiveOperationException | IllegalArgumentException e) {
      // No sun.misc.Signal, or SIGINT is not ours to take: Ctrl-C keeps the JVM's default.
    }
    return interrupts;
  }

  /** Marks the stretch of an apply in which the first Ctrl-C stops gracefully. */
  void applying(boolean on) {
    applying = on;
  }

  /** Whether a Ctrl-C asked the apply to stop. */
  boolean stopping() {
    return count.get() > 0;
  }

  void interrupt() {
    int n = count.incrementAndGet();
    if (applying && n == 1) {
      err.println(
          "gluster-shares: interrupted: the running gluster calls and steps finish, nothing new"
              + " starts; press Ctrl-C again to stop at once");
      return;
    }
    err.println(
        n > 1
            ? "gluster-shares: interrupted again: stopping at once; the next apply finishes what"
                + " was left"
            : "gluster-shares: interrupted");
    err.flush();
    Runtime.getRuntime().halt(ExitCode.INTERRUPTED);
  }
}

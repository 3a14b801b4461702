package io.glustershares.it.estate;

import io.glustershares.gluster.ProcessResult;
import io.glustershares.gluster.Runner;
import io.glustershares.gluster.RunnerException;
import java.time.Duration;
import java.util.List;

/**
 * The product's {@link Runner} for a node of the estate: argv run inside the node's namespace, as
 * the local CLI would run them on that server. Lets tests use the product's own gluster client and
 * XML parsing against the estate.
 */
final class NamespaceRunner implements Runner {

  private final Node node;

  NamespaceRunner(Node node) {
    this.node = node;
  }

  @Override
  public ProcessResult run(List<String> argv, Duration timeout) throws RunnerException {
    long start = System.nanoTime();
    try {
      Exec.Result r = node.namespace().exec(argv, timeout);
      return new ProcessResult(
          r.exitCode(), r.out(), r.err(), Duration.ofNanos(System.nanoTime() - start));
    } catch (EstateException e) {
      throw new RunnerException(RunnerException.Kind.NOT_STARTED, e.getMessage(), e);
    }
  }

  @Override
  public String describe() {
    return "estate node " + node.name();
  }

  @Override
  public String host() {
    return node.name();
  }

  @Override
  public String lockKey() {
    return "estate-" + node.name();
  }

  @Override
  public void close() {}
}

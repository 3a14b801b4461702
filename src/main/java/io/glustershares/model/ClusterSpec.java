package io.glustershares.model;

import java.time.Duration;
import java.util.List;

/**
 * One gluster cluster of the file: how its gluster commands are run.
 *
 * @param infrastructureCns the exact CNs of the cluster's servers' and managing host's
 *     certificates, as the file declares them; empty when the file does not, and then they are read
 *     from the certificate of the host that runs the cluster's gluster commands
 */
public record ClusterSpec(
    String name,
    ServerAddress server,
    SshSettings ssh,
    List<String> infrastructureCns,
    Duration timeout) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

  public ClusterSpec {
    infrastructureCns = List.copyOf(infrastructureCns);
  }
}

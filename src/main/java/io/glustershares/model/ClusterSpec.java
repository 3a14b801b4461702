package io.glustershares.model;

import java.time.Duration;
import java.util.List;

/**
 * One gluster cluster of the file: how its gluster commands are run.
 *
 * @param infrastructureCns the exact CNs of the cluster's servers' and the managing host's
 *     certificates, as the file lists them ({@code clusters.NAME.infrastructureCns}); empty when
 *     the file does not declare them
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

  /** A cluster whose file declares no infrastructure CNs. */
  public ClusterSpec(String name, ServerAddress server, SshSettings ssh, Duration timeout) {
    this(name, server, ssh, List.of(), timeout);
  }

  /** Whether the file lists this cluster's infrastructure CNs. */
  public boolean declaresInfrastructureCns() {
    return !infrastructureCns.isEmpty();
  }
}

package io.glustershares.model;

import java.time.Duration;

/** One gluster cluster of the file: how its gluster commands are run. */
public record ClusterSpec(String name, ServerAddress server, SshSettings ssh, Duration timeout) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
}

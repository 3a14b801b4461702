package io.glustershares.model;

import java.util.Optional;

/**
 * SSH connection settings of a cluster. The password itself is never stored here: only the name of
 * the environment variable that holds it.
 */
public record SshSettings(
    int port,
    Optional<String> identityFile,
    Optional<String> knownHosts,
    Optional<String> passwordEnv,
    boolean acceptNewHostKey) {

  public static final int DEFAULT_PORT = 22;
  public static final SshSettings DEFAULTS =
      new SshSettings(DEFAULT_PORT, Optional.empty(), Optional.empty(), Optional.empty(), false);
}

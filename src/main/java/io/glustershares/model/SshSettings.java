package io.glustershares.model;

import java.util.Optional;

/**
 * SSH connection settings of a cluster. No secret is stored here: only the names of the environment
 * variables that hold the password and the identity file's passphrase.
 */
public record SshSettings(
    int port,
    Optional<String> identityFile,
    Optional<String> knownHosts,
    Optional<String> passwordEnv,
    Optional<String> passphraseEnv,
    boolean acceptNewHostKey) {

  public static final int DEFAULT_PORT = 22;
  public static final SshSettings DEFAULTS =
      new SshSettings(
          DEFAULT_PORT,
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          false);
}

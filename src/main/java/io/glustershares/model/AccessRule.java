package io.glustershares.model;

import java.util.Optional;

/**
 * A TLS common name allowed to mount a share, read-write.
 *
 * @param certificate the PEM file the CN was read from, as written in the file, if any
 */
public record AccessRule(String cn, Optional<String> certificate) {

  public static AccessRule cn(String cn) {
    return new AccessRule(cn, Optional.empty());
  }
}

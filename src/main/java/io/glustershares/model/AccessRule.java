package io.glustershares.model;

import java.time.Instant;
import java.util.Optional;

/**
 * A TLS common name allowed to mount a share, read-write.
 *
 * @param certificate the PEM file the CN was read from, as written in the file, if any
 * @param expires when the grant ends, if it does
 * @param note free text about the grant (an owner, a ticket); shown, never sent to gluster
 */
public record AccessRule(
    String cn, Optional<String> certificate, Optional<Expiry> expires, Optional<String> note) {

  public AccessRule(String cn, Optional<String> certificate) {
    this(cn, certificate, Optional.empty(), Optional.empty());
  }

  public static AccessRule cn(String cn) {
    return new AccessRule(cn, Optional.empty());
  }

  /** Whether the grant still holds at {@code now}. */
  public boolean activeAt(Instant now) {
    return expires.map(e -> !e.expiredAt(now)).orElse(true);
  }

  public AccessRule withTerms(Optional<Expiry> expires, Optional<String> note) {
    return new AccessRule(cn, certificate, expires, note);
  }
}

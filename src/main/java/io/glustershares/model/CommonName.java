package io.glustershares.model;

import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/** The common name in a certificate's subject, as gluster (OpenSSL) reads it for auth.ssl-allow. */
public final class CommonName {

  private CommonName() {}

  /** The first CN of a name. */
  public static Optional<String> of(X500Principal principal) {
    try {
      // LdapName lists RDNs in certificate order, the reverse of the RFC 2253 string.
      for (Rdn rdn : new LdapName(principal.getName(X500Principal.RFC2253)).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return Optional.of(String.valueOf(rdn.getValue()));
        }
      }
    } catch (InvalidNameException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}

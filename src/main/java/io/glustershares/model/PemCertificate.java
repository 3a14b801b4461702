package io.glustershares.model;

import java.io.ByteArrayInputStream;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/** A PEM certificate and its subject's common name, as gluster (OpenSSL) reads it. */
public final class PemCertificate {

  private PemCertificate() {}

  /** The first certificate of the bytes, when they hold a readable one. */
  public static Optional<X509Certificate> parse(byte[] pem) {
    try {
      return Optional.of(
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(pem)));
    } catch (CertificateException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Every certificate of the bytes (a PEM file may hold several), in order. */
  public static List<X509Certificate> parseAll(byte[] pem) {
    List<X509Certificate> out = new ArrayList<>();
    try {
      for (Certificate c :
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(pem))) {
        if (c instanceof X509Certificate x) {
          out.add(x);
        }
      }
    } catch (CertificateException | RuntimeException e) {
      // What parsed before the bad block is kept; a file with none is simply empty.
    }
    return out;
  }

  /** The first CN of a name. */
  public static Optional<String> commonName(X500Principal principal) {
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

package io.glustershares.load;

import io.glustershares.model.PemCertificate;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/** Reads the subject CN of a PEM certificate, the identity gluster checks. */
public final class Certificates {

  /** A certificate file bigger than this is not a certificate. */
  public static final long MAX_BYTES = 256 * 1024;

  private Certificates() {}

  /** The outcome: the CN, or what is wrong with the file (never its contents). */
  public record Read(Optional<String> cn, Optional<String> problem) {
    static Read ok(String cn) {
      return new Read(Optional.of(cn), Optional.empty());
    }

    static Read bad(String problem) {
      return new Read(Optional.empty(), Optional.of(problem));
    }
  }

  public static Read subjectCn(byte[] pem) {
    String text = new String(pem, StandardCharsets.US_ASCII);
    if (text.contains("PRIVATE KEY")) {
      return Read.bad(
          "holds a private key, not a certificate; valid: the certificate (never name the key)");
    }
    if (!text.contains("-----BEGIN CERTIFICATE-----")) {
      return Read.bad(
          "is not a PEM certificate (no -----BEGIN CERTIFICATE----- line); valid: a PEM certificate");
    }
    Optional<X509Certificate> parsed = PemCertificate.parse(pem);
    if (parsed.isEmpty()) {
      return Read.bad("is not a readable X.509 certificate; valid: a PEM certificate");
    }
    X509Certificate cert = parsed.get();
    return PemCertificate.commonName(cert.getSubjectX500Principal())
        .map(Read::ok)
        .orElseGet(
            () ->
                Read.bad(
                    "has no CN in its subject ("
                        + cert.getSubjectX500Principal().getName(X500Principal.RFC2253)
                        + "); valid: a certificate whose subject has a CN"));
  }
}

package io.glustershares.it.estate;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway certificate authority with EC P-256 keys (about a millisecond each; RSA takes seconds
 * on a slow machine). It issues any CN on demand, valid or already expired; a second {@code TestCa}
 * is a foreign CA for tests of certificates the estate must not trust.
 */
public final class TestCa {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  private final String name;
  private final Path dir;
  private final KeyPair keys;
  private final X509Certificate cert;

  private TestCa(String name, Path dir, KeyPair keys, X509Certificate cert) {
    this.name = name;
    this.dir = dir;
    this.keys = keys;
    this.cert = cert;
  }

  /** A new CA whose files (and those of every certificate it issues) live in {@code dir}. */
  public static TestCa create(String name, Path dir) {
    try {
      Files.createDirectories(dir);
      KeyPair keys = keyPair();
      X500Name subject = new X500Name("CN=" + name);
      Instant now = Instant.now();
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              subject,
              BigInteger.valueOf(SERIAL.incrementAndGet()),
              Date.from(now.minus(Duration.ofHours(1))),
              Date.from(now.plus(Duration.ofDays(365))),
              subject,
              keys.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      b.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
      X509Certificate cert = sign(b, keys);
      TestCa ca = new TestCa(name, dir, keys, cert);
      writePem(ca.caFile(), cert, false);
      return ca;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new EstateException("cannot make the test CA: " + e.getMessage(), e);
    }
  }

  public String name() {
    return name;
  }

  /** The CA certificate, as a {@code glusterfs.ca} file. */
  public Path caFile() {
    return dir.resolve(name + ".ca.pem");
  }

  /**
   * A certificate for {@code cn}, valid from an hour ago for a year (doctor warns 30 days ahead).
   */
  public Credentials issue(String cn) {
    Instant now = Instant.now();
    return issue(cn, cn, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(365)));
  }

  /** A certificate for {@code cn} that expired yesterday. */
  public Credentials issueExpired(String cn) {
    Instant now = Instant.now();
    return issue(
        cn, cn + ".expired", now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)));
  }

  /**
   * A certificate with any validity; its files are named by {@code fileName}.
   *
   * @return the certificate and key, with this CA as the trusted CA
   */
  public synchronized Credentials issue(String cn, String fileName, Instant from, Instant to) {
    try {
      KeyPair pair = keyPair();
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              cert,
              BigInteger.valueOf(SERIAL.incrementAndGet()),
              Date.from(from),
              Date.from(to),
              new X500Name("CN=" + cn),
              pair.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(
          Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(cert));
      Path certFile = dir.resolve(fileName + ".pem");
      Path keyFile = dir.resolve(fileName + ".key");
      writePem(certFile, sign(b, keys), false);
      writePkcs8(keyFile, pair.getPrivate().getEncoded());
      return new Credentials(cn, certFile, keyFile, caFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new EstateException("cannot issue a certificate for " + cn + ": " + e.getMessage(), e);
    }
  }

  private static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return g.generateKeyPair();
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair signer)
      throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(
              b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  /** PKCS#8 ("BEGIN PRIVATE KEY"), the form OpenSSL 3 reads for any key type. */
  private static void writePkcs8(Path file, byte[] der) throws IOException {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    Files.writeString(
        file, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  private static void writePem(Path file, Object object, boolean secret) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
      pem.writeObject(object);
    }
    Files.writeString(file, text.toString());
    Files.setPosixFilePermissions(
        file, PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"));
  }
}

package io.glustershares.inspect;

import io.glustershares.model.DesiredState;
import io.glustershares.model.HostFacts;
import io.glustershares.model.ObservedCluster;
import io.glustershares.model.PemCertificate;
import io.glustershares.model.Plural;
import io.glustershares.model.Printable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code doctor} concludes about every server of every cluster, one line per server per check
 * (labelled {@code CLUSTER/NODE}): the TLS files where the installed build reads them, the server
 * certificate's CN prefix, its CA signature and expiry, the bricks on thin LVM, and Manila's
 * "consensual CA" rule: one CA, byte for byte, on every server and on the managing host. Pure: the
 * facts were read before. What a server sent is printed escaped and shortened.
 */
public final class NodeDoctor {

  private static final String ETC = "/etc/ssl/glusterfs.";
  private static final String USR_LIB = "/usr/lib/ssl/glusterfs.";

  /** One server of a cluster, as doctor found it. */
  public sealed interface Visit {
    String cluster();

    String node();

    /** Reached, and its facts read. */
    record Probed(String cluster, String node, HostFacts facts) implements Visit {}

    /** Not reached: the login failed, or the name is not one to contact. */
    record Unreached(String cluster, String node, String reason) implements Visit {}

    /** Not visited, on purpose. */
    record Skipped(String cluster, String node, String reason) implements Visit {}
  }

  /**
   * A CA file as read on the managing host (the host running doctor).
   *
   * @param unreadable why a file that is there could not be read; its content is then empty
   */
  public record CaFile(String path, String content, Optional<String> unreadable) {
    public CaFile(String path, String content) {
      this(path, content, Optional.empty());
    }

    public static CaFile unreadable(String path, String why) {
      return new CaFile(path, "", Optional.of(why));
    }
  }

  private NodeDoctor() {}

  /**
   * @param managingCas the managing host's CA files; empty when no cluster is reached over SSH (the
   *     host doctor runs on is then one of the servers, or there is none)
   */
  public static List<Doctor.Finding> check(
      DesiredState desired,
      Map<String, ObservedCluster> observed,
      List<Visit> visits,
      Optional<List<CaFile>> managingCas,
      Instant now) {
    List<Doctor.Finding> out = new ArrayList<>();
    Map<String, String> nodeCas = new LinkedHashMap<>();
    List<String> notCompared = new ArrayList<>();
    for (Visit visit : visits) {
      String label = visit.cluster() + "/" + Printable.value(visit.node());
      if (visit instanceof Visit.Probed p) {
        out.addAll(
            Doctor.Finding.named("server_tls", node(desired, label, p.facts(), now, nodeCas)));
        if (!nodeCas.containsKey(label)) {
          notCompared.add(label);
        }
        ObservedCluster cluster = observed.get(p.cluster());
        if (cluster != null) {
          out.addAll(
              Doctor.Finding.named("thin_lvm", Doctor.bricks(desired, label, cluster, p.facts())));
        }
      } else if (visit instanceof Visit.Unreached u) {
        notCompared.add(label);
        out.add(
            Doctor.Finding.fail(
                label,
                "not checked: " + Printable.oneLine(u.reason()),
                "check that sshd runs there, that the known_hosts file has its key and that"
                    + " the cluster's SSH login works there too"));
      } else if (visit instanceof Visit.Skipped s) {
        notCompared.add(label);
        out.add(
            new Doctor.Finding(
                Doctor.Level.SKIP,
                label,
                "not checked: " + s.reason(),
                Optional.of(
                    "reach the cluster over SSH (server: USER@HOST with ssh:) to check every"
                        + " server")));
      }
    }
    out.addAll(Doctor.Finding.named("ca_consensus", consensus(nodeCas, managingCas, notCompared)));
    // What is left unnamed is a server that was not visited.
    return Doctor.Finding.named("server_reachable", out);
  }

  private static List<Doctor.Finding> node(
      DesiredState desired, String label, HostFacts f, Instant now, Map<String, String> cas) {
    List<Doctor.Finding> out = new ArrayList<>();
    String reads = f.tlsPrefix();
    List<String> missing = new ArrayList<>();
    for (String prefix : f.readsUsrLibSsl() ? List.of(ETC, USR_LIB) : List.of(ETC)) {
      for (String ext : List.of("pem", "key", "ca")) {
        if (!f.file(prefix + ext).exists()) {
          missing.add(prefix + ext);
        }
      }
    }
    for (String path : missing) {
      out.add(
          Doctor.Finding.fail(
              label,
              path + " is missing" + (path.startsWith(reads) ? " (this build reads it)" : ""),
              path.startsWith(USR_LIB)
                  ? "ln -sfn " + ETC + path.substring(USR_LIB.length()) + " " + path
                  : "install this server's TLS file there (the key with mode 600)"));
    }
    if (missing.isEmpty()) {
      out.add(
          Doctor.Finding.ok(
              label,
              "TLS files present in /etc/ssl"
                  + (f.readsUsrLibSsl()
                      ? " and in /usr/lib/ssl, where this build reads them"
                      : ", where this build reads them")));
    }
    if (f.readsUsrLibSsl()) {
      for (String ext : List.of("pem", "ca")) {
        Optional<String> etc = f.file(ETC + ext).content();
        Optional<String> lib = f.file(USR_LIB + ext).content();
        if (etc.isPresent() && lib.isPresent() && !etc.equals(lib)) {
          out.add(
              Doctor.Finding.fail(
                  label,
                  USR_LIB + ext + " differs from " + ETC + ext + " (gluster reads the first)",
                  "ln -sfn " + ETC + ext + " " + USR_LIB + ext));
        }
      }
    }
    HostFacts.FileFact pem = f.file(reads + "pem");
    HostFacts.FileFact caFile = f.file(reads + "ca");
    caFile
        .unreadable()
        .ifPresent(
            why ->
                out.add(
                    Doctor.Finding.skip(
                        label, "CA checks: " + reads + "ca could not be read (" + why + ")")));
    pem.unreadable()
        .ifPresent(
            why ->
                out.add(
                    Doctor.Finding.skip(
                        label,
                        "certificate checks: " + reads + "pem could not be read (" + why + ")")));
    List<X509Certificate> authorities =
        caFile.content().map(NodeDoctor::certificates).orElse(List.of());
    if (caFile.exists() && caFile.unreadable().isEmpty() && authorities.isEmpty()) {
      out.add(
          Doctor.Finding.fail(
              label,
              reads + "ca holds no PEM certificate",
              "install the CA certificate there, the same as on every server"));
    } else if (!authorities.isEmpty()) {
      cas.put(label, fingerprint(authorities));
    }
    Optional<X509Certificate> cert = f.servedCertificate();
    if (cert.isEmpty()) {
      if (pem.exists() && pem.unreadable().isEmpty()) {
        out.add(
            Doctor.Finding.fail(
                label,
                reads + "pem is not a PEM certificate",
                "install this server's certificate there"));
      }
      return out;
    }
    String cn =
        PemCertificate.commonName(cert.get().getSubjectX500Principal())
            .map(Printable::value)
            .orElse("(no CN)");
    String prefix = desired.tls().serverCnPrefix();
    if (cn.startsWith(prefix)) {
      out.add(
          Doctor.Finding.ok(
              label, "certificate CN " + cn + " has the server prefix '" + prefix + "'"));
    } else {
      out.add(
          Doctor.Finding.fail(
              label,
              "certificate CN " + cn + " does not start with the server prefix '" + prefix + "'",
              "issue this server a certificate whose CN starts with " + prefix));
    }
    if (!authorities.isEmpty()) {
      if (signedBy(cert.get(), authorities)) {
        out.add(
            Doctor.Finding.ok(
                label, "certificate " + cn + " is signed by the CA in " + reads + "ca"));
      } else {
        out.add(
            Doctor.Finding.fail(
                label,
                "certificate " + cn + " is not signed by the CA in " + reads + "ca",
                "install a certificate issued by the CA every server and the managing host share"));
      }
    }
    out.add(Doctor.expiry(label, "certificate " + cn, cert.get(), now));
    return out;
  }

  /** One line per server on the CA: the managing host's, or else the one most servers have. */
  private static List<Doctor.Finding> consensus(
      Map<String, String> nodeCas, Optional<List<CaFile>> managingCas, List<String> notCompared) {
    List<Doctor.Finding> out = new ArrayList<>();
    Map<String, String> managing = new LinkedHashMap<>();
    for (CaFile file : managingCas.orElse(List.of())) {
      file.unreadable()
          .ifPresent(
              why ->
                  out.add(
                      Doctor.Finding.skip(
                          "(managing host)",
                          file.path()
                              + " could not be read here ("
                              + why
                              + "): the servers' CA was not compared with it")));
    }
    if (managingCas.isPresent() && managingCas.get().isEmpty()) {
      out.add(
          Doctor.Finding.warn(
              "(managing host)",
              "no /etc/ssl/glusterfs.ca here to compare the servers' CA with",
              "install the CA every server has as /etc/ssl/glusterfs.ca on this host"));
    }
    for (CaFile file : managingCas.orElse(List.of())) {
      if (file.unreadable().isPresent()) {
        continue;
      }
      List<X509Certificate> certs = certificates(file.content());
      if (certs.isEmpty()) {
        out.add(
            Doctor.Finding.fail(
                "(managing host)",
                file.path() + " holds no PEM certificate",
                "install the CA certificate there, the same as on every server"));
      } else {
        managing.put(file.path(), fingerprint(certs));
      }
    }
    if (managing.values().stream().distinct().count() > 1) {
      out.add(
          Doctor.Finding.fail(
              "(managing host)",
              "its CA files differ: " + describe(managing),
              "make /usr/lib/ssl/glusterfs.ca a link to /etc/ssl/glusterfs.ca"));
    }
    if (managing.size() + nodeCas.size() < 2) {
      return out; // nothing to compare with
    }
    Optional<String> reference = managing.values().stream().findFirst();
    String whose = "the managing host's";
    if (reference.isEmpty()) {
      whose = "the one most servers have";
      Map<String, Integer> counts = new LinkedHashMap<>();
      nodeCas.values().forEach(fp -> counts.merge(fp, 1, Integer::sum));
      reference =
          counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }
    if (reference.isEmpty()) {
      return out;
    }
    String ref = reference.get();
    boolean all = true;
    for (Map.Entry<String, String> e : nodeCas.entrySet()) {
      if (e.getValue().equals(ref)) {
        out.add(Doctor.Finding.ok(e.getKey(), "CA " + shortFp(ref) + " is " + whose));
      } else {
        all = false;
        out.add(
            Doctor.Finding.fail(
                e.getKey(),
                "CA "
                    + shortFp(e.getValue())
                    + " differs from "
                    + whose
                    + " ("
                    + shortFp(ref)
                    + "): clients and servers must share one CA",
                "install the same CA certificate as glusterfs.ca on every server and the managing"
                    + " host"));
      }
    }
    if (all) {
      String one =
          "one CA "
              + shortFp(ref)
              + " on "
              + Plural.of(nodeCas.size(), "server")
              + (managing.isEmpty() ? "" : " and the managing host");
      // What was not read is not known to have it: no OK about "all" then.
      out.add(
          notCompared.isEmpty()
              ? Doctor.Finding.ok("(all)", one)
              : Doctor.Finding.skip(
                  "(all)", one + "; not compared on " + String.join(", ", notCompared)));
    }
    return out;
  }

  private static String describe(Map<String, String> files) {
    List<String> parts = new ArrayList<>();
    files.forEach((path, fp) -> parts.add(path + " " + shortFp(fp)));
    return String.join(", ", parts);
  }

  private static List<X509Certificate> certificates(String pem) {
    return PemCertificate.parseAll(pem.getBytes(StandardCharsets.US_ASCII));
  }

  private static boolean signedBy(X509Certificate cert, List<X509Certificate> authorities) {
    for (X509Certificate authority : authorities) {
      try {
        cert.verify(authority.getPublicKey());
        return true;
      } catch (GeneralSecurityException e) {
        // Not this one; try the next CA of the file.
      }
    }
    return false;
  }

  /** SHA-256 over the certificates' DER: the same CA whatever the PEM's line breaks. */
  static String fingerprint(List<X509Certificate> certs) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (X509Certificate c : certs) {
        sha.update(c.getEncoded());
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("a parsed certificate has an encoding and SHA-256 exists", e);
    }
  }

  private static String shortFp(String fp) {
    return "SHA-256 " + fp.substring(0, 16);
  }
}

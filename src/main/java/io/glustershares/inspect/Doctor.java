package io.glustershares.inspect;

import io.glustershares.model.Brick;
import io.glustershares.model.DesiredState;
import io.glustershares.model.GlusterVersion;
import io.glustershares.model.HostFacts;
import io.glustershares.model.ObservedCluster;
import io.glustershares.model.PemCertificate;
import io.glustershares.model.Plural;
import io.glustershares.model.Volume;
import io.glustershares.plan.Inventory;
import io.glustershares.plan.Subject;
import io.glustershares.plan.VolumeRole;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What {@code doctor} concludes from a cluster's state and its command host's facts: each check OK,
 * WARN or FAIL, with a one-line fix, or SKIP when it could not be made (a cluster not read, a file
 * not readable): what was not seen is never reported OK. Pure: the facts were read before.
 */
public final class Doctor {

  public enum Level {
    OK,
    WARN,
    FAIL,
    /** Not checked: what it needs could not be read. Says why, and is neither OK nor a failure. */
    SKIP
  }

  /**
   * One finding of one check.
   *
   * @param cluster the scope: a cluster, {@code CLUSTER/NODE}, or {@code (all)}
   * @param check the check's stable name ({@code version}, {@code tls}, …) for {@code doctor
   *     --json}; given by {@link Doctor#check} and {@link NodeDoctor#check} per group of checks, so
   *     that the places that word a finding need not repeat it
   */
  public record Finding(
      Level level, String cluster, String what, Optional<String> fix, String check) {

    public Finding(Level level, String cluster, String what, Optional<String> fix) {
      this(level, cluster, what, fix, "");
    }

    /** Every finding of {@code findings} named {@code check}, unless it has a name already. */
    static List<Finding> named(String check, List<Finding> findings) {
      return findings.stream()
          .map(
              f ->
                  f.check().isEmpty()
                      ? new Finding(f.level(), f.cluster(), f.what(), f.fix(), check)
                      : f)
          .toList();
    }

    static Finding ok(String cluster, String what) {
      return new Finding(Level.OK, cluster, what, Optional.empty());
    }

    static Finding warn(String cluster, String what, String fix) {
      return new Finding(Level.WARN, cluster, what, Optional.of(fix));
    }

    static Finding fail(String cluster, String what, String fix) {
      return new Finding(Level.FAIL, cluster, what, Optional.of(fix));
    }

    static Finding skip(String cluster, String what) {
      return new Finding(Level.SKIP, cluster, what, Optional.empty());
    }
  }

  /** One cluster as read: its state and host facts, or why it could not be read. */
  public record Subject(
      String cluster,
      String reachedAs,
      Optional<ObservedCluster> observed,
      Optional<HostFacts> facts,
      Optional<String> error) {}

  /** Warn this long before a certificate expires. */
  public static final Duration EXPIRY_WARNING = Duration.ofDays(30);

  private Doctor() {}

  public static List<Finding> check(DesiredState desired, List<Subject> subjects, Instant now) {
    List<Finding> out = new ArrayList<>();
    Map<String, List<String>> cas = new TreeMap<>();
    for (Subject s : subjects) {
      String c = s.cluster();
      if (s.observed().isEmpty()) {
        out.addAll(
            Finding.named(
                "reachable",
                List.of(
                    Finding.fail(
                        c,
                        "not reachable (" + s.reachedAs() + "): " + s.error().orElse("?"),
                        "check the server address, the SSH settings and that glusterd runs"))));
        out.addAll(
            Finding.named(
                "skipped",
                List.of(
                    Finding.skip(
                        c,
                        "gluster version, servers, TLS files, CA, certificates, pool and bricks:"
                            + " not checked, the cluster could not be read"))));
        continue;
      }
      ObservedCluster cluster = s.observed().get();
      out.addAll(
          Finding.named(
              "reachable",
              List.of(Finding.ok(c, "reachable (" + s.reachedAs() + "), host " + cluster.host()))));
      out.addAll(Finding.named("version", version(c, cluster.version())));
      out.addAll(
          Finding.named("servers", DoctorHealth.servers(desired.clusters().get(c), cluster)));
      s.facts().ifPresent(f -> out.addAll(Finding.named("tls", tls(desired, c, f, now, cas))));
      s.facts()
          .ifPresent(
              f ->
                  out.addAll(
                      Finding.named(
                          "nfs", DoctorHealth.nfs(c, cluster, f, ours(desired, cluster)))));
      out.addAll(Finding.named("pool", pool(desired, c, cluster)));
      s.facts()
          .ifPresent(f -> out.addAll(Finding.named("thin_lvm", bricks(desired, c, cluster, f))));
      if (s.facts().isEmpty()) {
        out.addAll(
            Finding.named(
                "host_facts",
                List.of(
                    Finding.skip(
                        c,
                        "TLS files, CA, certificates and bricks on thin LVM: not checked on the"
                            + " command host ("
                            + s.error().orElse("its facts could not be read")
                            + ")"))));
      }
    }
    if (cas.size() > 1) {
      List<String> groups = new ArrayList<>();
      cas.forEach(
          (fingerprint, clusters) ->
              groups.add(String.join(", ", clusters) + " (" + fingerprint.substring(0, 12) + ")"));
      out.add(
          Finding.fail(
              "(all)",
              "the clusters trust different CA files: " + String.join("; ", groups),
              "give every server and the managing host the same /etc/ssl/glusterfs.ca: clients and servers must share one CA"));
    } else if (subjects.size() > 1) {
      out.addAll(sameCa(subjects, cas));
    }
    return Finding.named("ca_consensus", out);
  }

  /** One CA for every cluster: OK only when every cluster's CA was read and compared. */
  private static List<Finding> sameCa(List<Subject> subjects, Map<String, List<String>> cas) {
    List<String> compared = cas.values().stream().flatMap(List::stream).toList();
    List<String> missed = new ArrayList<>();
    for (Subject s : subjects) {
      if (!compared.contains(s.cluster())) {
        missed.add(s.cluster() + (s.observed().isEmpty() ? " (not read)" : " (no CA file read)"));
      }
    }
    if (missed.isEmpty()) {
      return List.of(Finding.ok("(all)", "every cluster trusts the same CA file"));
    }
    return List.of(
        Finding.skip(
            "(all)",
            "one CA for every cluster: not checked on "
                + String.join(", ", missed)
                + (compared.isEmpty()
                    ? ""
                    : "; "
                        + String.join(", ", compared)
                        + (compared.size() == 1 ? " alone was" : " were")
                        + " compared")));
  }

  private static List<Finding> version(String c, GlusterVersion v) {
    if (!v.atLeast(GlusterVersion.MINIMUM)) {
      return List.of(
          Finding.fail(
              c,
              "gluster " + v + " is older than " + GlusterVersion.MINIMUM,
              "upgrade gluster to 3.6 or later"));
    }
    if (!v.atLeast(GlusterVersion.CLONES)) {
      return List.of(
          Finding.warn(
              c,
              "gluster " + v + ": shares from snapshots need " + GlusterVersion.CLONES,
              "upgrade gluster to 3.7 or later to clone snapshots"));
    }
    return List.of(Finding.ok(c, "gluster " + v));
  }

  private static List<Finding> tls(
      DesiredState desired, String c, HostFacts f, Instant now, Map<String, List<String>> cas) {
    List<Finding> out = new ArrayList<>();
    String on = " on " + f.hostname();
    boolean complete = true;
    for (String ext : List.of("pem", "key", "ca")) {
      HostFacts.FileFact file = f.file("/etc/ssl/glusterfs." + ext);
      if (!file.exists()) {
        complete = false;
        out.add(
            Finding.fail(
                c,
                "/etc/ssl/glusterfs." + ext + " is missing" + on,
                switch (ext) {
                  case "pem" -> "install this server's certificate as /etc/ssl/glusterfs.pem";
                  case "key" -> "install its private key as /etc/ssl/glusterfs.key (mode 600)";
                  default -> "install the CA certificate(s) as /etc/ssl/glusterfs.ca";
                }));
      }
    }
    HostFacts.FileFact key = f.file("/etc/ssl/glusterfs.key");
    if (key.exists() && key.mode().map(m -> !m.equals("600") && !m.equals("400")).orElse(false)) {
      out.add(
          Finding.warn(
              c,
              "/etc/ssl/glusterfs.key has mode " + key.mode().get() + on,
              "chmod 600 /etc/ssl/glusterfs.key"));
    }
    if (f.readsUsrLibSsl()) {
      for (String ext : List.of("pem", "key", "ca")) {
        HostFacts.FileFact etc = f.file("/etc/ssl/glusterfs." + ext);
        HostFacts.FileFact lib = f.file("/usr/lib/ssl/glusterfs." + ext);
        String fix = "ln -sfn /etc/ssl/glusterfs." + ext + " /usr/lib/ssl/glusterfs." + ext;
        if (!lib.exists()) {
          complete = false;
          out.add(
              Finding.fail(
                  c,
                  "the installed gluster reads /usr/lib/ssl/glusterfs."
                      + ext
                      + ", which is missing"
                      + on,
                  fix));
        } else if (etc.content().isPresent() && !etc.content().equals(lib.content())) {
          out.add(
              Finding.fail(
                  c,
                  "/usr/lib/ssl/glusterfs."
                      + ext
                      + " differs from /etc/ssl/glusterfs."
                      + ext
                      + on
                      + " (gluster reads the first)",
                  fix));
        }
      }
    }
    if (complete) {
      out.add(
          Finding.ok(
              c,
              "TLS files present"
                  + on
                  + (f.readsUsrLibSsl()
                      ? " (and linked where this build reads them, /usr/lib/ssl)"
                      : "")));
    }
    Optional<X509Certificate> cert = f.file("/etc/ssl/glusterfs.pem").certificate();
    Optional<X509Certificate> ca = f.file("/etc/ssl/glusterfs.ca").certificate();
    for (String ext : List.of("pem", "ca")) {
      f.file("/etc/ssl/glusterfs." + ext)
          .unreadable()
          .ifPresent(
              why ->
                  out.add(
                      Finding.skip(
                          c,
                          (ext.equals("pem") ? "certificate" : "CA")
                              + " checks: /etc/ssl/glusterfs."
                              + ext
                              + on
                              + " could not be read ("
                              + why
                              + ")")));
    }
    f.file("/etc/ssl/glusterfs.ca")
        .content()
        .ifPresent(text -> cas.computeIfAbsent(sha256(text), k -> new ArrayList<>()).add(c));
    if (cert.isPresent()) {
      String cn = PemCertificate.commonName(cert.get().getSubjectX500Principal()).orElse("(no CN)");
      if (desired.tls().isInfrastructure(cn)) {
        out.add(Finding.ok(c, "certificate CN " + cn + " is an infrastructure CN"));
      } else {
        out.add(
            Finding.fail(
                c,
                "certificate CN "
                    + cn
                    + on
                    + " does not start with '"
                    + desired.tls().serverCnPrefix()
                    + "' or '"
                    + desired.tls().hostCnPrefix()
                    + "'",
                "issue this server a certificate whose CN starts with "
                    + desired.tls().serverCnPrefix()
                    + " (wipes mount with it, and access lists keep only infrastructure CNs)"));
      }
      out.add(expiry(c, "certificate " + cn, cert.get(), now));
      ca.ifPresent(
          authority -> {
            try {
              cert.get().verify(authority.getPublicKey());
              out.add(
                  Finding.ok(
                      c, "certificate " + cn + " is signed by the CA in /etc/ssl/glusterfs.ca"));
            } catch (GeneralSecurityException e) {
              out.add(
                  Finding.fail(
                      c,
                      "certificate " + cn + " is not signed by the CA in /etc/ssl/glusterfs.ca",
                      "install a certificate issued by that CA, or the CA that issued it"));
            }
          });
    } else if (f.file("/etc/ssl/glusterfs.pem").exists()
        && f.file("/etc/ssl/glusterfs.pem").unreadable().isEmpty()) {
      out.add(
          Finding.fail(
              c,
              "/etc/ssl/glusterfs.pem" + on + " is not a PEM certificate",
              "install this server's certificate there"));
    }
    ca.ifPresent(
        authority ->
            out.add(
                expiry(
                    c,
                    "CA "
                        + PemCertificate.commonName(authority.getSubjectX500Principal())
                            .orElse("?"),
                    authority,
                    now)));
    return out;
  }

  static Finding expiry(String c, String what, X509Certificate cert, Instant now) {
    Instant until = cert.getNotAfter().toInstant();
    if (until.isBefore(now)) {
      return Finding.fail(
          c, what + " expired on " + until, "issue a new certificate and restart the volumes");
    }
    if (until.isBefore(now.plus(EXPIRY_WARNING))) {
      return Finding.warn(c, what + " expires on " + until, "issue a new certificate before then");
    }
    return Finding.ok(c, what + " valid until " + until);
  }

  /** The volumes of the pool and of this stack's shares: those a tenant's data is or will be on. */
  private static List<Volume> ours(DesiredState desired, ObservedCluster cluster) {
    return Inventory.classify(desired, cluster).stream()
        .filter(
            v ->
                v.role() instanceof VolumeRole.Share
                    || v.role() instanceof VolumeRole.Free
                    || v.role() instanceof VolumeRole.NotReady
                    || v.role() instanceof VolumeRole.PendingClone)
        .map(Inventory.Classified::volume)
        .toList();
  }

  private static List<Finding> pool(DesiredState desired, String c, ObservedCluster cluster) {
    List<Finding> out = new ArrayList<>();
    Map<Integer, Integer> free = new TreeMap<>();
    List<String> notReady = new ArrayList<>();
    for (Inventory.Classified v : Inventory.classify(desired, cluster)) {
      VolumeRole role = v.role();
      if (role instanceof VolumeRole.Free f) {
        free.merge(f.size().orElse(-1), 1, Integer::sum);
      } else if (role instanceof VolumeRole.NotReady) {
        notReady.add(v.volume().name());
      } else if (!(role instanceof VolumeRole.Share
          || role instanceof VolumeRole.PendingClone
          || role instanceof VolumeRole.Foreign
          || role instanceof VolumeRole.Released
          || role instanceof VolumeRole.OutsidePattern)) {
        throw new IllegalStateException("unknown volume role " + role); // not in the pool
      }
    }
    if (free.isEmpty()) {
      out.add(
          Finding.warn(
              c,
              "no free pool volume",
              "create volumes named like " + desired.volumePattern() + " with auth.ssl-allow set"));
    } else {
      List<String> sizes = new ArrayList<>();
      free.forEach(
          (gb, n) ->
              sizes.add(
                  !desired.volumePattern().hasSize()
                      ? String.valueOf(n)
                      : n + " × " + (gb < 0 ? "size unknown" : gb + " GB")));
      out.add(Finding.ok(c, "free pool volumes: " + String.join(", ", sizes)));
    }
    if (!notReady.isEmpty()) {
      out.add(
          Finding.warn(
              c,
              Plural.of(notReady.size(), "pool volume is", "pool volumes are")
                  + " not ready: "
                  + String.join(", ", notReady),
              "gluster volume set VOLUME auth.ssl-allow "
                  + desired.tls().serverCnPrefix()
                  + "-1,"
                  + desired.tls().hostCnPrefix()));
    }
    return out;
  }

  static List<Finding> bricks(
      DesiredState desired, String c, ObservedCluster cluster, HostFacts f) {
    if (cluster.snapshotsUnavailable().isPresent()) {
      return List.of(
          Finding.warn(
              c,
              "snapshots unavailable: " + cluster.snapshotsUnavailable().get(),
              "install the LVM tools (Debian: lvm2) on the servers"));
    }
    Map<String, String> notThin = new LinkedHashMap<>();
    int checked = 0;
    for (Volume v : cluster.volumes()) {
      for (Brick brick : v.bricks()) {
        String path = brick.path();
        String device = f.brickDevices().get(path);
        if (device == null) {
          continue;
        }
        checked++;
        if (!f.thinDevices().contains(device)) {
          notThin.putIfAbsent(v.name(), device);
        }
      }
    }
    if (checked == 0) {
      return List.of(
          Finding.skip(
              c,
              "bricks on thin LVM: not checked, no brick on "
                  + f.hostname()
                  + " (check the other servers' bricks with lvs -o lv_dm_path,segtype)"));
    }
    if (notThin.isEmpty()) {
      return List.of(
          Finding.ok(c, "every brick on " + f.hostname() + " is on thin LVM: snapshots work"));
    }
    List<String> names = new ArrayList<>(notThin.keySet());
    return List.of(
        Finding.warn(
            c,
            Plural.of(notThin.size(), "volume has", "volumes have")
                + " bricks not on thin LVM ("
                + String.join(", ", names.subList(0, Math.min(5, names.size())))
                + (names.size() > 5 ? ", ..." : "")
                + "): their snapshots will fail",
            "put bricks on thinly provisioned LVM volumes to use snapshots"));
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(text.strip().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}

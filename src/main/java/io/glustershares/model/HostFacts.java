package io.glustershares.model;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code doctor} read on the host that runs a cluster's gluster commands: its TLS files
 * (certificates in full, the key only as present or not, with its mode), which directory the
 * installed gluster reads them from, and what its bricks are stored on.
 *
 * @param hostname what {@code hostname} says there
 * @param files path to what was found there
 * @param readsUsrLibSsl whether the installed gluster reads /usr/lib/ssl/glusterfs.* (Debian)
 * @param brickDevices brick path to the block device holding it
 * @param thinDevices devices that are thinly provisioned LVM volumes
 * @param lvmAvailable whether the LVM tools answered
 * @param nfsServer whether gluster's NFS server (the nfs xlator) is installed there; Debian's
 *     glusterfs 10.3 ships none
 */
public record HostFacts(
    String hostname,
    Map<String, FileFact> files,
    boolean readsUsrLibSsl,
    Map<String, String> brickDevices,
    Set<String> thinDevices,
    boolean lvmAvailable,
    boolean nfsServer) {

  /**
   * A file: absent, or present with its mode and, for public material only, its text.
   *
   * @param unreadable why a file that is there could not be read (permissions, not a regular file,
   *     a failed command): doctor then says it did not check it, rather than that it is missing or
   *     wrong
   */
  public record FileFact(
      boolean exists,
      Optional<String> mode,
      Optional<String> content,
      Optional<String> unreadable) {
    public static final FileFact ABSENT = new FileFact(false, Optional.empty(), Optional.empty());

    public FileFact(boolean exists, Optional<String> mode, Optional<String> content) {
      this(exists, mode, content, Optional.empty());
    }

    public static FileFact unreadable(String why) {
      return new FileFact(true, Optional.empty(), Optional.empty(), Optional.of(why));
    }

    /** The first certificate of the text, when it holds a PEM certificate. */
    public Optional<X509Certificate> certificate() {
      return content.flatMap(pem -> PemCertificate.parse(pem.getBytes(StandardCharsets.US_ASCII)));
    }
  }

  public FileFact file(String path) {
    return files.getOrDefault(path, FileFact.ABSENT);
  }

  /**
   * Where the installed gluster reads its TLS files from: {@code /usr/lib/ssl/glusterfs.} or /etc.
   */
  public String tlsPrefix() {
    return readsUsrLibSsl ? "/usr/lib/ssl/glusterfs." : "/etc/ssl/glusterfs.";
  }

  /**
   * The certificate this server presents: the first in the {@code glusterfs.pem} gluster reads
   * (doctor judges it, audit's metrics report its expiry).
   */
  public Optional<X509Certificate> servedCertificate() {
    return file(tlsPrefix() + "pem").certificate();
  }
}

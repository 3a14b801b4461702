package io.glustershares.it.estate;

import java.util.Optional;

/**
 * A tenant's client machine: a namespace of its own on the estate's network whose {@code
 * glusterfs.{pem,key,ca}} carry the tenant's CN, so {@code mount -t glusterfs} presents it.
 */
public final class Tenant {

  private final Namespace ns;
  private volatile String cn;

  Tenant(Namespace ns, String cn) {
    this.ns = ns;
    this.cn = cn;
  }

  public String name() {
    return ns.name();
  }

  /** The CN this tenant presents now. */
  public String cn() {
    return cn;
  }

  /** Mounts {@code export}; empty when gluster refuses this tenant (nothing stays mounted). */
  public Optional<Mount> mount(String export) {
    return Mount.attempt(ns, export);
  }

  /** Mounts {@code export} or fails the test with what gluster's client logged. */
  public Mount mountOrFail(String export) {
    return mount(export)
        .orElseThrow(
            () ->
                new AssertionError(
                    "tenant " + cn + " could not mount " + export + "\n" + clientLog()));
  }

  /** Whether gluster refuses this tenant a mount of {@code export}. */
  public boolean refused(String export) {
    Optional<Mount> m = mount(export);
    m.ifPresent(Mount::unmount);
    return m.isEmpty();
  }

  /** Presents another identity from now on (another CN, a foreign CA, an expired certificate). */
  public void installTls(Credentials c) {
    Tls.install(ns, c);
    cn = c.cn();
  }

  /** The tail of the FUSE clients' logs, for failure messages. */
  public String clientLog() {
    return ns.exec("sh", "-c", "tail -n 20 /var/log/glusterfs/mnt-*.log 2>/dev/null").out();
  }

  public Namespace namespace() {
    return ns;
  }
}

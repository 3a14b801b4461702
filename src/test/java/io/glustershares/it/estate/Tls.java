package io.glustershares.it.estate;

/** Puts a TLS identity where gluster reads it inside a namespace. */
final class Tls {

  private Tls() {}

  /**
   * Writes {@code /etc/ssl/glusterfs.{pem,key,ca}} in the namespace's overlay; {@code
   * /usr/lib/ssl/glusterfs.*} (where Debian's build reads) link there.
   */
  static void install(Namespace ns, Credentials c) {
    ns.exec(
            "sh",
            "-c",
            "install -m 644 \"$1\" /etc/ssl/glusterfs.pem && install -m 600 \"$2\""
                + " /etc/ssl/glusterfs.key && install -m 644 \"$3\" /etc/ssl/glusterfs.ca",
            "install-tls",
            c.cert().toString(),
            c.key().toString(),
            c.ca().toString())
        .orThrow();
  }
}

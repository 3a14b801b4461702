package io.glustershares.plan;

import io.glustershares.model.ClusterSpec;
import io.glustershares.model.ObservedCluster;
import io.glustershares.model.TlsPolicy;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The infrastructure CNs of a cluster (SPEC §3): an exact list, never inferred from access lists.
 * They are the file's {@code infrastructureCns} when it declares them, else the CNs of the
 * certificates gluster reads on the host that runs the cluster's gluster commands; either way only
 * CNs with a server or managing-host prefix qualify. A CN found in some volume's {@code
 * auth.ssl-allow} is never one of them because of that: a tenant certificate named {@code
 * manila-hostile} would otherwise be copied into every share.
 */
public final class Infrastructure {

  private Infrastructure() {}

  public static Set<String> cns(ClusterSpec spec, ObservedCluster observed, TlsPolicy tls) {
    Set<String> out = new TreeSet<>();
    for (String cn :
        spec.infrastructureCns().isEmpty() ? observed.certificateCns() : spec.infrastructureCns()) {
      if (tls.isInfrastructure(cn) && Security.isSafeEntry(cn)) {
        out.add(cn);
      }
    }
    return out;
  }

  /**
   * Why the CNs of a cluster cannot be known, if they cannot: read from the certificate of the one
   * server the commands run on, a cluster of several servers would get only that server's CN, and a
   * share created with it would lock the other servers' self-heal daemons out.
   */
  static Optional<String> undeclared(ClusterSpec spec, ObservedCluster observed) {
    if (!spec.infrastructureCns().isEmpty() || observed.servers() < 2) {
      return Optional.empty();
    }
    return Optional.of(
        "cluster '"
            + spec.name()
            + "' has "
            + observed.servers()
            + " servers; declare clusters."
            + spec.name()
            + ".infrastructureCns with every server's certificate CN (and the managing host's):"
            + " read from one server's certificate, they would lock the other servers' self-heal"
            + " daemons out of every share");
  }

  /** Where the CNs came from, for messages. */
  static String source(ClusterSpec spec) {
    return spec.infrastructureCns().isEmpty()
        ? "the certificate gluster reads (/usr/lib/ssl or /etc/ssl glusterfs.pem) on the host that"
            + " runs its gluster commands"
        : "clusters." + spec.name() + ".infrastructureCns";
  }
}

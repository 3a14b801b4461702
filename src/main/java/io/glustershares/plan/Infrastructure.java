package io.glustershares.plan;

import io.glustershares.model.ClusterSpec;
import io.glustershares.model.ObservedCluster;
import io.glustershares.model.TlsPolicy;
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

  /** Where the CNs came from, for messages. */
  static String source(ClusterSpec spec) {
    return spec.infrastructureCns().isEmpty()
        ? "the certificate gluster reads (/usr/lib/ssl or /etc/ssl glusterfs.pem) on the host that"
            + " runs its gluster commands"
        : "clusters." + spec.name() + ".infrastructureCns";
  }
}

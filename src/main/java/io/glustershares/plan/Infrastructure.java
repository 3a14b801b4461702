package io.glustershares.plan;

import io.glustershares.model.ClusterSpec;
import io.glustershares.model.ObservedCluster;
import io.glustershares.model.TlsPolicy;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The infrastructure CNs of one cluster (SPEC §3), and what every share's list of that cluster
 * keeps. They are an exact list, never inferred from access lists: the file's {@code
 * infrastructureCns} when it declares them, else the CNs of the certificates gluster reads on the
 * host that runs the cluster's gluster commands; either way only CNs with a server or managing-host
 * prefix qualify. A CN found in some volume's {@code auth.ssl-allow} is never one of them because
 * of that: a tenant certificate named {@code manila-hostile} would otherwise be copied into every
 * share.
 *
 * @param cns the cluster's infrastructure CNs, sorted
 * @param source where they come from, for messages
 */
public record Infrastructure(Set<String> cns, String source, TlsPolicy tls) {

  public Infrastructure {
    cns = Collections.unmodifiableSet(new TreeSet<>(cns));
  }

  public static Infrastructure of(ClusterSpec spec, ObservedCluster observed, TlsPolicy tls) {
    List<String> declared = spec.infrastructureCns();
    Set<String> cns = new TreeSet<>();
    for (String cn : declared.isEmpty() ? observed.certificateCns() : declared) {
      if (tls.isInfrastructure(cn) && Security.isSafeEntry(cn)) {
        cns.add(cn);
      }
    }
    String source =
        declared.isEmpty()
            ? "the certificate gluster reads (/usr/lib/ssl or /etc/ssl glusterfs.pem) on the host"
                + " that runs its gluster commands"
            : "clusters." + spec.name() + ".infrastructureCns";
    return new Infrastructure(cns, source, tls);
  }

  /**
   * Why the CNs of a cluster cannot be known, if they cannot: read from the certificate of the one
   * server the commands run on, a cluster of several servers would get only that server's CN, and a
   * share created with it would lock the other servers' self-heal daemons out.
   */
  public static Optional<String> undeclared(ClusterSpec spec, ObservedCluster observed) {
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

  /**
   * Whether an entry found on a volume's list stays on a share's list without the file naming it:
   * an infrastructure CN of this cluster, or an entry under {@code keepCnPrefixes} that gluster
   * reads as exactly one CN (a glob is never kept, whatever its prefix).
   */
  public boolean keeps(String entry) {
    return cns.contains(entry) || (Security.isSafeEntry(entry) && tls.hasKeepPrefix(entry));
  }
}

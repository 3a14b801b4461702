package io.glustershares.model;

import java.util.List;

/**
 * Which TLS common names are infrastructure (gluster servers, the managing host) or otherwise kept
 * in every access list, so that no deny ever removes them.
 */
public record TlsPolicy(String serverCnPrefix, String hostCnPrefix, List<String> keepCnPrefixes) {

  public static final TlsPolicy DEFAULTS =
      new TlsPolicy("glusterfs-server", "manila-host", List.of());

  public TlsPolicy {
    keepCnPrefixes = List.copyOf(keepCnPrefixes);
  }

  /**
   * Whether a CN has a server or managing-host prefix: only such certificate CNs qualify as
   * infrastructure CNs. A prefix never makes a CN found in an access list infrastructure: the
   * infrastructure CNs of a cluster are an exact list.
   */
  public boolean isInfrastructure(String cn) {
    return cn.startsWith(serverCnPrefix) || cn.startsWith(hostCnPrefix);
  }

  /** Whether a CN has any of the prefixes reserved from tenants (infrastructure or kept). */
  public boolean isKept(String cn) {
    return isInfrastructure(cn) || hasKeepPrefix(cn);
  }

  /** CNs under {@code keepCnPrefixes}: never removed from a share's list (backup, monitoring). */
  public boolean hasKeepPrefix(String cn) {
    return keepCnPrefixes.stream().anyMatch(cn::startsWith);
  }
}

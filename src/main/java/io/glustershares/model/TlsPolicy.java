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

  /** Servers and the managing host: kept in every list, and the only CNs a clone inherits. */
  public boolean isInfrastructure(String cn) {
    return cn.startsWith(serverCnPrefix) || cn.startsWith(hostCnPrefix);
  }

  /** CNs never removed from an access list although the file does not list them. */
  public boolean isKept(String cn) {
    return isInfrastructure(cn) || keepCnPrefixes.stream().anyMatch(cn::startsWith);
  }
}

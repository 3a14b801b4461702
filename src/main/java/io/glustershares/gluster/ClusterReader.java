package io.glustershares.gluster;

import io.glustershares.model.HostFacts;
import io.glustershares.model.ObservedCluster;
import io.glustershares.model.Peer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One cluster, for reading only: the refresh, the pool's servers and the facts of the host the
 * commands run on. It runs nothing but the fixed reads of {@link Refresher}, {@link PoolPeers} and
 * {@link HostProbe}, and has no method that takes an argv or hands out its {@link GlusterClient}:
 * {@code plan}, {@code show}, {@code audit}, {@code doctor} and {@code import} get this, so that
 * observing never changes anything by construction. Only {@code apply} holds the client itself.
 */
public final class ClusterReader implements AutoCloseable {

  private final GlusterClient client;

  private ClusterReader(GlusterClient client) {
    this.client = client;
  }

  /** Reads through {@code client}, which the reader then owns (closing it closes the client). */
  public static ClusterReader of(GlusterClient client) {
    return new ClusterReader(client);
  }

  public String cluster() {
    return client.cluster();
  }

  /** How the cluster is reached, for messages: {@code local}, {@code ssh root@host}. */
  public String describe() {
    return client.runner().describe();
  }

  /** See {@link Refresher#refresh(GlusterClient, boolean)}. */
  public ObservedCluster refresh(boolean readCertificates) throws GlusterException {
    return Refresher.refresh(client, readCertificates);
  }

  /** Every peer, this server included. */
  public List<Peer> peers() throws GlusterException {
    return client.peers();
  }

  /** The pool's other servers, by the names {@code pool list} gives them. */
  public List<String> otherServers() throws GlusterException {
    return PoolPeers.others(client);
  }

  /** What the host the commands run on holds: certificates, keys, packages (see HostProbe). */
  public HostFacts hostFacts(ObservedCluster cluster) throws GlusterException {
    return HostProbe.probe(client, cluster);
  }

  /** Refreshes the clusters in parallel (see {@link Refresher#refreshAll(Map, Set)}). */
  public static Map<String, Refresher.Outcome> refreshAll(
      Map<String, ClusterReader> readers, Set<String> readCertificates) {
    Map<String, GlusterClient> clients = new LinkedHashMap<>();
    readers.forEach((name, reader) -> clients.put(name, reader.client));
    return Refresher.refreshAll(clients, readCertificates);
  }

  @Override
  public void close() {
    client.close();
  }
}

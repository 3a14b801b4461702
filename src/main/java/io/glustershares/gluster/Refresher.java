package io.glustershares.gluster;

import io.glustershares.model.Brick;
import io.glustershares.model.BrickState;
import io.glustershares.model.GlusterVersion;
import io.glustershares.model.ObservedCluster;
import io.glustershares.model.Peer;
import io.glustershares.model.PemCertificate;
import io.glustershares.model.Volume;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads every cluster, all at once: per cluster exactly five gluster calls whatever the number of
 * volumes ({@code --version}, {@code volume info} of all volumes, {@code snapshot info} of all
 * snapshots, {@code pool list} of all peers, {@code volume status all} of all bricks). A cluster
 * that cannot be read is reported with its error; the others are still read.
 */
public final class Refresher {

  /** Calls per cluster per refresh (a benchmark checks it does not grow). */
  public static final int CALLS_PER_CLUSTER = 5;

  /** One cluster's outcome. */
  public sealed interface Outcome {
    record Read(ObservedCluster cluster) implements Outcome {}

    record Failed(GlusterException error) implements Outcome {}
  }

  private Refresher() {}

  /**
   * Where gluster reads its own certificate: Debian's build reads {@code /usr/lib/ssl}, others
   * {@code /etc/ssl} (CLI reference §8.1); one {@code cat} of both gives whichever exist.
   */
  static final List<String> CERTIFICATE_ARGV =
      List.of("cat", "/usr/lib/ssl/glusterfs.pem", "/etc/ssl/glusterfs.pem");

  public static ObservedCluster refresh(GlusterClient client) throws GlusterException {
    return refresh(client, false);
  }

  /**
   * @param readCertificates also read the CNs of the host's own gluster certificates (one more
   *     call), for a cluster whose file does not declare its infrastructure CNs
   */
  public static ObservedCluster refresh(GlusterClient client, boolean readCertificates)
      throws GlusterException {
    GlusterVersion version = client.version();
    List<Volume> volumes = client.volumes();
    GlusterClient.SnapshotListing snapshots = client.snapshots();
    List<Peer> peers = named(client.peers(), volumes, client.runner().host());
    List<BrickState> bricks = client.brickStates();
    return new ObservedCluster(
        client.cluster(),
        client.runner().host(),
        version,
        volumes,
        snapshots.snapshots(),
        snapshots.unavailable(),
        readCertificates ? certificateCns(client) : List.of(),
        peers,
        bricks);
  }

  /**
   * {@code pool list} calls the server it runs on {@code localhost}: it is named as its bricks name
   * it, else as the host the commands run on, so that messages name a server one can find.
   */
  static List<Peer> named(List<Peer> peers, List<Volume> volumes, String commandHost) {
    List<Peer> out = new ArrayList<>();
    for (Peer p : peers) {
      if (!p.local()) {
        out.add(p);
        continue;
      }
      String name =
          volumes.stream()
              .flatMap(v -> v.bricks().stream())
              .filter(b -> b.peerUuid().equals(p.uuid()) && !b.host().isEmpty())
              .map(Brick::host)
              .findFirst()
              .orElse(commandHost);
      out.add(new Peer(p.uuid(), name, p.connected(), true));
    }
    return List.copyOf(out);
  }

  /** The subject CNs of the certificates found; a missing file is simply not there. */
  static List<String> certificateCns(GlusterClient client) throws GlusterException {
    ProcessResult r = client.host(CERTIFICATE_ARGV, Optional.empty(), Duration.ofSeconds(60));
    Set<String> cns = new LinkedHashSet<>();
    for (X509Certificate c :
        PemCertificate.parseAll(r.stdout().getBytes(StandardCharsets.US_ASCII))) {
      PemCertificate.commonName(c.getSubjectX500Principal()).ifPresent(cns::add);
    }
    return List.copyOf(cns);
  }

  /** Waiting on networks: one thread per cluster (up to 64); burning CPU: one per core. */
  static int threads(Map<String, GlusterClient> clients) {
    boolean cpu = clients.values().stream().allMatch(c -> c.runner().cpuBound());
    int limit = cpu ? Runtime.getRuntime().availableProcessors() : 64;
    return Math.max(1, Math.min(clients.size(), limit));
  }

  /** Refreshes the clusters in parallel; the map keeps the order it was given. */
  public static Map<String, Outcome> refreshAll(Map<String, GlusterClient> clients) {
    return refreshAll(clients, Set.of());
  }

  /** The same; the clusters named in {@code readCertificates} also have their CNs read. */
  public static Map<String, Outcome> refreshAll(
      Map<String, GlusterClient> clients, Set<String> readCertificates) {
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    if (clients.isEmpty()) {
      return outcomes;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads(clients),
            r -> {
              Thread t = new Thread(r, "gluster-shares-refresh");
              t.setDaemon(true);
              return t;
            });
    try {
      Map<String, Future<ObservedCluster>> futures = new LinkedHashMap<>();
      clients.forEach(
          (name, client) ->
              futures.put(
                  name, pool.submit(() -> refresh(client, readCertificates.contains(name)))));
      for (Map.Entry<String, Future<ObservedCluster>> entry : futures.entrySet()) {
        try {
          outcomes.put(entry.getKey(), new Outcome.Read(entry.getValue().get()));
        } catch (ExecutionException e) {
          if (e.getCause() instanceof GlusterException g) {
            outcomes.put(entry.getKey(), new Outcome.Failed(g));
          } else if (e.getCause() instanceof RuntimeException r) {
            throw r;
          } else {
            throw new IllegalStateException(e.getCause());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while reading the clusters", e);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return outcomes;
  }
}

package io.glustershares.gluster;

import io.glustershares.model.GlusterVersion;
import io.glustershares.model.ObservedCluster;
import io.glustershares.model.Volume;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads every cluster, all at once: per cluster exactly three gluster calls whatever the number of
 * volumes ({@code --version}, {@code volume info} of all volumes, {@code snapshot info} of all
 * snapshots). A cluster that cannot be read is reported with its error; the others are still read.
 */
public final class Refresher {

  /** Calls per cluster per refresh (a benchmark checks it does not grow). */
  public static final int CALLS_PER_CLUSTER = 3;

  /** One cluster's outcome. */
  public sealed interface Outcome {
    record Read(ObservedCluster cluster) implements Outcome {}

    record Failed(GlusterException error) implements Outcome {}
  }

  private Refresher() {}

  public static ObservedCluster refresh(GlusterClient client) throws GlusterException {
    GlusterVersion version = client.version();
    List<Volume> volumes = client.volumes();
    GlusterClient.SnapshotListing snapshots = client.snapshots();
    return new ObservedCluster(
        client.cluster(),
        client.runner().host(),
        version,
        volumes,
        snapshots.snapshots(),
        snapshots.unavailable());
  }

  /** Waiting on networks: one thread per cluster (up to 64); burning CPU: one per core. */
  static int threads(Map<String, GlusterClient> clients) {
    boolean cpu = clients.values().stream().allMatch(c -> c.runner().cpuBound());
    int limit = cpu ? Runtime.getRuntime().availableProcessors() : 64;
    return Math.max(1, Math.min(clients.size(), limit));
  }

  /** Refreshes the clusters in parallel; the map keeps the order it was given. */
  public static Map<String, Outcome> refreshAll(Map<String, GlusterClient> clients) {
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
      clients.forEach((name, client) -> futures.put(name, pool.submit(() -> refresh(client))));
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

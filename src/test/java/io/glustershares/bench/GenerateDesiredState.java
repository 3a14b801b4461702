package io.glustershares.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a large desired-state file over simulated clusters, for benchmarks:
 *
 * <pre>
 * GenerateDesiredState DIR SHARES CLUSTERS [ACCESS_PER_SHARE] [SNAPSHOTS_PER_SHARE]
 * </pre>
 *
 * Produces {@code DIR/gluster-shares.yaml} and one simulator pool {@code DIR/pool-N.yaml} per
 * cluster, each with enough free 1 GB to 10 GB volumes for its share of the shares.
 */
public final class GenerateDesiredState {

  private GenerateDesiredState() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: GenerateDesiredState DIR SHARES CLUSTERS [ACCESS] [SNAPSHOTS]");
      System.exit(3);
    }
    Path dir = Path.of(args[0]);
    int shares = Integer.parseInt(args[1]);
    int clusters = Integer.parseInt(args[2]);
    int access = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    int snapshots = args.length > 4 ? Integer.parseInt(args[4]) : 2;
    write(dir, shares, clusters, access, snapshots);
  }

  public static void write(Path dir, int shares, int clusters, int access, int snapshots)
      throws IOException {
    Files.createDirectories(dir);
    int perCluster = (shares + clusters - 1) / clusters;
    for (int c = 0; c < clusters; c++) {
      try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("pool-" + c + ".yaml"))) {
        w.write("host: gluster-bench-" + c + "\nversion: \"10.3\"\nthinBricks: true\n");
        // Sizes 1..10 GB; a little more than needed, so that every share fits.
        int each = perCluster / 10 + 2;
        w.write("generate:\n  - { name: \"pool-{size}G-{n}\", sizes: {");
        for (int size = 1; size <= 10; size++) {
          w.write((size > 1 ? ", " : " ") + size + ": " + each);
        }
        w.write(" }, ready: true }\n");
      }
    }
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("gluster-shares.yaml"))) {
      w.write("apiVersion: gluster-shares/v1\nstack: bench\n");
      w.write("volumePattern: 'pool-#{size}G-\\d+$'\nclusters:\n");
      for (int c = 0; c < clusters; c++) {
        w.write(
            "  c"
                + c
                + ":\n    server: sim:pool-"
                + c
                + ".yaml\n    infrastructureCns: [glusterfs-server-1, manila-host]\n");
      }
      w.write("shares:\n");
      for (int s = 0; s < shares; s++) {
        w.write("  - name: share-" + s + "\n");
        // Every cluster gets every size: share s goes to cluster s % clusters.
        w.write("    size: " + (1 + (s / clusters) % 10) + "\n");
        w.write("    cluster: c" + (s % clusters) + "\n");
        if (access > 0) {
          w.write("    access:\n");
          for (int a = 0; a < access; a++) {
            w.write("      - cn: tenant-" + s + "-" + a + "\n");
          }
        }
        if (snapshots > 0) {
          w.write("    snapshots:\n");
          for (int n = 0; n < snapshots; n++) {
            w.write("      - name: snap-" + n + "\n");
          }
        }
      }
    }
  }
}

package io.glustershares.gluster;

import io.glustershares.model.Brick;
import io.glustershares.model.HostFacts;
import io.glustershares.model.ObservedCluster;
import io.glustershares.model.Printable;
import io.glustershares.model.Volume;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the facts {@code doctor} judges, on the host that runs a cluster's gluster commands: the
 * TLS files (private keys are never read, only checked for presence and mode), which path the
 * installed gluster was built to read them from, and whether the bricks are on thin LVM. Every
 * command is an argv; bricks are checked in one {@code df} and one {@code lvs}, whatever their
 * number.
 */
public final class HostProbe {

  public static final String ETC = "/etc/ssl/glusterfs.";
  public static final String USR_LIB = "/usr/lib/ssl/glusterfs.";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** More than any certificate file holds: a server's reply is read no further. */
  public static final int MAX_TLS_BYTES = 64 * 1024;

  /** Where gluster's NFS server lives, under a library directory. */
  public static final String NFS_XLATOR = "*/glusterfs/*/xlator/nfs/server.so";

  private HostProbe() {}

  public static HostFacts probe(GlusterClient client, ObservedCluster cluster)
      throws GlusterException {
    // What a server says is not trusted: a name that is no host name is escaped and shortened.
    String hostname = run(client, List.of("hostname")).stdout().strip();
    hostname = PoolPeers.isHostName(hostname) ? hostname : Printable.value(hostname);
    boolean usrLib = readsUsrLibSsl(client);
    Map<String, HostFacts.FileFact> files = new LinkedHashMap<>();
    List<String> prefixes = new ArrayList<>(List.of(ETC));
    if (usrLib) {
      prefixes.add(USR_LIB);
    }
    for (String prefix : prefixes) {
      for (String ext : List.of("pem", "ca")) {
        ProcessResult r =
            run(client, List.of("head", "-c", String.valueOf(MAX_TLS_BYTES), prefix + ext));
        files.put(
            prefix + ext,
            r.exitCode() == 0
                ? new HostFacts.FileFact(true, Optional.empty(), Optional.of(r.stdout()))
                : failed(r));
      }
      ProcessResult key = run(client, List.of("stat", "-L", "-c", "%a", prefix + "key"));
      files.put(
          prefix + "key",
          key.exitCode() == 0
              ? new HostFacts.FileFact(true, Optional.of(key.stdout().strip()), Optional.empty())
              : failed(key));
    }
    Set<String> bricks = new TreeSet<>();
    for (Volume v : cluster.volumes()) {
      for (Brick brick : v.bricks()) {
        if (brick.host().equals(hostname) || brick.host().equals(client.runner().host())) {
          bricks.add(brick.path());
        }
      }
    }
    Map<String, String> devices = new LinkedHashMap<>();
    if (!bricks.isEmpty()) {
      List<String> argv = new ArrayList<>(List.of("df", "--output=source"));
      argv.addAll(bricks);
      ProcessResult df = run(client, argv);
      List<String> lines = df.stdout().strip().lines().skip(1).toList();
      int i = 0;
      for (String brick : bricks) {
        if (i < lines.size()) {
          devices.put(brick, lines.get(i++).strip());
        }
      }
    }
    ProcessResult lvs = run(client, List.of("lvs", "--noheadings", "-o", "lv_dm_path,segtype"));
    Set<String> thin = new HashSet<>();
    for (String line : lvs.stdout().lines().toList()) {
      String[] parts = line.strip().split("\\s+");
      if (parts.length == 2 && parts[1].equals("thin")) {
        thin.add(parts[0]);
      }
    }
    return new HostFacts(
        hostname, files, usrLib, devices, thin, lvs.exitCode() == 0, hasNfsServer(client));
  }

  /**
   * A file whose read failed: missing only when the tool says so ({@code head} and {@code stat}
   * print "No such file or directory"); any other failure (permission denied, a directory, a failed
   * connection) leaves it unknown, which doctor reports as not checked.
   */
  static HostFacts.FileFact failed(ProcessResult r) {
    String error = r.stderr().strip();
    if (error.contains("No such file or directory")) {
      return HostFacts.FileFact.ABSENT;
    }
    int colon = error.lastIndexOf(": ");
    String why = colon >= 0 ? error.substring(colon + 2) : error;
    why = why.lines().findFirst().orElse("").strip();
    return HostFacts.FileFact.unreadable(
        why.isEmpty() ? "exit " + r.exitCode() : Printable.value(why));
  }

  /**
   * gluster's NFS server is the nfs xlator ({@code .../glusterfs/VERSION/xlator/nfs/server.so});
   * builds without it (Debian's 10.3) export nothing over gluster NFS, whatever the options say.
   */
  private static boolean hasNfsServer(GlusterClient client) throws GlusterException {
    ProcessResult found =
        run(
            client,
            List.of("find", "/usr/lib", "/usr/lib64", "-path", NFS_XLATOR, "-print", "-quit"));
    return found.stdout().lines().anyMatch(l -> !l.isBlank());
  }

  /** Debian's socket.so has /usr/lib/ssl/glusterfs.pem compiled in (CLI reference §8.1). */
  private static boolean readsUsrLibSsl(GlusterClient client) throws GlusterException {
    ProcessResult found =
        run(
            client,
            List.of("find", "/usr/lib", "/usr/lib64", "-path", "*/rpc-transport/socket.so"));
    for (String so : found.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
      ProcessResult grep = run(client, List.of("grep", "-c", "-a", "-F", USR_LIB + "pem", so));
      if (grep.exitCode() == 0 && !grep.stdout().strip().equals("0")) {
        return true;
      }
    }
    return false;
  }

  private static ProcessResult run(GlusterClient client, List<String> argv)
      throws GlusterException {
    return client.host(argv, Optional.empty(), TIMEOUT);
  }
}

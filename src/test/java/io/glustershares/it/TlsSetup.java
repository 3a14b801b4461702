package io.glustershares.it;

import io.glustershares.gluster.LocalRunner;
import io.glustershares.gluster.ProcessResult;
import io.glustershares.gluster.RunnerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A throwaway CA and certificates for the real-gluster tests (server {@code glusterfs-server-1},
 * managing host {@code manila-host}, tenants {@code tenant-a}, {@code tenant-b}), installed where
 * gluster reads them: {@code /etc/ssl/glusterfs.{pem,key,ca}}, and on builds compiled to read
 * {@code /usr/lib/ssl/glusterfs.*} (Debian's), symlinks there. Made once per machine and reused.
 */
public final class TlsSetup {

  public static final Path DIR = Path.of("/var/lib/gluster-shares-it/tls");
  public static final List<String> CNS =
      List.of("glusterfs-server-1", "manila-host", "tenant-a", "tenant-b");

  private static final LocalRunner SHELL = new LocalRunner("localhost");

  private TlsSetup() {}

  public static synchronized void ensure() throws Exception {
    Files.createDirectories(DIR);
    if (!Files.exists(DIR.resolve("ca.pem"))) {
      openssl(
          "req",
          "-x509",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-days",
          "30",
          "-subj",
          "/CN=gluster-shares-test-ca",
          "-keyout",
          DIR.resolve("ca.key").toString(),
          "-out",
          DIR.resolve("ca.pem").toString());
    }
    for (String cn : CNS) {
      issue(cn, DIR.resolve("ca"));
    }
    install("pem", cert("glusterfs-server-1"), "644");
    install("key", key("glusterfs-server-1"), "600");
    install("ca", DIR.resolve("ca.pem"), "644");
    if (readsUsrLibSsl()) {
      for (String ext : List.of("pem", "key", "ca")) {
        run("ln", "-sfn", "/etc/ssl/glusterfs." + ext, "/usr/lib/ssl/glusterfs." + ext);
      }
    }
  }

  /** A certificate of {@code cn} signed by the CA at {@code caPrefix}.pem/.key, made once. */
  static void issue(String cn, Path caPrefix) throws Exception {
    if (Files.exists(DIR.resolve(cn + ".pem"))) {
      return;
    }
    Path csr = DIR.resolve(cn + ".csr");
    openssl(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=" + cn,
        "-keyout",
        key(cn).toString(),
        "-out",
        csr.toString());
    openssl(
        "x509",
        "-req",
        "-days",
        "30",
        "-in",
        csr.toString(),
        "-CA",
        caPrefix + ".pem",
        "-CAkey",
        caPrefix + ".key",
        "-CAcreateserial",
        "-out",
        cert(cn).toString());
    Files.deleteIfExists(csr);
    run("chmod", "600", key(cn).toString());
  }

  public static Path cert(String cn) {
    return DIR.resolve(cn + ".pem");
  }

  public static Path key(String cn) {
    return DIR.resolve(cn + ".key");
  }

  public static Path ca() {
    return DIR.resolve("ca.pem");
  }

  private static void install(String ext, Path from, String mode) throws Exception {
    run("install", "-m", mode, from.toString(), "/etc/ssl/glusterfs." + ext);
  }

  /** Debian's socket.so has /usr/lib/ssl/glusterfs.pem compiled in (CLI reference §8.1). */
  private static boolean readsUsrLibSsl() throws IOException {
    for (String dir :
        List.of(
            "/usr/lib/x86_64-linux-gnu/glusterfs",
            "/usr/lib/aarch64-linux-gnu/glusterfs",
            "/usr/lib/glusterfs",
            "/usr/lib64/glusterfs")) {
      Path root = Path.of(dir);
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (var files = Files.walk(root)) {
        for (Path so : files.filter(p -> p.getFileName().toString().equals("socket.so")).toList()) {
          if (new String(Files.readAllBytes(so), java.nio.charset.StandardCharsets.ISO_8859_1)
              .contains("/usr/lib/ssl/glusterfs.pem")) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * Mounts {@code volume} as {@code cn} (its certificate and key, our CA) with the FUSE client.
   * glusterfs exits 0 before it authenticates, so the mount counts only once its root inode is 1
   * (CLI reference §8.2); a refused client unmounts itself.
   *
   * @return whether the mount is usable; when not, nothing stays mounted
   */
  public static boolean mountAs(String cn, String host, String volume, Path mountPoint)
      throws Exception {
    Files.createDirectories(mountPoint);
    Path log = DIR.resolve("mount-" + cn + "-" + volume + ".log");
    ProcessResult started =
        SHELL.run(
            List.of(
                "glusterfs",
                "--volfile-server=" + host,
                "--volfile-id=" + volume,
                "--log-file=" + log,
                "--xlator-option=*-client-*.transport.socket.ssl-own-cert=" + cert(cn),
                "--xlator-option=*-client-*.transport.socket.ssl-private-key=" + key(cn),
                "--xlator-option=*-client-*.transport.socket.ssl-ca-list=" + ca(),
                mountPoint.toString()),
            Duration.ofSeconds(30));
    if (started.exitCode() != 0) {
      return false;
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      if (!mounted(mountPoint)) {
        return false;
      }
      ProcessResult stat =
          SHELL.run(List.of("stat", "-c", "%i", mountPoint.toString()), Duration.ofSeconds(10));
      if (stat.exitCode() == 0 && stat.stdout().strip().equals("1")) {
        return true;
      }
      Thread.sleep(200);
    }
    unmount(mountPoint);
    return false;
  }

  public static boolean mounted(Path mountPoint) throws IOException {
    return Files.readString(Path.of("/proc/mounts"))
        .contains(" " + mountPoint + " fuse.glusterfs ");
  }

  public static void unmount(Path mountPoint) throws RunnerException {
    SHELL.run(List.of("umount", "-l", mountPoint.toString()), Duration.ofSeconds(30));
  }

  private static void openssl(String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of("openssl"));
    argv.addAll(List.of(args));
    ProcessResult r = SHELL.run(argv, Duration.ofSeconds(60));
    if (r.exitCode() != 0) {
      throw new IllegalStateException("openssl failed: " + r.stderr());
    }
  }

  private static void run(String... argv) throws Exception {
    ProcessResult r = SHELL.run(List.of(argv), Duration.ofSeconds(60));
    if (r.exitCode() != 0) {
      throw new IllegalStateException(String.join(" ", argv) + ": " + r.stderr());
    }
  }
}

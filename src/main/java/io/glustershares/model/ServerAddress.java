package io.glustershares.model;

import java.nio.file.Path;
import java.util.Optional;

/** Where a cluster's gluster commands run: over SSH, on this host, or in the simulator. */
public sealed interface ServerAddress {

  /** The server as written in the file. */
  String written();

  /** {@code user@host}: gluster over SSH. */
  record Ssh(String user, String host) implements ServerAddress {
    @Override
    public String written() {
      return user + "@" + host;
    }
  }

  /** {@code host} without a user: the local gluster CLI; this host is a cluster member. */
  record Local(String host) implements ServerAddress {
    @Override
    public String written() {
      return host;
    }
  }

  /** {@code sim:FILE}: the built-in simulator, seeded from FILE (resolved against the file). */
  record Sim(String file, Path resolved) implements ServerAddress {
    /** A pool file bigger than this is not a pool description (generated pools stay small). */
    public static final long MAX_POOL_BYTES = 1024 * 1024;

    @Override
    public String written() {
      return "sim:" + file;
    }
  }

  /** Parses the {@code server} field; the schema has checked its shape already. */
  static ServerAddress parse(String server, Path baseDir) {
    if (server.startsWith("sim:")) {
      String file = server.substring(4);
      return new Sim(file, baseDir.resolve(file).normalize());
    }
    int at = server.indexOf('@');
    if (at >= 0) {
      return new Ssh(server.substring(0, at), server.substring(at + 1));
    }
    return new Local(server);
  }

  /** The host name for export locations, where the file names one (not for the simulator). */
  default Optional<String> namedHost() {
    if (this instanceof Ssh ssh) {
      return Optional.of(ssh.host());
    }
    if (this instanceof Local local) {
      return Optional.of(local.host());
    }
    if (this instanceof Sim) {
      return Optional.empty();
    }
    throw new IllegalStateException("unknown server address " + this);
  }
}

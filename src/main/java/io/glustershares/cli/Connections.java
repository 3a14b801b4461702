package io.glustershares.cli;

import io.glustershares.gluster.CallLog;
import io.glustershares.gluster.ClusterReader;
import io.glustershares.gluster.GlusterClient;
import io.glustershares.gluster.LocalRunner;
import io.glustershares.gluster.Refresher;
import io.glustershares.gluster.Retry;
import io.glustershares.gluster.Runner;
import io.glustershares.gluster.SshRunner;
import io.glustershares.model.ClusterSpec;
import io.glustershares.model.DesiredState;
import io.glustershares.model.ObservedCluster;
import io.glustershares.model.ServerAddress;
import io.glustershares.model.SshSettings;
import io.glustershares.sim.SimFaults;
import io.glustershares.sim.SimRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One gluster client per cluster of the file, over the runner its {@code server} names. SSH
 * connections open on first use and stay open for the run. Every command reads through {@link
 * #readers()}, which can run no mutating command; only {@code apply} asks for {@link #executors()}
 * ({@code ArchitectureTest} checks that nothing else does).
 */
final class Connections implements AutoCloseable {

  /** Overrides every simulated cluster's latency (benchmarks). */
  static final String SIM_LATENCY_VARIABLE = "GLUSTER_SHARES_SIM_LATENCY_MS";

  private final Map<String, GlusterClient> clients = new LinkedHashMap<>();

  /** The same clients, each behind a reader. */
  private final Map<String, ClusterReader> readers = new LinkedHashMap<>();

  /** Clusters whose file declares no infrastructure CNs: their host's certificate says them. */
  private final Set<String> readCertificates = new HashSet<>();

  private final NodeTour.PeerReaders peers;

  private Connections(NodeTour.PeerReaders peers) {
    this.peers = peers;
  }

  static Connections open(DesiredState desired, Environment environment, Retry retry) {
    return open(desired, environment, retry, CallLog.NONE);
  }

  /** Every cluster, each call told to {@code log} ({@code -v}). */
  static Connections open(DesiredState desired, Environment environment, Retry retry, CallLog log) {
    return open(desired, environment, retry, desired.clusters().keySet(), log);
  }

  /** Only the named clusters. */
  static Connections open(
      DesiredState desired, Environment environment, Retry retry, Set<String> only, CallLog log) {
    Connections connections = new Connections(peers(environment, retry, log));
    SimFaults faults = SimFaults.parse(environment.variable(SimFaults.VARIABLE).orElse(""));
    OptionalInt latency =
        environment
            .variable(SIM_LATENCY_VARIABLE)
            .map(v -> OptionalInt.of(Integer.parseInt(v.strip())))
            .orElse(OptionalInt.empty());
    Path state = simulatorState(desired, environment.workDir());
    for (ClusterSpec spec : desired.clusters().values()) {
      if (!only.contains(spec.name())) {
        continue;
      }
      Runner runner = runner(spec, environment, faults, latency, state);
      if (spec.infrastructureCns().isEmpty()) {
        connections.readCertificates.add(spec.name());
      }
      GlusterClient client = new GlusterClient(spec.name(), runner, spec.timeout(), retry, log);
      connections.clients.put(spec.name(), client);
      connections.readers.put(spec.name(), ClusterReader.of(client));
    }
    return connections;
  }

  /**
   * Where simulated clusters keep their state: {@code .gluster-shares/} beside the desired-state
   * file, so that the same estate is seen from whichever directory a command runs in.
   */
  static Path simulatorState(DesiredState desired, Path workDir) {
    Path parent = workDir.resolve(desired.source()).getParent();
    return (parent != null && Files.isDirectory(parent) ? parent : workDir)
        .resolve(".gluster-shares");
  }

  private static Runner runner(
      ClusterSpec spec,
      Environment environment,
      SimFaults faults,
      OptionalInt latency,
      Path state) {
    ServerAddress server = spec.server();
    if (server instanceof ServerAddress.Sim sim) {
      Path workDir = environment.workDir();
      return new SimRunner(
          spec.name(),
          workDir.resolve(sim.resolved()),
          state,
          faults,
          () -> ZonedDateTime.now(environment.clock()),
          latency);
    }
    if (server instanceof ServerAddress.Ssh ssh) {
      return sshRunner(spec, ssh.user(), ssh.host(), environment);
    }
    if (server instanceof ServerAddress.Local local) {
      return new LocalRunner(local.host());
    }
    throw new IllegalStateException("unknown server address " + server);
  }

  /**
   * Readers of a cluster's other servers, logging in as {@link #sshRunner} does, with the command's
   * retry budget and call log (doctor's and audit's visits of every peer).
   */
  static NodeTour.PeerReaders peers(Environment environment, Retry retry, CallLog log) {
    return (spec, user, host) ->
        ClusterReader.of(
            new GlusterClient(
                spec.name(), sshRunner(spec, user, host, environment), spec.timeout(), retry, log));
  }

  /** Readers of the other servers of this command's clusters. */
  NodeTour.PeerReaders peers() {
    return peers;
  }

  /**
   * A runner logging into {@code host} as the cluster's {@code server} does: the same user, port,
   * key or password and known_hosts policy. doctor reaches the cluster's other servers with it.
   */
  static SshRunner sshRunner(ClusterSpec spec, String user, String host, Environment environment) {
    SshSettings settings = spec.ssh();
    Optional<String> password =
        secret(spec, settings.passwordEnv(), "ssh.passwordEnv", environment);
    Optional<String> passphrase =
        secret(spec, settings.passphraseEnv(), "ssh.passphraseEnv", environment);
    return new SshRunner(
        new SshRunner.Target(
            spec.name(),
            user,
            host,
            settings.port(),
            expand(settings.knownHosts().orElse("~/.ssh/known_hosts"), environment),
            settings.acceptNewHostKey(),
            settings.identityFile().map(f -> expand(f, environment)),
            password,
            passphrase));
  }

  /** The value of the variable a field names; a named variable that is not set is an error. */
  private static Optional<String> secret(
      ClusterSpec spec, Optional<String> variable, String field, Environment environment) {
    Optional<String> value = variable.flatMap(environment::variable);
    if (variable.isPresent() && value.isEmpty()) {
      throw new UserError(
          ExitCode.GLUSTER_ERROR,
          "cluster '"
              + spec.name()
              + "': the environment variable "
              + variable.get()
              + " ("
              + field
              + ") is not set");
    }
    return value;
  }

  static Path expand(String path, Environment environment) {
    if (path.equals("~") || path.startsWith("~/")) {
      String home = environment.variable("HOME").orElse(System.getProperty("user.home"));
      return Path.of(home + path.substring(1));
    }
    return environment.workDir().resolve(path);
  }

  /** The clusters, for reading only. */
  Map<String, ClusterReader> readers() {
    return readers;
  }

  /** The clients that can run any command: apply's, and only apply's. */
  Map<String, GlusterClient> executors() {
    return clients;
  }

  /** Reads every cluster; failures are collected, not thrown. */
  record Observation(Map<String, ObservedCluster> observed, Map<String, String> errors) {
    boolean complete() {
      return errors.isEmpty();
    }
  }

  Observation refresh() {
    Map<String, ObservedCluster> observed = new LinkedHashMap<>();
    Map<String, String> errors = new LinkedHashMap<>();
    ClusterReader.refreshAll(readers, readCertificates)
        .forEach(
            (name, outcome) -> {
              if (outcome instanceof Refresher.Outcome.Read read) {
                observed.put(name, read.cluster());
              } else if (outcome instanceof Refresher.Outcome.Failed failed) {
                errors.put(name, failed.error().getMessage());
              } else {
                throw new IllegalStateException("unknown refresh outcome " + outcome);
              }
            });
    return new Observation(observed, errors);
  }

  @Override
  public void close() {
    clients.values().forEach(GlusterClient::close);
  }
}

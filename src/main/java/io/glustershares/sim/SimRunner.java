package io.glustershares.sim;

import io.glustershares.gluster.ProcessResult;
import io.glustershares.gluster.Runner;
import io.glustershares.gluster.RunnerException;
import io.glustershares.gluster.ShellQuote;
import io.glustershares.model.ServerAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * A simulated cluster behind the {@link Runner} interface. Its state lives in {@code
 * STATEDIR/CLUSTER.json} (seeded from the pool file on first use) and the journal {@link
 * SimJournal} appends each change to, folded into the snapshot once per process (on {@link
 * #close}); every call is appended to {@code STATEDIR/CLUSTER.calls}, and calls from several
 * processes are serialised by a lock file, as glusterd serialises transactions.
 */
public final class SimRunner implements Runner {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String cluster;
  private final Path poolFile;
  private final Path stateDir;
  private final SimFaults faults;
  private final Supplier<ZonedDateTime> clock;
  private final OptionalInt latencyOverride;
  private int calls;
  private final Map<String, Integer> commandCalls = new HashMap<>();
  private SimState cached;
  private FileTime cachedTime;
  private long cachedSize = -1;
  private final SimJournal journal;

  /**
   * @param poolFile the {@code sim:FILE}, resolved
   * @param stateDir {@code .gluster-shares/} of the working directory
   * @param latencyOverride replaces the pool file's {@code latencyMs} (benchmarks), if given
   */
  public SimRunner(
      String cluster,
      Path poolFile,
      Path stateDir,
      SimFaults faults,
      Supplier<ZonedDateTime> clock,
      OptionalInt latencyOverride) {
    this.cluster = cluster;
    this.poolFile = poolFile;
    this.stateDir = stateDir;
    this.faults = faults;
    this.clock = clock;
    this.latencyOverride = latencyOverride;
    this.journal = new SimJournal(stateDir.resolve(cluster + ".journal"));
  }

  public Path statePath() {
    return stateDir.resolve(cluster + ".json");
  }

  public Path callsPath() {
    return stateDir.resolve(cluster + ".calls");
  }

  @Override
  public ProcessResult run(List<String> argv, Duration timeout) throws RunnerException {
    long start = System.nanoTime();
    int call;
    synchronized (this) {
      call = ++calls;
    }
    int latency = latencyOverride.orElseGet(() -> current().latencyMs);
    if (latency > 0) {
      try {
        Thread.sleep(latency);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RunnerException(RunnerException.Kind.TIMEOUT, "interrupted", e);
      }
    }
    ProcessResult result;
    synchronized (this) {
      try {
        Files.createDirectories(stateDir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create " + stateDir, e);
      }
      try (FileChannel lockFile = lockFile()) {
        lockFile.lock(); // held until the channel closes, however this block ends
        SimState state = load();
        result = inject(call, argv);
        if (result == null) {
          ZonedDateTime now = clock.get();
          SimAnswer answer = new GlusterSimulator(state, () -> now).answer(argv);
          if (answer.changed()) {
            journal.append(state, SimJournal.Entry.call(now, argv));
          }
          result = answer.result();
        }
        boolean down = fault(call, SimFaults.Kind.PEER_DOWN);
        boolean up = fault(call, SimFaults.Kind.PEER_UP);
        if (SimJournal.peers(state, down, up)) {
          journal.append(state, SimJournal.Entry.peers(down, up));
        }
        Files.writeString(
            callsPath(),
            ShellQuote.readable(argv) + "\n",
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException("simulator state of cluster '" + cluster + "'", e);
      }
    }
    OptionalInt die = faults.call(cluster, SimFaults.Kind.DIE);
    if (die.isPresent() && die.getAsInt() == call) {
      // The journal already holds call N; folding it in leaves the state file readable alone.
      close();
      // As a kill -9 would: no finally blocks, no shutdown hooks, no lock release.
      Runtime.getRuntime().halt(137);
    }
    return new ProcessResult(
        result.exitCode(),
        result.stdout(),
        result.stderr(),
        Duration.ofNanos(System.nanoTime() - start));
  }

  private ProcessResult inject(int call, List<String> argv) {
    ProcessResult host = injectHost(argv);
    if (host != null) {
      return host;
    }
    boolean xml = argv.contains("--xml");
    OptionalInt fail = faults.call(cluster, SimFaults.Kind.FAIL);
    if (fail.isPresent() && fail.getAsInt() == call) {
      if (xml) {
        return new ProcessResult(
            0, SimXml.error(30800, "simulated failure of call " + call).end(), "", Duration.ZERO);
      }
      return new ProcessResult(1, "", "simulated failure of call " + call + "\n", Duration.ZERO);
    }
    if (faults.covers(cluster, SimFaults.Kind.TRANSIENT, call) && xml) {
      String volume = argv.size() > 4 ? argv.get(argv.size() - 1) : "the cluster";
      return new ProcessResult(
          0,
          SimXml.error(
                  30802,
                  "Another transaction is in progress for "
                      + volume
                      + ". Please try again after some time.")
              .end(),
          "",
          Duration.ZERO);
    }
    return null;
  }

  private boolean fault(int call, SimFaults.Kind kind) {
    OptionalInt n = faults.call(cluster, kind);
    return n.isPresent() && n.getAsInt() == call;
  }

  /** The wipe's host faults: the state is left as it was, as the failed command left it. */
  private ProcessResult injectHost(List<String> argv) {
    if (argv.isEmpty()) {
      return null;
    }
    String command = argv.get(0);
    SimFaults.Kind kind =
        switch (command) {
          case "mount" -> SimFaults.Kind.MOUNT_SILENT;
          case "umount" -> SimFaults.Kind.UMOUNT_BUSY;
          case "rmdir" -> SimFaults.Kind.RMDIR_BUSY;
          default -> null;
        };
    if (kind == null) {
      return null;
    }
    int nth = commandCalls.merge(command, 1, Integer::sum);
    OptionalInt fault = faults.call(cluster, kind);
    if (fault.isEmpty() || fault.getAsInt() != nth) {
      return null;
    }
    String path = argv.get(argv.size() - 1);
    return switch (kind) {
      case MOUNT_SILENT -> new ProcessResult(0, "", "", Duration.ZERO);
      case UMOUNT_BUSY ->
          new ProcessResult(32, "", "umount: " + path + ": target is busy.\n", Duration.ZERO);
      default ->
          new ProcessResult(
              1,
              "",
              "rmdir: failed to remove '" + path + "': Device or resource busy\n",
              Duration.ZERO);
    };
  }

  /** The state, for reading outside a call (tests, host name). */
  public synchronized SimState current() {
    try {
      return load();
    } catch (IOException e) {
      throw new UncheckedIOException("simulator state of cluster '" + cluster + "'", e);
    }
  }

  private SimState load() throws IOException {
    Path file = statePath();
    if (!Files.exists(file)) {
      Files.createDirectories(stateDir);
      String text =
          SimFiles.read(poolFile, ServerAddress.Sim.MAX_POOL_BYTES, "simulator file " + poolFile);
      SimState seeded =
          SimPool.seed(
              poolFile.toString(),
              text,
              poolFile.getParent() == null ? Path.of(".") : poolFile.getParent());
      save(seeded);
      return seeded;
    }
    FileTime time = Files.getLastModifiedTime(file);
    long size = Files.size(file);
    if (cached == null || !time.equals(cachedTime) || size != cachedSize) {
      try {
        cached = JSON.readValue(file.toFile(), SimState.class);
        journal.reset();
      } catch (tools.jackson.core.JacksonException e) {
        throw new SimException(
            "simulator state "
                + file
                + " is damaged ("
                + e.getOriginalMessage()
                + "); delete it to start the simulation again");
      }
      cachedTime = time;
      cachedSize = size;
    }
    journal.catchUp(cached);
    return cached;
  }

  /** Writes the whole state as the snapshot of a new journal generation, then drops the journal. */
  private void save(SimState state) throws IOException {
    Files.createDirectories(stateDir);
    state.journalGeneration++;
    Path file = statePath();
    Path tmp = stateDir.resolve(cluster + ".json.tmp");
    JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), state);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    cached = state;
    cachedTime = Files.getLastModifiedTime(file);
    cachedSize = Files.size(file);
    journal.drop();
  }

  @Override
  public String describe() {
    return "simulator " + poolFile.getFileName();
  }

  @Override
  public String host() {
    return current().host;
  }

  @Override
  public boolean cpuBound() {
    return latencyOverride.orElseGet(() -> current().latencyMs) == 0;
  }

  @Override
  public String lockKey() {
    return "sim-" + statePath().toAbsolutePath().normalize();
  }

  /** The cluster's lock file, which every process sharing the state locks before it reads it. */
  private FileChannel lockFile() throws IOException {
    return FileChannel.open(
        stateDir.resolve(cluster + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  /** Folds the journal, if this process wrote one, into the state file. */
  @Override
  public synchronized void close() {
    if (!journal.wrote()) {
      return;
    }
    try (FileChannel lockFile = lockFile()) {
      lockFile.lock(); // held until the channel closes, however this block ends
      save(load());
    } catch (IOException e) {
      throw new UncheckedIOException("simulator state of cluster '" + cluster + "'", e);
    }
  }
}

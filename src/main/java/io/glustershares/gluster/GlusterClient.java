package io.glustershares.gluster;

import io.glustershares.model.BrickState;
import io.glustershares.model.GlusterArgv;
import io.glustershares.model.GlusterVersion;
import io.glustershares.model.Peer;
import io.glustershares.model.Snapshot;
import io.glustershares.model.Volume;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One cluster's gluster, through its runner: runs argv, reads the reply's {@code opRet} (with
 * {@code --xml} gluster exits 0 on most failures, CLI reference §1), turns failures into {@link
 * GlusterException}s, and retries glusterd's transient lock errors as its {@link Retry} says.
 */
public final class GlusterClient implements AutoCloseable {

  /** Waits between attempts; tests pass one that does not sleep. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    Sleeper REAL = d -> Thread.sleep(d.toMillis());
  }

  private final String cluster;
  private final Runner runner;
  private final Duration timeout;
  private final Retry retry;
  private final CallLog log;

  public GlusterClient(String cluster, Runner runner, Duration timeout, Retry retry) {
    this(cluster, runner, timeout, retry, CallLog.NONE);
  }

  /** {@code log} hears of every call ({@code -v}). */
  public GlusterClient(String cluster, Runner runner, Duration timeout, Retry retry, CallLog log) {
    this.cluster = cluster;
    this.runner = runner;
    this.timeout = timeout;
    this.retry = retry;
    this.log = log;
  }

  /** The default retry budget, its time counted in the waits {@code sleeper} makes. */
  public GlusterClient(String cluster, Runner runner, Duration timeout, Sleeper sleeper) {
    this(cluster, runner, timeout, Retry.standard().withTime(Retry.counting(sleeper)));
  }

  public String cluster() {
    return cluster;
  }

  public Runner runner() {
    return runner;
  }

  /** The same cluster, timeout and retries through another runner (one that wraps this one's). */
  public GlusterClient through(Runner other) {
    return new GlusterClient(cluster, other, timeout, retry, log);
  }

  /** What {@code gluster --version} says; does not contact glusterd. */
  public GlusterVersion version() throws GlusterException {
    List<String> argv = GlusterArgv.version();
    ProcessResult result = runRaw(argv, Optional.empty());
    if (result.exitCode() != 0) {
      throw notRun(argv, Optional.empty(), result);
    }
    return GlusterVersion.parse(result.stdout())
        .orElseThrow(
            () ->
                new GlusterException(
                    GlusterException.Kind.UNEXPECTED_OUTPUT,
                    cluster,
                    Optional.empty(),
                    argv,
                    0,
                    "not a gluster version: " + firstLine(result.stdout()),
                    null));
  }

  /** Every volume with its options, in one call whatever their number. */
  public List<Volume> volumes() throws GlusterException {
    return GlusterXml.volumes(xml(GlusterArgv.volumeInfo(), Optional.empty()));
  }

  /** Every peer, this server included (as {@code pool list} names it: {@code localhost}). */
  public List<Peer> peers() throws GlusterException {
    return HealthXml.peers(xml(GlusterArgv.poolList(), Optional.empty()));
  }

  /** What gluster reports of the bricks of every started volume, in one call. */
  public List<BrickState> brickStates() throws GlusterException {
    return HealthXml.brickStates(xml(GlusterArgv.volumeStatusAll(), Optional.empty()));
  }

  /** Every snapshot, or why snapshots cannot be used on this cluster. */
  public record SnapshotListing(List<Snapshot> snapshots, Optional<String> unavailable) {}

  public SnapshotListing snapshots() throws GlusterException {
    try {
      return new SnapshotListing(
          GlusterXml.snapshots(xml(GlusterArgv.snapshotInfo(), Optional.empty())),
          Optional.empty());
    } catch (GlusterException e) {
      if (e.kind() == GlusterException.Kind.SNAPSHOTS_UNAVAILABLE) {
        return new SnapshotListing(List.of(), Optional.of(e.glusterMessage()));
      }
      throw e;
    }
  }

  /**
   * Runs an {@code --xml} command and returns its successful reply.
   *
   * @param volume the volume it concerns, named in errors
   */
  public GlusterXml.Envelope xml(List<String> argv, Optional<String> volume)
      throws GlusterException {
    long start = retry.time().nanoTime();
    for (int number = 1; ; number++) {
      try {
        return xmlOnce(argv, volume);
      } catch (GlusterException e) {
        if (e.kind() != GlusterException.Kind.TRANSIENT) {
          throw e;
        }
        Duration spent = Duration.ofNanos(retry.time().nanoTime() - start);
        Optional<Duration> wait = retry.delay(number, spent);
        if (wait.isEmpty()) {
          throw stillBusy(e, number - 1, spent);
        }
        retry
            .listener()
            .retrying(
                new Retry.Attempt(
                    cluster,
                    argv,
                    volume,
                    number,
                    wait.get(),
                    spent,
                    retry.budget(),
                    e.glusterMessage()));
        try {
          retry.time().sleep(wait.get());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** The last refusal, saying how long it was retried, so that the user knows what to raise. */
  private GlusterException stillBusy(GlusterException last, int retries, Duration spent) {
    if (retries == 0) {
      return last;
    }
    return new GlusterException(
        last.kind(),
        cluster,
        last.volume(),
        last.argv(),
        last.opErrno(),
        last.glusterMessage()
            + " (still so after "
            + retries
            + (retries == 1 ? " retry" : " retries")
            + " in "
            + Retry.seconds(spent)
            + ", the retry budget of "
            + Retry.seconds(retry.budget())
            + ")",
        last);
  }

  private GlusterXml.Envelope xmlOnce(List<String> argv, Optional<String> volume)
      throws GlusterException {
    ProcessResult result = runRaw(argv, volume);
    if (!GlusterXml.looksLikeXml(result.stdout())) {
      throw notRun(argv, volume, result);
    }
    GlusterXml.Envelope reply;
    try {
      reply = GlusterXml.parse(result.stdout());
    } catch (GlusterXml.MalformedException e) {
      throw new GlusterException(
          GlusterException.Kind.UNEXPECTED_OUTPUT, cluster, volume, argv, 0, e.getMessage(), e);
    }
    if (!reply.ok()) {
      String message =
          !reply.opErrstr().isBlank()
              ? reply.opErrstr()
              : reply.output().orElse("failed with opRet " + reply.opRet());
      throw new GlusterException(
          classify(reply.opErrno(), message),
          cluster,
          volume,
          argv,
          reply.opErrno(),
          message,
          null);
    }
    return reply;
  }

  /** Runs a host command (a wipe step) and returns what it did, whatever its exit code. */
  public ProcessResult host(List<String> argv, Optional<String> volume, Duration hostTimeout)
      throws GlusterException {
    try {
      return logged(argv, hostTimeout);
    } catch (RunnerException e) {
      throw new GlusterException(
          GlusterException.Kind.RUNNER, cluster, volume, argv, 0, e.getMessage(), e);
    }
  }

  private ProcessResult runRaw(List<String> argv, Optional<String> volume) throws GlusterException {
    try {
      return logged(argv, timeout);
    } catch (RunnerException e) {
      throw new GlusterException(
          GlusterException.Kind.RUNNER, cluster, volume, argv, 0, e.getMessage(), e);
    }
  }

  /** Runs one command and tells the log what it did and how long it took. */
  private ProcessResult logged(List<String> argv, Duration limit) throws RunnerException {
    long started = System.nanoTime();
    try {
      ProcessResult result = runner.run(argv, limit);
      if (log == CallLog.NONE) {
        return result;
      }
      // With --xml gluster exits 0 on most failures: the reply's opRet says what happened.
      Matcher opRet = OP_RET.matcher(result.stdout());
      log.called(
          cluster,
          argv,
          Duration.ofNanos(System.nanoTime() - started),
          "exit " + result.exitCode() + (opRet.find() ? ", opRet " + opRet.group(1) : ""));
      return result;
    } catch (RunnerException e) {
      log.called(
          cluster,
          argv,
          Duration.ofNanos(System.nanoTime() - started),
          "not run: " + String.valueOf(e.getMessage()));
      throw e;
    }
  }

  /** "Volume X does not exist", "Snapshot (X) does not exist": not an option that is unknown. */
  private static final Pattern OP_RET = Pattern.compile("<opRet>(-?[0-9]{1,9})</opRet>");

  private static final Pattern MISSING =
      Pattern.compile("^(Volume|Snapshot)\\b[^\\n]*does not exist");

  static GlusterException.Kind classify(int opErrno, String message) {
    if (opErrno == 30802
        || message.contains("Another transaction is in progress")
        || message.contains("Locking failed")) {
      return GlusterException.Kind.TRANSIENT;
    }
    if (opErrno == 30815) {
      return GlusterException.Kind.SNAPSHOT_NEEDS_THIN_LV;
    }
    if (message.contains("LVM commands not found")) {
      return GlusterException.Kind.SNAPSHOTS_UNAVAILABLE;
    }
    if (opErrno == 30806 || opErrno == 30807 || MISSING.matcher(message).find()) {
      return GlusterException.Kind.NOT_FOUND;
    }
    return GlusterException.Kind.FAILED;
  }

  /** A reply without XML: glusterd down, gluster missing, or a usage error. */
  private GlusterException notRun(List<String> argv, Optional<String> volume, ProcessResult r) {
    String out = r.stdout().strip();
    String err = r.stderr().strip();
    if (out.contains("Connection failed. Please check if gluster daemon is operational")) {
      return new GlusterException(
          GlusterException.Kind.UNREACHABLE, cluster, volume, argv, 0, out, null);
    }
    if (r.exitCode() == 127 || err.contains("not found") && err.contains("gluster")) {
      return new GlusterException(
          GlusterException.Kind.NOT_INSTALLED,
          cluster,
          volume,
          argv,
          0,
          "gluster is not installed on " + runner.describe() + " (" + firstLine(err) + ")",
          null);
    }
    if (r.exitCode() != 0) {
      String said = err.isEmpty() ? out : err;
      return new GlusterException(
          said.startsWith("Usage:") ? GlusterException.Kind.USAGE : GlusterException.Kind.FAILED,
          cluster,
          volume,
          argv,
          0,
          "exit " + r.exitCode() + ": " + (said.isEmpty() ? "no message" : said),
          null);
    }
    return new GlusterException(
        GlusterException.Kind.UNEXPECTED_OUTPUT,
        cluster,
        volume,
        argv,
        0,
        "no XML in the reply: " + (out.isEmpty() ? "(empty)" : firstLine(out)),
        null);
  }

  private static String firstLine(String s) {
    return s.strip().lines().findFirst().orElse("");
  }

  @Override
  public void close() {
    runner.close();
  }
}

package io.glustershares.gluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

import io.glustershares.model.GlusterArgv;
import io.glustershares.model.GlusterVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every error shape of the CLI reference becomes a typed error naming cluster, volume, message. */
class GlusterClientTest {

  private final List<Duration> slept = new ArrayList<>();

  private GlusterClient client(Runner runner) {
    return new GlusterClient("east", runner, Duration.ofSeconds(5), slept::add);
  }

  @Test
  void theVersionComesFromTheFirstLine() throws Exception {
    GlusterVersion version = client(Fixtures.Replay.stdout("version.txt")).version();

    assertThat(version).isEqualTo(new GlusterVersion(10, 3, "10.3"));
    assertThat(version.atLeast(GlusterVersion.CLONES)).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "volume-set-nonexistent.xml|NOT_FOUND|30800|Volume no-such-vol does not exist",
        "volume-set-invalid-option-name.xml|FAILED|30800|option : bogus.option does not exist Did you mean locks.trace?",
        "volume-set-multi-one-invalid.xml|FAILED|30800|option : bogus.option does not exist",
        "volume-set-invalid-value-bool.xml|FAILED|30800|option dynamic-auth maybe: 'maybe' is not a valid boolean value",
        "volume-set-invalid-value-int.xml|FAILED|30800|invalid number format \"abc\" in option \"cache-size\"",
        "volume-set-concurrent-locked.xml|TRANSIENT|30802|Another transaction is in progress for manila-share-volume-3G-3.",
        "volume-info-nonexistent.xml|NOT_FOUND|30806|Volume does not exist",
        "volume-reset-option-xml.xml|FAILED|30800|Option user.foo does not exist",
        "volume-stop-already-stopped.xml|FAILED|30800|Volume manila-share-volume-5G-2 is not in the started state",
        "volume-start-already-started.xml|FAILED|30800|Volume manila-share-volume-5G-2 already started",
        "volume-delete-started.xml|FAILED|30800|has been started.Volume needs to be stopped before deletion.",
        "volume-stop-nonexistent.xml|NOT_FOUND|30800|Volume no-such-vol does not exist",
        "volume-start-nonexistent.xml|NOT_FOUND|30800|Volume no-such-vol does not exist",
        "volume-delete-nonexistent.xml|NOT_FOUND|30800|Volume no-such-vol does not exist",
        "volume-reset-nonexistent.xml|NOT_FOUND|30800|Volume no-such-vol does not exist",
        "volume-create-existing.xml|FAILED|0|Volume other-vol already exists",
        "snapshot-create-not-thin-lvm.xml|SNAPSHOT_NEEDS_THIN_LV|30815|Snapshot is supported only for thin provisioned LV.",
        "snapshot-create-nolvm.xml|SNAPSHOTS_UNAVAILABLE|30800|LVM commands not found, snapshot functionality is disabled",
        "snapshot-delete-nonexistent.xml|NOT_FOUND|30807|Snapshot (nosnap) does not exist",
        "snapshot-delete-nonexistent-mode-first.xml|NOT_FOUND|30807|Snapshot (nosnap) does not exist",
        "snapshot-clone-nonexistent.xml|FAILED|30800|Failed to find :nosnap snap",
        "snapshot-activate-nonexistent.xml|NOT_FOUND|30807|Snapshot (nosnap) does not exist.",
        "snapshot-deactivate-nonexistent.xml|NOT_FOUND|30807|Snapshot (nosnap) does not exist.",
        "snapshot-info-nonexistent.xml|NOT_FOUND|30800|Snapshot (nosnap) does not exist",
        "snapshot-list-nonexistent-vol.xml|NOT_FOUND|30806|Volume (no-such-vol) does not exist",
      })
  void xmlFailuresAreTyped(
      String fixture, GlusterException.Kind kind, int opErrno, String message) {
    GlusterException e =
        catchThrowableOfType(
            GlusterException.class,
            () ->
                client(Fixtures.Replay.stdout(fixture))
                    .xml(
                        GlusterArgv.volumeSet("vol-7", Map.of("user.x", "1")),
                        Optional.of("vol-7")));

    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.opErrno()).isEqualTo(opErrno);
    assertThat(e.getMessage())
        .startsWith("cluster 'east': volume 'vol-7': volume set failed: ")
        .contains(message)
        .doesNotContain("\n");
  }

  @Test
  void volumeGetFailsWithANonZeroExitButStillXml() {
    GlusterException e =
        catchThrowableOfType(
            GlusterException.class,
            () ->
                client(new Fixtures.Replay(2, "volume-get-user-option-unset.xml", null))
                    .xml(GlusterArgv.volumeGet("v", "user.never-set"), Optional.of("v")));

    assertThat(e.getMessage()).contains("volume get failed: volume get option: failed");
  }

  @Test
  void glusterdDownIsUnreachable() {
    GlusterException e =
        catchThrowableOfType(
            GlusterException.class,
            () ->
                client(new Fixtures.Replay(1, "glusterd-down-volume-list.stdout.txt", null))
                    .volumes());

    assertThat(e.kind()).isEqualTo(GlusterException.Kind.UNREACHABLE);
    assertThat(e.getMessage())
        .isEqualTo(
            "cluster 'east': volume info failed: Connection failed. Please check if gluster daemon"
                + " is operational.; is glusterd running?");
  }

  @Test
  void aUsageErrorWithoutXmlIsTyped() {
    GlusterException e =
        catchThrowableOfType(
            GlusterException.class,
            () ->
                client(new Fixtures.Replay(1, null, "volume-set-odd-args.stderr.txt"))
                    .xml(
                        List.of("gluster", "--xml", "volume", "set", "v", "user.a", "1", "user.b"),
                        Optional.of("v")));

    assertThat(e.kind()).isEqualTo(GlusterException.Kind.USAGE);
    assertThat(e.getMessage()).contains("exit 1: Usage: volume set <VOLNAME> group <GROUP>");
  }

  @Test
  void theNoScriptPromptIsNotMistakenForSuccess() {
    GlusterException e =
        catchThrowableOfType(
            GlusterException.class,
            () ->
                client(Fixtures.Replay.stdout("volume-stop-noscript-stdin-null.txt"))
                    .xml(List.of("gluster", "--xml", "volume", "stop", "v"), Optional.of("v")));

    assertThat(e.kind()).isEqualTo(GlusterException.Kind.UNEXPECTED_OUTPUT);
  }

  @Test
  void aMissingGlusterIsNamed() {
    Runner missing =
        new Fixtures.Replay(127, null, null) {
          @Override
          public ProcessResult run(List<String> argv, Duration timeout) {
            return new ProcessResult(127, "", "sh: 1: gluster: not found\n", Duration.ZERO);
          }
        };
    assertThatThrownBy(() -> client(missing).version())
        .isInstanceOf(GlusterException.class)
        .hasMessageContaining("gluster is not installed on replay");
  }

  @Test
  void transientLockErrorsAreRetriedUntilTheBudgetIsSpent() {
    Fixtures.Replay locked = Fixtures.Replay.stdout("volume-set-concurrent-locked.xml");
    FakeTime time = new FakeTime();
    List<Retry.Attempt> told = new ArrayList<>();
    Retry retry = new Retry(Duration.ofSeconds(30), time, () -> 0.0, told::add);

    GlusterException e =
        catchThrowableOfType(
            GlusterException.class,
            () ->
                new GlusterClient("east", locked, Duration.ofSeconds(5), retry)
                    .xml(GlusterArgv.volumeSet("v", Map.of("user.y", "2")), Optional.of("v")));

    // 0.5, 1, 2, 4, 8, 14.5 (cut to the budget's rest): 30 s, then one last refusal stands.
    assertThat(time.slept)
        .containsExactly(
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofMillis(14_500));
    assertThat(locked.ran).hasSize(7);
    assertThat(told).extracting(Retry.Attempt::number).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(told.get(2).spent()).isEqualTo(Duration.ofMillis(1500));
    assertThat(e.kind()).isEqualTo(GlusterException.Kind.TRANSIENT);
    assertThat(e)
        .hasMessage(
            "cluster 'east': volume 'v': volume set failed: Another transaction is in progress for"
                + " manila-share-volume-3G-3. Please try again after some time. (still so after 6"
                + " retries in 30 s, the retry budget of 30 s) (opErrno 30802)");
  }

  @Test
  void aBusyGlusterdThatFreesItsLockIsWaitedFor() throws Exception {
    FakeTime time = new FakeTime();
    Runner busyThenFree =
        new BusyFor(3, "volume-set-concurrent-locked.xml", "volume-set-user-option-xml.xml");
    Retry retry = new Retry(Duration.ofSeconds(120), time, () -> 0.0, Retry.Listener.SILENT);

    new GlusterClient("east", busyThenFree, Duration.ofSeconds(5), retry)
        .xml(GlusterArgv.volumeSet("v", Map.of("user.y", "2")), Optional.of("v"));

    assertThat(time.slept)
        .containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void aBudgetOfZeroTriesOnceAndSaysNothingOfRetries() {
    Fixtures.Replay locked = Fixtures.Replay.stdout("volume-set-concurrent-locked.xml");
    Retry retry =
        new Retry(Duration.ZERO, new FakeTime(), () -> 0.0, a -> fail("no retry expected"));

    assertThatThrownBy(
            () ->
                new GlusterClient("east", locked, Duration.ofSeconds(5), retry)
                    .xml(GlusterArgv.volumeSet("v", Map.of("user.y", "2")), Optional.of("v")))
        .hasMessageNotContaining("retr");
    assertThat(locked.ran).hasSize(1);
  }

  @Test
  void theTimeOfTheRefusedCallsCountsAgainstTheBudget() {
    FakeTime time = new FakeTime();
    // Each refusal takes 10 s on glusterd's side, as a call queued behind a long transaction.
    Runner slow =
        new Fixtures.Replay(0, "volume-set-concurrent-locked.xml", null) {
          @Override
          public ProcessResult run(List<String> argv, Duration timeout) {
            time.now += Duration.ofSeconds(10).toNanos();
            return super.run(argv, timeout);
          }
        };
    Retry retry = new Retry(Duration.ofSeconds(25), time, () -> 0.0, Retry.Listener.SILENT);

    assertThatThrownBy(
            () ->
                new GlusterClient("east", slow, Duration.ofSeconds(5), retry)
                    .xml(GlusterArgv.volumeSet("v", Map.of("user.y", "2")), Optional.of("v")))
        .hasMessageContaining("still so after 2 retries in 31.5 s");
    assertThat(time.slept).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
  }

  /** Time that moves only when slept on or moved by the test. */
  static final class FakeTime implements Retry.Time {
    long now;
    final List<Duration> slept = new ArrayList<>();

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void sleep(Duration duration) {
      slept.add(duration);
      now += duration.toNanos();
    }
  }

  /** Refuses the first {@code busy} calls with one reply, then answers with another. */
  static final class BusyFor extends Fixtures.Replay {
    private final String free;
    private final int busy;

    BusyFor(int busy, String busyFixture, String freeFixture) {
      super(0, busyFixture, null);
      this.busy = busy;
      this.free = Fixtures.read(freeFixture);
    }

    @Override
    public ProcessResult run(List<String> argv, Duration timeout) {
      ProcessResult result = super.run(argv, timeout);
      return ran.size() <= busy ? result : new ProcessResult(0, free, "", Duration.ZERO);
    }
  }

  @Test
  void otherErrorsAreNotRetried() {
    Fixtures.Replay failing = Fixtures.Replay.stdout("volume-set-invalid-option-name.xml");

    assertThatThrownBy(
            () ->
                client(failing)
                    .xml(GlusterArgv.volumeSet("v", Map.of("bogus.option", "1")), Optional.of("v")))
        .isInstanceOf(GlusterException.class);
    assertThat(failing.ran).hasSize(1);
    assertThat(slept).isEmpty();
  }

  @Test
  void snapshotsUnavailableIsNotAnErrorOfTheRefresh() throws Exception {
    GlusterClient.SnapshotListing listing =
        client(Fixtures.Replay.stdout("snapshot-info-nolvm.xml")).snapshots();

    assertThat(listing.snapshots()).isEmpty();
    assertThat(listing.unavailable())
        .contains("LVM commands not found, snapshot functionality is disabled");
  }
}

package io.glustershares.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glustershares.gluster.GlusterClient;
import io.glustershares.gluster.ProcessResult;
import io.glustershares.gluster.Runner;
import io.glustershares.model.GlusterArgv;
import io.glustershares.plan.Action;
import io.glustershares.plan.ActionType;
import io.glustershares.plan.Place;
import io.glustershares.plan.Plan;
import io.glustershares.plan.Step;
import io.glustershares.plan.Subject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ApplierTest {

  private static final String OK =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cliOutput>\n  <opRet>0</opRet>\n  <opErrno>0</opErrno>\n  <opErrstr/>\n</cliOutput>\n";

  /** Answers every command with success, measuring how many run at once on its cluster. */
  private static class CountingRunner implements Runner {
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final List<String> ran = Collections.synchronizedList(new ArrayList<>());
    final CyclicBarrier barrier;

    CountingRunner(CyclicBarrier barrier) {
      this.barrier = barrier;
    }

    @Override
    public ProcessResult run(List<String> argv, Duration timeout) {
      int now = inFlight.incrementAndGet();
      maxInFlight.accumulateAndGet(now, Math::max);
      try {
        ran.add(argv.get(argv.size() - 1));
        if (barrier != null && argv.get(argv.size() - 1).endsWith("-0")) {
          // Passes only when the other cluster's first action runs at the same time.
          barrier.await(20, TimeUnit.SECONDS);
        }
        return new ProcessResult(0, OK, "", Duration.ZERO);
      } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
        return new ProcessResult(
            0,
            OK.replace("<opRet>0", "<opRet>-1")
                .replace("<opErrstr/>", "<opErrstr>not concurrent</opErrstr>"),
            "",
            Duration.ZERO);
      } finally {
        inFlight.decrementAndGet();
      }
    }

    @Override
    public String describe() {
      return "counting";
    }

    @Override
    public String host() {
      return "h";
    }

    @Override
    public String lockKey() {
      return "k";
    }

    @Override
    public void close() {}
  }

  private static Action action(String cluster, String id, String volume, List<String> dependsOn) {
    return Action.of(ActionType.ALLOW_ACCESS, new Subject.Share(id), Place.of(cluster, volume))
        .summary(id)
        .steps(
            List.of(
                new Step.Gluster(
                    GlusterArgv.volumeSet(volume, Map.of("user.a", "1")), volume, "set")))
        .steps(
            List.of(
                new Step.Gluster(
                    GlusterArgv.volumeSet(volume, Map.of("user.b", "2")), volume, "set")))
        .build(id)
        .withDependsOn(dependsOn);
  }

  private static Map<String, GlusterClient> clients(Map<String, CountingRunner> runners) {
    Map<String, GlusterClient> clients = new LinkedHashMap<>();
    runners.forEach(
        (name, runner) ->
            clients.put(name, new GlusterClient(name, runner, Duration.ofSeconds(30), d -> {})));
    return clients;
  }

  @Test
  void clustersRunInParallelButOneActionAtATimeEach() {
    CyclicBarrier barrier = new CyclicBarrier(2);
    Map<String, CountingRunner> runners = new LinkedHashMap<>();
    List<Action> actions = new ArrayList<>();
    for (String cluster : List.of("east", "west")) {
      runners.put(cluster, new CountingRunner(barrier));
      for (int i = 0; i < 5; i++) {
        actions.add(action(cluster, cluster + "-" + i, cluster + "-vol-" + i, List.of()));
      }
    }

    ApplyResult result =
        new Applier(clients(runners), Progress.NONE, 2)
            .apply(new Plan("s", actions, List.of(), List.of()));

    assertThat(result.failed()).isEmpty();
    assertThat(result.done()).hasSize(10);
    runners.values().forEach(r -> assertThat(r.maxInFlight.get()).isEqualTo(1));
  }

  @Test
  void withParallelismOneNothingOverlaps() {
    Map<String, CountingRunner> runners = new LinkedHashMap<>();
    AtomicInteger total = new AtomicInteger();
    AtomicInteger max = new AtomicInteger();
    List<Action> actions = new ArrayList<>();
    for (String cluster : List.of("a", "b", "c")) {
      runners.put(
          cluster,
          new CountingRunner(null) {
            @Override
            public ProcessResult run(List<String> argv, Duration timeout) {
              max.accumulateAndGet(total.incrementAndGet(), Math::max);
              try {
                return super.run(argv, timeout);
              } finally {
                total.decrementAndGet();
              }
            }
          });
      actions.add(action(cluster, cluster + "-1", cluster + "-v", List.of()));
    }

    new Applier(clients(runners), Progress.NONE, 1)
        .apply(new Plan("s", actions, List.of(), List.of()));

    assertThat(max.get()).isEqualTo(1);
  }

  @Test
  void dependenciesRunInOrderAcrossClusters() {
    Map<String, CountingRunner> runners = new LinkedHashMap<>();
    runners.put("east", new CountingRunner(null));
    runners.put("west", new CountingRunner(null));
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    Progress progress =
        new Progress() {
          @Override
          public void started(Action action) {
            order.add("start " + action.id());
          }

          @Override
          public void done(Action action, Duration took) {
            order.add("done " + action.id());
          }

          @Override
          public void failed(Action action, Duration took, String error) {}

          @Override
          public void skipped(Action action, String failedDependency) {}
        };
    List<Action> actions =
        List.of(
            action("east", "first", "v1", List.of()),
            action("west", "second", "v2", List.of("first")));

    new Applier(clients(runners), progress, 4).apply(new Plan("s", actions, List.of(), List.of()));

    assertThat(order).containsExactly("start first", "done first", "start second", "done second");
  }

  /**
   * A bug is no action failure: it ends the apply with the exception itself (the CLI's boundary
   * prints it as an internal error, and --debug its trace), after the running actions end.
   */
  @Test
  void aProgrammingErrorSurfacesInsteadOfFailingTheAction() {
    Map<String, CountingRunner> runners = new LinkedHashMap<>();
    runners.put(
        "east",
        new CountingRunner(null) {
          @Override
          public ProcessResult run(List<String> argv, Duration timeout) {
            throw new NullPointerException("a bug in a runner");
          }
        });
    runners.put("west", new CountingRunner(null));
    List<Action> actions =
        List.of(action("east", "e", "v1", List.of()), action("west", "w", "v2", List.of()));

    assertThatThrownBy(
            () ->
                new Applier(clients(runners), Progress.NONE, 2)
                    .apply(new Plan("s", actions, List.of(), List.of())))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("a bug in a runner");
  }

  /** What gluster refuses is an action failure, as before: the apply goes on and reports it. */
  @Test
  void aGlusterFailureIsAnActionFailure() {
    Map<String, CountingRunner> runners = new LinkedHashMap<>();
    runners.put(
        "east",
        new CountingRunner(null) {
          @Override
          public ProcessResult run(List<String> argv, Duration timeout) {
            return new ProcessResult(
                0,
                OK.replace("<opRet>0", "<opRet>-1")
                    .replace("<opErrstr/>", "<opErrstr>refused</opErrstr>"),
                "",
                Duration.ZERO);
          }
        });
    runners.put("west", new CountingRunner(null));
    List<Action> actions =
        List.of(action("east", "e", "v1", List.of()), action("west", "w", "v2", List.of()));

    ApplyResult result =
        new Applier(clients(runners), Progress.NONE, 2)
            .apply(new Plan("s", actions, List.of(), List.of()));

    assertThat(result.failed()).hasSize(1);
    assertThat(result.failed().get(0).error()).contains("refused");
    assertThat(result.done()).extracting(Action::id).containsExactly("w");
  }
}

package io.glustershares.bench;

import io.glustershares.apply.Applier;
import io.glustershares.apply.ApplyResult;
import io.glustershares.apply.Progress;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark (issue 17): the apply scheduler alone, on runners that answer at once. {@code
 * SchedulerBenchmark ACTIONS}: that many actions over 100 clusters, in chains of three on one
 * volume (each depending on the one before), applied at parallelism 16. Run twice by {@code
 * bench/scheduler.sh}, which compares the whole processes.
 */
public final class SchedulerBenchmark {

  private static final int CLUSTERS = 100;
  private static final String OK =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cliOutput><opRet>0</opRet>"
          + "<opErrno>0</opErrno><opErrstr/></cliOutput>\n";

  private SchedulerBenchmark() {}

  /** Answers every command with success, at once. */
  private static final class InstantRunner implements Runner {
    @Override
    public ProcessResult run(List<String> argv, Duration timeout) {
      return new ProcessResult(0, OK, "", Duration.ZERO);
    }

    @Override
    public String describe() {
      return "instant";
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

  public static void main(String[] args) {
    int count = Integer.parseInt(args[0]);
    Map<String, GlusterClient> clients = new LinkedHashMap<>();
    for (int c = 0; c < CLUSTERS; c++) {
      clients.put(
          "c" + c,
          new GlusterClient("c" + c, new InstantRunner(), Duration.ofSeconds(30), d -> {}));
    }
    List<Action> actions = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int chain = i / 3;
      String cluster = "c" + (chain % CLUSTERS);
      String volume = "vol-" + chain;
      String id = "a" + i;
      actions.add(
          Action.of(ActionType.ALLOW_ACCESS, new Subject.Share(id), Place.of(cluster, volume))
              .summary(id)
              .steps(
                  List.of(
                      new Step.Gluster(
                          GlusterArgv.volumeSet(volume, Map.of("user.a", "1")), volume, "set")))
              .build(id)
              .withDependsOn(i % 3 == 0 ? List.of() : List.of("a" + (i - 1))));
    }
    long start = System.nanoTime();
    ApplyResult result =
        new Applier(clients, Progress.NONE, 16)
            .apply(new Plan("bench", actions, List.of(), List.of()));
    if (result.done().size() != count) {
      throw new IllegalStateException("only " + result.done().size() + " of " + count + " done");
    }
    System.out.printf("%d actions scheduled in %.3f s%n", count, (System.nanoTime() - start) / 1e9);
  }
}

package io.glustershares.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.load.DesiredStateLoader;
import io.glustershares.load.WorkingTree;
import io.glustershares.model.DesiredState;
import io.glustershares.model.Identity;
import io.glustershares.model.ObservedCluster;
import io.glustershares.model.ObservedState;
import io.glustershares.model.Volume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random desired files over random pools (seeded, so failures reproduce): whatever the input, a
 * plan never binds a volume twice, never touches a foreign volume, never deletes without the
 * destructive flag, orders every dependency first, and is the same when made twice.
 */
class PlannerPropertyTest {

  private static final int RUNS = 400;

  @TempDir Path dir;

  @Test
  void safetyHoldsForRandomInputs() throws Exception {
    for (int run = 0; run < RUNS; run++) {
      long seed = 0x5EED0000L + run;
      Random random = new Random(seed);
      ObservedState observed = observed(random);
      DesiredState desired = desired(random, observed);
      boolean prune = random.nextBoolean();
      Plan plan = Planner.plan(desired, observed, new PlanOptions(Set.of(), prune, Instant.EPOCH));
      String context = "seed " + seed + "\n" + desired.shares() + "\n" + plan.actions();

      Map<String, VolumeRole> roles = roles(desired, observed);
      Set<String> bound = new HashSet<>();
      Set<String> seen = new HashSet<>();
      for (Action a : plan.actions()) {
        assertThat(a.dependsOn()).as(context).allMatch(seen::contains);
        seen.add(a.id());
        String key = a.cluster() + "/" + a.volume().orElse("");
        VolumeRole role = roles.get(key);
        if (a.type() == ActionType.CREATE_SHARE || a.type() == ActionType.ADOPT_SHARE) {
          assertThat(bound.add(key)).as("bound twice: " + key + "\n" + context).isTrue();
          assertThat(role).as(context).isNotInstanceOf(VolumeRole.Share.class);
        }
        if (role instanceof VolumeRole.Foreign foreign) {
          assertThat(a.type())
              .as("touches foreign " + key + "\n" + context)
              .isIn(
                  ActionType.ADOPT_SHARE,
                  ActionType.REPAIR_SHARE,
                  ActionType.ALLOW_ACCESS,
                  ActionType.DENY_ACCESS,
                  ActionType.CREATE_SNAPSHOT);
          assertThat(foreign.owner())
              .as("another stack's volume " + key + "\n" + context)
              .isEmpty();
          assertThat(plan.actions())
              .as(context)
              .anyMatch(x -> x.type() == ActionType.ADOPT_SHARE && x.volume().equals(a.volume()));
        }
        boolean deletes =
            a.steps().stream()
                .anyMatch(
                    s ->
                        s instanceof Step.Wipe
                            || s.argvs().stream().anyMatch(argv -> argv.contains("delete")));
        if (deletes
            || a.type() == ActionType.DELETE_SHARE
            || a.type() == ActionType.DELETE_SNAPSHOT) {
          assertThat(a.destructive())
              .as("deletes without the flag: " + a.id() + "\n" + context)
              .isTrue();
          assertThat(a.disruptive()).as(context).isTrue();
        }
        if (a.destructive()) {
          assertThat(a.type())
              .as(context)
              .isIn(ActionType.DELETE_SHARE, ActionType.DELETE_SNAPSHOT);
          assertThat(prune || desired.share(a.share()).map(s -> s.isAbsent()).orElse(false))
              .as(context)
              .isTrue();
        }
        for (Step step : a.steps()) {
          for (List<String> argv : step.argvs()) {
            assertThat(argv).as(context).doesNotContain("");
            if (argv.get(0).equals("gluster")
                && (argv.contains("stop") || argv.contains("delete"))) {
              assertThat(argv).as(context).contains("--mode=script");
            }
          }
        }
      }
      assertThat(Planner.plan(desired, observed, new PlanOptions(Set.of(), prune, Instant.EPOCH)))
          .as(context)
          .isEqualTo(plan);
    }
  }

  private static Map<String, VolumeRole> roles(DesiredState desired, ObservedState observed) {
    Map<String, VolumeRole> roles = new HashMap<>();
    for (ObservedCluster c : observed.clusters().values()) {
      for (Inventory.Classified v : Inventory.classify(desired, c)) {
        roles.put(c.name() + "/" + v.volume().name(), v.role());
      }
    }
    return roles;
  }

  private static ObservedState observed(Random random) {
    Observed o = Observed.state();
    int clusters = 1 + random.nextInt(3);
    for (int c = 0; c < clusters; c++) {
      Observed.ClusterBuilder cluster = o.cluster("c" + c);
      Set<String> snapshotNames = new HashSet<>();
      int volumes = random.nextInt(12);
      for (int v = 0; v < volumes; v++) {
        String name = "pool-" + (1 + random.nextInt(5)) + "G-" + c + v;
        switch (random.nextInt(7)) {
          case 0 -> cluster.volume(name, Map.of());
          case 1 ->
              cluster.volume(
                  name,
                  Map.of(
                      "auth.ssl-allow",
                      Observed.READY,
                      Identity.MANILA_SHARE,
                      "0e0b6a2e-9a55-4f4b-9a0c-5b1f3f3b7c1" + c));
          case 2 -> cluster.volume(name, Observed.share("other", "x" + v));
          case 3 -> {
            String share = "s" + random.nextInt(8);
            Map<String, String> opts = Observed.share("prod", share, "t" + random.nextInt(4));
            if (random.nextBoolean()) {
              opts = Observed.with(opts, "client.ssl", "off");
            }
            cluster.volume(
                name, random.nextInt(4) == 0 ? Volume.Status.STOPPED : Volume.Status.STARTED, opts);
            String snapshot = Identity.snapshotName("prod", share, "n" + random.nextInt(2));
            if (random.nextBoolean() && snapshotNames.add(snapshot)) {
              cluster.snapshot(snapshot, name, "prod/" + share + "/n", random.nextBoolean());
            }
          }
          default -> cluster.free(name);
        }
      }
    }
    return o.build();
  }

  private DesiredState desired(Random random, ObservedState observed) throws Exception {
    StringBuilder yaml = new StringBuilder();
    yaml.append(
        "apiVersion: gluster-shares/v1\nstack: prod\nvolumePattern: 'pool-#{size}G-\\d+$'\nclusters:\n");
    List<String> clusters = new ArrayList<>(observed.clusters().keySet());
    clusters.forEach(
        c -> yaml.append("  ").append(c).append(": { server: ").append(c).append("-1 }\n"));
    yaml.append("shares:\n");
    List<String> volumes = new ArrayList<>();
    observed.clusters().values().forEach(c -> c.volumes().forEach(v -> volumes.add(v.name())));
    Map<String, List<String>> snapshots = new HashMap<>();
    Set<String> usedVolumes = new HashSet<>();
    for (int s = 0; s < 8; s++) {
      if (random.nextInt(3) == 0) {
        continue;
      }
      String name = "s" + s;
      yaml.append("  - name: ").append(name).append('\n');
      if (random.nextInt(6) == 0) {
        yaml.append("    state: absent\n");
        continue;
      }
      List<String> parents = new ArrayList<>(snapshots.keySet());
      if (!parents.isEmpty() && random.nextInt(4) == 0) {
        String parent = parents.get(random.nextInt(parents.size()));
        List<String> snaps = snapshots.get(parent);
        yaml.append("    fromSnapshot: { share: ")
            .append(parent)
            .append(", snapshot: ")
            .append(snaps.get(random.nextInt(snaps.size())))
            .append(" }\n");
      } else if (!volumes.isEmpty() && random.nextInt(6) == 0) {
        String volume = volumes.get(random.nextInt(volumes.size()));
        if (usedVolumes.add(volume)) {
          yaml.append("    volume: ").append(volume).append('\n');
        } else {
          yaml.append("    size: 1\n");
        }
      } else {
        yaml.append("    size: ").append(1 + random.nextInt(5)).append('\n');
        if (random.nextInt(3) == 0) {
          yaml.append("    cluster: ")
              .append(clusters.get(random.nextInt(clusters.size())))
              .append('\n');
        }
      }
      yaml.append("    access: [");
      int cns = random.nextInt(4);
      for (int a = 0; a < cns; a++) {
        yaml.append(a > 0 ? ", " : " ")
            .append("{ cn: t")
            .append(a + random.nextInt(2))
            .append(a)
            .append(" }");
      }
      yaml.append(" ]\n");
      if (random.nextBoolean()) {
        yaml.append("    snapshots: [ { name: n0 }")
            .append(random.nextBoolean() ? ", { name: n1 }" : "")
            .append(" ]\n");
        snapshots.put(name, random.nextBoolean() ? List.of("n0") : List.of("n0"));
      }
    }
    Files.writeString(dir.resolve("r.yaml"), yaml.toString());
    DesiredStateLoader.Result result =
        new DesiredStateLoader(new WorkingTree(dir)).load(Path.of("r.yaml"));
    assertThat(result.errors()).as(yaml.toString()).isEmpty();
    return result.state().orElseThrow();
  }
}

package io.glustershares.plan;

import static io.glustershares.plan.Observed.READY;
import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.load.DesiredStateLoader;
import io.glustershares.load.WorkingTree;
import io.glustershares.model.DesiredState;
import io.glustershares.model.ObservedState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pool rules as Manila's {@code layout_volume.py} has them ({@code _fetch_gluster_volumes}, {@code
 * _pop_gluster_vol}), each test named after the behaviour it follows.
 */
class ManilaPoolRulesTest {

  @TempDir Path dir;

  private DesiredState desired(String pattern, String shares) throws Exception {
    Files.writeString(
        dir.resolve("f.yaml"),
        "apiVersion: gluster-shares/v1\n"
            + "stack: prod\n"
            + "volumePattern: '"
            + pattern
            + "'\n"
            + "clusters:\n  east: { server: east-1 }\n  west: { server: west-1 }\n"
            + "shares:\n"
            + shares.indent(2));
    DesiredStateLoader.Result r =
        new DesiredStateLoader(new WorkingTree(dir)).load(Path.of("f.yaml"));
    assertThat(r.errors()).isEmpty();
    return r.state().orElseThrow();
  }

  private static Action action(Plan plan, String id) {
    return plan.actions().stream()
        .filter(a -> a.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + id + " in " + plan.actions()));
  }

  private static Plan plan(DesiredState desired, ObservedState observed) {
    return Planner.plan(desired, observed, PlanOptions.DEFAULT);
  }

  // ---- 1. a name that matches but gives no size -------------------------------------------------

  @Test
  void popGlusterVolPrefersASizedVolumeThatFitsOverOneOfUnknownSize() throws Exception {
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .free("vol-2", "vol-1-5G")
            .and()
            .cluster("west")
            .and()
            .build();

    Plan plan = plan(desired("vol-\\d+(-#{size}G)?$", "- { name: a, size: 3 }"), observed);

    assertThat(action(plan, "create_share:a").volume()).contains("vol-1-5G");
    assertThat(plan.errors()).isEmpty();
    assertThat(plan.warnings()).isEmpty();
  }

  @Test
  void popGlusterVolTakesAVolumeOfUnknownSizeWhenNoSizedOneFits() throws Exception {
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .free("vol-3", "vol-1-1G", "vol-2")
            .and()
            .cluster("west")
            .and()
            .build();

    Plan plan = plan(desired("vol-\\d+(-#{size}G)?$", "- { name: a, size: 3 }"), observed);

    Action create = action(plan, "create_share:a");
    assertThat(create.volume()).contains("vol-2");
    assertThat(create.summary()).isEqualTo("bind vol-2 (size unknown) from the pool");
    assertThat(plan.errors()).isEmpty();
    assertThat(plan.warnings()).isEmpty();
  }

  @Test
  void aPoolVolumeWithoutAuthSslAllowIsTheOnlyOneCalledNotReady() throws Exception {
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .volume("vol-9", Map.of())
            .volume("vol-2", Map.of("auth.ssl-allow", READY))
            .and()
            .cluster("west")
            .and()
            .build();

    Plan plan = plan(desired("vol-\\d+(-#{size}G)?$", "- { name: a, size: 3 }"), observed);

    assertThat(action(plan, "create_share:a").volume()).contains("vol-2");
    assertThat(plan.warnings())
        .extracting(PlanMessage::message)
        .containsExactly(
            "1 pool volume is not ready (no auth.ssl-allow) and cannot be bound: vol-9");
  }

  // ---- 2. in use means a UUID -----------------------------------------------------------------

  @Test
  void fetchGlusterVolumesCountsAVolumeAsUsedOnlyWhenUserManilaShareIsWhollyAUuid()
      throws Exception {
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .volume(
                "pool-1G-1",
                Map.of(
                    "auth.ssl-allow",
                    READY,
                    "user.manila-share",
                    "0E0B6A2E-9A55-4F4B-9A0C-5B1F3F3B7C11"))
            .volume("pool-1G-2", Map.of("auth.ssl-allow", READY, "user.manila-share", "retired"))
            .volume(
                "pool-1G-3",
                Map.of(
                    "auth.ssl-allow",
                    READY,
                    "user.manila-share",
                    "share 0e0b6a2e-9a55-4f4b-9a0c-5b1f3f3b7c11"))
            .volume("pool-1G-4", Map.of("auth.ssl-allow", READY, "user.manila-share", ""))
            .volume("pool-1G-5", Map.of("auth.ssl-allow", READY, "user.manila-share", "NONE"))
            .and()
            .cluster("west")
            .and()
            .build();
    DesiredState desired =
        desired(
            "pool-#{size}G-\\d+$",
            "- { name: a, size: 1 }\n- { name: b, size: 1 }\n- { name: c, size: 1 }\n"
                + "- { name: d, size: 1 }\n- { name: e, size: 1 }");

    Plan plan = plan(desired, observed);

    assertThat(action(plan, "create_share:a").volume()).contains("pool-1G-2");
    assertThat(action(plan, "create_share:b").volume()).contains("pool-1G-3");
    assertThat(action(plan, "create_share:c").volume()).contains("pool-1G-4");
    assertThat(action(plan, "create_share:d").volume()).contains("pool-1G-5");
    assertThat(plan.errors())
        .extracting(PlanMessage::message)
        .containsExactly(
            "share 'e': no free volume of at least 1 GB on any cluster (free: east: none; west: none)");
    assertThat(plan.warnings())
        .extracting(PlanMessage::message)
        .containsExactly(
            "share 'a' binds pool-1G-2 on cluster 'east', whose user.manila-share is 'retired': not a UUID, so"
                + " free as Manila reads it; the binding overwrites it",
            "share 'b' binds pool-1G-3 on cluster 'east', whose user.manila-share is"
                + " 'share 0e0b6a2e-9a55-4f4b-9a0c-5b1f3f3b7c11': not a UUID, so free as Manila reads"
                + " it; the binding overwrites it");
  }

  // ---- 4. gluster 3.6 has no server.dynamic-auth ---------------------------------------------

  @Test
  void setupViaManagerLeavesDynamicAuthOutOnGluster36AndADenyRestarts() throws Exception {
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .version(3, 6)
            .free("pool-1G-1")
            .volume(
                "pool-1G-2",
                Map.of(
                    "user.manila-share",
                    io.glustershares.model.Identity.shareUuid("prod", "b").toString(),
                    "user.gluster-shares.owner",
                    "prod",
                    "user.gluster-shares.name",
                    "b",
                    "auth.ssl-allow",
                    READY + ",tenant-old",
                    "client.ssl",
                    "on",
                    "server.ssl",
                    "on"))
            .and()
            .cluster("west")
            .and()
            .build();

    Plan plan =
        plan(
            desired(
                "pool-#{size}G-\\d+$",
                "- { name: a, size: 1, cluster: east }\n- { name: b, size: 1, cluster: east }"),
            observed);

    Action create = action(plan, "create_share:a");
    assertThat(create.steps().toString()).doesNotContain("server.dynamic-auth");
    assertThat(plan.actions()).noneMatch(a -> a.id().startsWith("repair_share"));
    Action deny = action(plan, "deny_access:b");
    assertThat(deny.steps().toString()).contains("stop").contains("start");
    assertThat(deny.disruptive()).isTrue();
    assertThat(deny.warnings()).anyMatch(w -> w.startsWith("restarts pool-1G-2 (stop, start)"));
  }
}

package io.glustershares.plan;

import static io.glustershares.plan.Observed.share;
import static io.glustershares.plan.Observed.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.glustershares.inspect.Audit;
import io.glustershares.load.DesiredStateLoader;
import io.glustershares.load.WorkingTree;
import io.glustershares.model.DesiredState;
import io.glustershares.model.GlusterArgv;
import io.glustershares.model.Identity;
import io.glustershares.model.ObservedState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 in the planner: nothing is planned on a volume with a brick on a disconnected peer
 * (gluster would report it done while that brick goes on serving without it), and a cluster of
 * several servers must declare its infrastructure CNs.
 */
class PeerHealthPlanTest {

  private static final String INFRA = "infrastructureCns: [glusterfs-server-1, manila-host]";

  @TempDir Path dir;

  private DesiredState desired(String eastExtra, String shares) throws Exception {
    Files.writeString(
        dir.resolve("f.yaml"),
        """
        apiVersion: gluster-shares/v1
        stack: prod
        volumePattern: 'pool-#{size}G-\\d+$'
        clusters:
          east: { server: root@east-1EXTRA }
          west: { server: west-1 }
        shares:
        """
                .replace("EXTRA", eastExtra.isEmpty() ? "" : ", " + eastExtra)
            + shares.indent(2));
    DesiredStateLoader.Result r =
        new DesiredStateLoader(new WorkingTree(dir)).load(Path.of("f.yaml"));
    assertThat(r.errors()).isEmpty();
    return r.state().orElseThrow();
  }

  private static Plan plan(DesiredState desired, ObservedState observed) {
    return Planner.plan(desired, observed, PlanOptions.DEFAULT);
  }

  private static List<String> ids(Plan plan) {
    return plan.actions().stream().map(Action::id).toList();
  }

  private static List<String> errors(Plan plan) {
    return plan.errors().stream().map(PlanMessage::message).toList();
  }

  /** East of three servers, east-3's glusterd down; pool-2G-1 has no brick there. */
  private static Observed eastWithOneDown() {
    return Observed.state()
        .cluster("east")
        .servers("east-2", "east-3")
        .disconnected("east-3")
        .free("pool-1G-1", "pool-2G-1")
        .bricksOn("pool-2G-1", "east-1", "east-2")
        .and();
  }

  @Test
  void aCreateOnAVolumeWithABrickOnADisconnectedPeerIsAPlanErrorOthersStayPlanned()
      throws Exception {
    Plan plan =
        plan(
            desired(
                INFRA,
                "- { name: a, size: 1, cluster: east, access: [ { cn: t } ] }\n"
                    + "- { name: b, size: 2, cluster: east, access: [ { cn: t } ] }\n"
                    + "- { name: c, size: 1, cluster: west, access: [ { cn: t } ] }"),
            eastWithOneDown().cluster("west").free("pool-1G-1").and().build());

    assertThat(plan.hasErrors()).isTrue();
    assertThat(errors(plan))
        .containsExactly(
            "share 'a': cluster 'east': volume pool-1G-1 has a brick on east-3, which is"
                + " disconnected (glusterd not answering): gluster would accept create_share and"
                + " report success while that server's brick goes on serving without the change;"
                + " not planned until east-3 is back");
    assertThat(plan.errors().get(0).share()).contains("a");
    assertThat(plan.errors().get(0).cluster()).contains("east");
    assertThat(ids(plan)).containsExactly("create_share:b", "create_share:c");
  }

  @Test
  void everyChangeOfSuchAVolumeIsRefusedAccessRepairsSnapshotsAndDeletes() throws Exception {
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .servers("east-2", "east-3")
            .disconnected("east-3")
            .volume("pool-1G-1", with(share("prod", "kept", "tenant-old"), "client.ssl", "off"))
            .volume("pool-1G-2", share("prod", "gone", "tenant-g"))
            .and()
            .cluster("west")
            .and()
            .build();

    Plan plan =
        plan(
            desired(
                INFRA,
                """
                - name: kept
                  size: 1
                  access: [ { cn: tenant-new } ]
                  snapshots: [ { name: nightly } ]
                - { name: gone, state: absent }
                """),
            observed);

    assertThat(plan.actions()).isEmpty();
    assertThat(errors(plan))
        .hasSize(5)
        .allSatisfy(e -> assertThat(e).contains("has a brick on east-3", "cluster 'east'"))
        .anySatisfy(e -> assertThat(e).startsWith("share 'kept'").contains("accept deny_access"))
        .anySatisfy(e -> assertThat(e).startsWith("share 'kept'").contains("accept repair_share"))
        .anySatisfy(e -> assertThat(e).contains("accept create_snapshot"))
        .anySatisfy(e -> assertThat(e).startsWith("share 'gone'").contains("accept delete_share"));
  }

  @Test
  void aCloneStillToBeMadeIsRefusedWhileAnyPeerIsAway() throws Exception {
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .servers("east-2", "east-3")
            .disconnected("east-3")
            .volume("pool-1G-1", share("prod", "parent", "t"))
            .bricksOn("pool-1G-1", "east-1", "east-2")
            .snapshot(
                Identity.snapshotName("prod", "parent", "s"), "pool-1G-1", "prod/parent/s", true)
            .and()
            .cluster("west")
            .and()
            .build();

    Plan plan =
        plan(
            desired(
                INFRA,
                """
                - { name: parent, size: 1, access: [ { cn: t } ], snapshots: [ { name: s } ] }
                - { name: restore, fromSnapshot: { share: parent, snapshot: s }, access: [ { cn: t } ] }
                """),
            observed);

    assertThat(ids(plan)).isEmpty();
    assertThat(errors(plan))
        .singleElement()
        .asString()
        .startsWith("share 'restore': cluster 'east': volume manila-")
        .contains("is still to be made and its bricks may be on east-3");
  }

  @Test
  void whatWaitsOnARefusedActionIsRefusedToo() {
    ObservedState observed = eastWithOneDown().cluster("west").and().build();
    Action refused = action("create_share:a", "pool-1G-1", List.of());
    Action waiting = action("allow_access:b", "pool-2G-1", List.of("create_share:a"));
    Action free = action("allow_access:c", "pool-2G-1", List.of());

    PeerGate.Outcome out =
        PeerGate.filter(List.of(refused, waiting, free), observed.clusters(), Set.of());

    assertThat(out.actions()).containsExactly(free);
    assertThat(out.errors())
        .extracting(PlanMessage::message)
        .hasSize(2)
        .contains(
            "share 'b': allow_access:b is not planned: it waits on create_share:a, which is not"
                + " planned");
  }

  private static Action action(String id, String volume, List<String> dependsOn) {
    ActionType type = ActionType.valueOf(id.substring(0, id.indexOf(':')).toUpperCase());
    return Action.of(
            type, new Subject.Share(id.substring(id.indexOf(':') + 1)), Place.of("east", volume))
        .summary("test")
        .steps(
            List.of(
                new Step.Gluster(
                    GlusterArgv.volumeSet(volume, Map.of("user.x", "1")), volume, "set user.x")))
        .build(id)
        .withDependsOn(dependsOn);
  }

  @Test
  void withEveryPeerConnectedNothingIsRefused() throws Exception {
    Plan plan =
        plan(
            desired(INFRA, "- { name: a, size: 1, cluster: east, access: [ { cn: t } ] }"),
            Observed.state()
                .cluster("east")
                .servers("east-2", "east-3")
                .free("pool-1G-1")
                .and()
                .cluster("west")
                .and()
                .build());

    assertThat(plan.errors()).isEmpty();
    assertThat(ids(plan)).containsExactly("create_share:a");
  }

  // ---- infrastructure CNs of a cluster of several servers -------------------------------------

  @Test
  void aClusterOfSeveralServersMustDeclareItsInfrastructureCns() throws Exception {
    ObservedState observed =
        Observed.state()
            .cluster("east")
            .servers("east-2", "east-3")
            .free("pool-1G-1")
            .and()
            .cluster("west")
            .free("pool-1G-1")
            .and()
            .build();

    Plan plan =
        plan(
            desired(
                "",
                "- { name: a, size: 1, cluster: east, access: [ { cn: t } ] }\n"
                    + "- { name: c, size: 1, cluster: west, access: [ { cn: t } ] }"),
            observed);

    assertThat(errors(plan)).hasSize(1);
    assertThat(errors(plan).get(0))
        .startsWith(
            "cluster 'east' has 3 servers; declare clusters.east.infrastructureCns with every"
                + " server's certificate CN");
    assertThat(plan.errors().get(0).share()).isEmpty();
    assertThat(plan.errors().get(0).cluster()).contains("east");
    // The one-server cluster reads its CNs from its certificate, as before.
    assertThat(ids(plan)).containsExactly("create_share:c");

    Plan declared =
        plan(
            desired(INFRA, "- { name: a, size: 1, cluster: east, access: [ { cn: t } ] }"),
            observed);
    assertThat(declared.errors()).isEmpty();
  }

  @Test
  void theAuditReportsAClusterErrorOnItsCluster() throws Exception {
    Audit audit =
        Audit.of(
            desired("", "- { name: a, size: 1, cluster: east, access: [ { cn: t } ] }"),
            Observed.state()
                .cluster("east")
                .servers("east-2", "east-3")
                .disconnected("east-3")
                .free("pool-1G-1")
                .and()
                .cluster("west")
                .and()
                .build());

    Audit.ClusterAudit east = audit.clusters().get(0);
    assertThat(east.findings())
        .extracting(Audit.Finding::kind, Audit.Finding::message)
        .contains(
            tuple(
                "peer_disconnected",
                "server east-3 is disconnected: no volume with a brick there can be changed"));
    assertThat(east.findings()).anySatisfy(f -> assertThat(f.kind()).isEqualTo("error"));
    assertThat(audit.drift()).isTrue();
  }
}

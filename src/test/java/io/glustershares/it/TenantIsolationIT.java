package io.glustershares.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.cli.Main;
import io.glustershares.it.estate.Cluster;
import io.glustershares.it.estate.Estate;
import io.glustershares.it.estate.EstateExtension;
import io.glustershares.it.estate.Mount;
import io.glustershares.it.estate.Node;
import io.glustershares.it.estate.Tenant;
import io.glustershares.render.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 11's attacks on who may mount, with real FUSE mounts from tenants' own machines on the
 * estate's replica 3 cluster east: a CN that starts like the managing host's, entries gluster reads
 * as glob patterns, and a saved plan with a shell step added. One set-up for all three: two shares
 * ({@code alpha} for tenant-a, {@code beta} for tenant-b), and a free pool volume for each attack
 * that needs one. Each attack ends with the clusters as the file says.
 */
@ExtendWith(EstateExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationIT {

  /** Starts with the managing host's CN prefix, signed by the estate's own CA. */
  private static final String HOSTILE = "manila-hostile";

  private static final String BASE =
      "- { name: alpha, size: 1, access: [ { cn: tenant-a } ] }\n"
          + "- { name: beta, size: 1, access: [ { cn: tenant-b } ] }\n";

  private Estate estate;
  private Cluster east;
  private Path work;
  private String p;
  private String ready;
  private String alpha;
  private String beta;
  private final List<Mount> mounts = new ArrayList<>();

  @BeforeAll
  void shares(Estate estate) {
    this.estate = estate;
    east = estate.cluster("east");
    work = estate.workDir("isolation");
    p = Estate.uniquePrefix();
    ready = east.readyAllow();
    List<String> pool = east.createPool(p, 1, 2);
    alpha = pool.get(0);
    beta = pool.get(1);
    // The CN attack's pool volume (2 GB) and the glob attack's (3 GB).
    east.createVolume(p + "-2G-1", Map.of("auth.ssl-allow", ready));
    east.createVolume(p + "-3G-1", Map.of("auth.ssl-allow", ready));
    desired(BASE);
    Main.Captured created = apply();
    assertThat(created.exitCode()).as(created.out() + created.err()).isZero();
    assertThat(created.out())
        .containsPattern("alpha +east-1:/" + alpha)
        .containsPattern("beta +east-1:/" + beta);
  }

  @AfterEach
  void unmount() {
    mounts.forEach(Mount::unmount);
    mounts.clear();
  }

  @AfterAll
  void cleanUp() {
    if (estate != null) {
      estate.deleteVolumes(p);
    }
  }

  private void desired(String shares) {
    estate
        .desired()
        .stack("iso")
        .pattern(p + "-#{size}G-\\d+$")
        .overSsh(east)
        .write(work.resolve("gluster-shares.yaml"), shares);
  }

  private Main.Captured cli(String... args) {
    return estate
        .managing()
        .tool(work, Map.of("GLUSTER_SHARES_LOCK_DIR", work.resolve("locks").toString()), args);
  }

  private Main.Captured apply() {
    return cli("apply", "--auto-approve");
  }

  private static String export(String volume) {
    return "east-1:/" + volume;
  }

  private Optional<Mount> mount(String cn, String volume) {
    Optional<Mount> m = estate.tenant(cn).mount(export(volume));
    m.ifPresent(mounts::add);
    return m;
  }

  private String allow(String volume) {
    return east.volume(volume).options().get("auth.ssl-allow");
  }

  /** Every argv of every step the plan made now would run. */
  private List<String> planArgvs() {
    Main.Captured plan = cli("plan", "--json");
    List<String> argvs = new ArrayList<>();
    for (JsonNode action : Json.parse(plan.out()).get("actions")) {
      for (JsonNode step : action.get("steps")) {
        argvs.add(step.path("argv").toString() + step.path("argvs").toString());
      }
    }
    return argvs;
  }

  @Test
  void aCertificateForManilaHostileNeverMountsATenantsShare() throws Exception {
    Tenant hostile = estate.tenant(HOSTILE);
    for (String share : List.of(alpha, beta)) {
      assertThat(hostile.refused(export(share))).as(HOSTILE + " on " + share).isTrue();
    }

    // The old attack's set-up, by hand: the CN in one share's list and in a pool volume's list.
    east.set(alpha, Map.of("auth.ssl-allow", allow(alpha) + "," + HOSTILE));
    String pooled = p + "-2G-1";
    east.set(pooled, Map.of("auth.ssl-allow", ready + "," + HOSTILE));
    assertThat(mount(HOSTILE, alpha))
        .as("gluster lets a listed " + HOSTILE + " in: the set-up is real")
        .isPresent();
    unmount();

    Main.Captured audit = cli("audit");
    assertThat(audit.exitCode()).as(audit.out()).isEqualTo(2);
    assertThat(audit.out())
        .contains("extra_cn: allowed but not listed: " + HOSTILE + " (" + alpha + " on east)");
    // Nothing the plan would run copies the CN anywhere: revoking writes alpha's list without it.
    assertThat(planArgvs()).noneMatch(argv -> argv.contains(HOSTILE));

    Main.Captured revoked = apply();
    assertThat(revoked.exitCode()).as(revoked.out() + revoked.err()).isZero();
    assertThat(revoked.out()).contains("~ deny_access alpha: done");
    assertThat(allow(alpha)).isEqualTo(ready + ",tenant-a");
    assertThat(allow(beta)).isEqualTo(ready + ",tenant-b");
    for (String share : List.of(alpha, beta)) {
      assertThat(hostile.refused(export(share))).as(HOSTILE + " on " + share).isTrue();
    }
    assertThat(mount("tenant-a", alpha)).as("tenant-a keeps its share").isPresent();

    // The next tenant of the pool volume that carried the CN: bound with a list of its own.
    desired(BASE + "- { name: gamma, size: 2, access: [ { cn: tenant-c } ] }\n");
    assertThat(planArgvs())
        .anyMatch(argv -> argv.contains("\"auth.ssl-allow\",\"" + ready + ",tenant-c\""))
        .noneMatch(argv -> argv.contains(HOSTILE));
    Main.Captured bound = apply();
    assertThat(bound.exitCode()).as(bound.out() + bound.err()).isZero();
    assertThat(bound.out()).containsPattern("gamma +east-1:/" + pooled);
    assertThat(allow(pooled)).isEqualTo(ready + ",tenant-c");
    assertThat(hostile.refused(export(pooled))).as(HOSTILE + " on gamma").isTrue();
    assertThat(mount("tenant-c", pooled)).as("gamma's tenant mounts it").isPresent();
    assertThat(east.volumeNames().stream().filter(v -> v.startsWith(p)).map(this::allow))
        .as("the CN is on no list of the cluster")
        .noneMatch(list -> list != null && list.contains(HOSTILE));
    desired(BASE);
  }

  @Test
  void entriesGlusterReadsAsGlobsAreDriftAndNeverGuardAShare() throws Exception {
    assertThat(estate.tenant("tenant-b").refused(export(alpha))).isTrue();

    // Measured on the real thing: gluster matches auth.ssl-allow entries as glob patterns.
    east.set(alpha, Map.of("auth.ssl-allow", ready + ",manila-host*,tenant-[b],tenant-a"));
    boolean bracket = mount("tenant-b", alpha).isPresent();
    unmount();
    boolean star = mount(HOSTILE, alpha).isPresent();
    unmount();
    SecurityObservations.record(
        "- glob entries: with auth.ssl-allow `…,manila-host*,tenant-[b],tenant-a`, tenant-b "
            + (bracket ? "mounted" : "was refused")
            + " and "
            + HOSTILE
            + " "
            + (star ? "mounted" : "was refused"));
    assertThat(bracket).as("tenant-[b] lets tenant-b mount").isTrue();
    assertThat(star).as("manila-host* lets " + HOSTILE + " mount").isTrue();

    Main.Captured audit = cli("audit");
    assertThat(audit.exitCode()).as(audit.out()).isEqualTo(2);
    assertThat(audit.out())
        .contains("unsafe_cn: entries gluster matches as patterns")
        .contains("manila-host*", "tenant-[b]");

    Main.Captured removed = apply();
    assertThat(removed.exitCode()).as(removed.out() + removed.err()).isZero();
    assertThat(removed.out())
        .contains(
            "! auth.ssl-allow of "
                + alpha
                + " holds 'tenant-[b]': gluster matches entries as glob patterns")
        .contains("! auth.ssl-allow of " + alpha + " holds 'manila-host*'")
        .contains("~ deny_access alpha: done");
    assertThat(allow(alpha)).isEqualTo(ready + ",tenant-a");
    assertThat(estate.tenant("tenant-b").refused(export(alpha))).as("tenant-b").isTrue();
    assertThat(estate.tenant(HOSTILE).refused(export(alpha))).as(HOSTILE).isTrue();
    assertThat(mount("tenant-a", alpha)).as("tenant-a keeps its share").isPresent();

    // A pool volume carrying a glob is bound with its list rewritten in the binding volume set.
    String pooled = p + "-3G-1";
    east.set(pooled, Map.of("auth.ssl-allow", ready + ",tenant-[b]"));
    desired(BASE + "- { name: epsilon, size: 3, access: [ { cn: tenant-c } ] }\n");
    Main.Captured plan = cli("plan", "--json");
    JsonNode create = null;
    for (JsonNode a : Json.parse(plan.out()).get("actions")) {
      if (a.get("id").asString().equals("create_share:epsilon")) {
        create = a;
      }
    }
    assertThat(create).as(plan.out()).isNotNull();
    assertThat(create.get("disruption").toString()).contains("holds 'tenant-[b]'");
    List<String> sets = new ArrayList<>();
    create.get("steps").forEach(s -> sets.add(s.path("argv").toString()));
    assertThat(sets)
        .filteredOn(argv -> argv.contains("\"set\""))
        .singleElement()
        .satisfies(
            argv ->
                assertThat(argv)
                    .contains("\"auth.ssl-allow\",\"" + ready + ",tenant-c\"")
                    .doesNotContain("tenant-[b]"));
    Main.Captured bound = apply();
    assertThat(bound.exitCode()).as(bound.out() + bound.err()).isZero();
    assertThat(allow(pooled)).isEqualTo(ready + ",tenant-c");
    assertThat(estate.tenant("tenant-b").refused(export(pooled)))
        .as("tenant-b on epsilon")
        .isTrue();
    assertThat(mount("tenant-c", pooled)).as("epsilon's tenant mounts it").isPresent();
    desired(BASE);
  }

  @Test
  void aShellStepAddedToASavedPlanIsRefusedAndNothingRunsOnTheNode() throws Exception {
    desired(BASE.replace("{ cn: tenant-b }", "{ cn: tenant-d }"));
    Main.Captured saved = cli("plan", "--out", "saved.json");
    assertThat(saved.exitCode()).as(saved.out() + saved.err()).isZero();
    Path file = work.resolve("saved.json");
    ObjectNode plan = (ObjectNode) Json.parse(Files.readString(file));
    ObjectNode deny = null;
    for (JsonNode a : plan.get("actions")) {
      if (a.get("id").asString().equals("deny_access:beta")) {
        deny = (ObjectNode) a;
      }
    }
    assertThat(deny).as(plan.toString()).isNotNull();
    ObjectNode step = ((ArrayNode) deny.get("steps")).addObject();
    step.put("kind", "gluster");
    step.put("volume", beta);
    step.put("description", "looks harmless");
    step.putArray("argv").add("sh").add("-c").add("touch /tmp/pwned");
    Files.writeString(file, plan.toString());
    Node server = east.first();
    Path history = server.namespace().inside("/var/log/glusterfs/cmd_history.log");
    long mark = Files.size(history);
    Map<String, String> before = east.volume(beta).options();

    Main.Captured refused = cli("apply", "saved.json", "--auto-approve");

    assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(4);
    assertThat(refused.err())
        .contains("does not give the saved plan")
        .contains("action deny_access:beta.steps: 2 entries saved, 1 now");
    assertThat(server.exec("test", "-e", "/tmp/pwned").ok()).as("on east-1").isFalse();
    assertThat(estate.managing().exec("test", "-e", "/tmp/pwned").ok())
        .as("on the managing host")
        .isFalse();
    String since = Files.readString(history).substring((int) mark);
    assertThat(since).as("glusterd's command history since the apply").doesNotContain("volume set");
    assertThat(east.volume(beta).options()).isEqualTo(before);
    assertThat(mount("tenant-b", beta))
        .as("the deny did not run: tenant-b still mounts")
        .isPresent();
    desired(BASE);
  }
}

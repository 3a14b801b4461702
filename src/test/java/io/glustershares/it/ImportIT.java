package io.glustershares.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.cli.CliRunner;
import io.glustershares.cli.Main;
import io.glustershares.gluster.ProcessResult;
import io.glustershares.model.Identity;
import io.glustershares.model.Volume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * import on real glusterd: a share this tool made and a volume set up exactly as OpenStack Manila's
 * GlusterFS Native driver leaves a share come back as entries; after one apply (which only tags the
 * Manila volume: no restart, nothing else changed) the plan has no changes.
 */
class ImportIT {

  private static final String MANILA_UUID = "5b0c3a2e-1d4f-4e6a-8b9c-0d1e2f3a4b5c";

  @TempDir Path work;
  private RealGluster gluster;
  private String p;
  private CliRunner cli;

  @BeforeEach
  void estate() throws Exception {
    gluster = RealGluster.require();
    TlsSetup.ensure();
    p = RealGluster.uniquePrefix();
    gluster.createVolume(p + "-1G-1", Map.of("auth.ssl-allow", "glusterfs-server-1,manila-host"));
    gluster.createVolume(p + "-3G-1", Map.of("auth.ssl-allow", "glusterfs-server-1,manila-host"));
    asManilaLeavesIt(p + "-3G-1", "tenant-m");
    cli = new CliRunner(work).env("GLUSTER_SHARES_LOCK_DIR", work.resolve("locks").toString());
  }

  @AfterEach
  void cleanUp() {
    if (gluster != null) {
      gluster.cleanUp();
    }
  }

  /**
   * What manila/share/drivers/glusterfs (layout_volume.create_share, glusterfs_native
   * _setup_via_manager and _update_access_via_manager) runs: one option per call, booleans spelled
   * ON/OFF, a restart for TLS, then the access list sorted.
   */
  private void asManilaLeavesIt(String volume, String tenant) throws Exception {
    gluster("volume", "set", volume, Identity.MANILA_SHARE, MANILA_UUID);
    gluster("volume", "set", volume, "nfs.export-volumes", "OFF");
    gluster("volume", "set", volume, "client.ssl", "ON");
    gluster("volume", "set", volume, "server.ssl", "ON");
    gluster("volume", "set", volume, "server.dynamic-auth", "ON");
    gluster("--mode=script", "volume", "stop", volume);
    gluster("volume", "start", volume);
    gluster(
        "volume",
        "set",
        volume,
        "auth.ssl-allow",
        String.join(
            ",", new java.util.TreeSet<>(List.of("glusterfs-server-1", "manila-host", tenant))));
  }

  private String gluster(String... args) throws Exception {
    List<String> argv = new java.util.ArrayList<>(List.of("gluster", "--xml"));
    argv.addAll(List.of(args));
    ProcessResult r = gluster.runner().run(argv, Duration.ofSeconds(120));
    assertThat(r.stdout())
        .as(String.join(" ", argv) + "\n" + r.stderr())
        .contains("<opRet>0</opRet>");
    return r.stdout();
  }

  private String brickPid(String volume) throws Exception {
    Matcher m = Pattern.compile("<pid>(\\d+)</pid>").matcher(gluster("volume", "status", volume));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private void write(String name, String shares) throws Exception {
    Files.writeString(
        work.resolve(name),
        """
        apiVersion: gluster-shares/v1
        stack: it
        volumePattern: 'PREFIX-#{size}G-\\d+$'
        mountBase: WORK/wipe
        clusters:
          local:
            server: HOST
        """
                .replace("PREFIX", p)
                .replace("HOST", gluster.host())
                .replace("WORK", work.toString())
            + shares);
  }

  @Test
  void importRoundTripsAndAdoptsAManilaShareWithoutTouchingIt() throws Exception {
    write(
        "gluster-shares.yaml",
        "shares:\n  - { name: alpha, size: 1, access: [ { cn: tenant-a } ] }\n");
    Main.Captured created = cli.run("apply", "--auto-approve");
    assertThat(created.exitCode()).as(created.out() + created.err()).isZero();
    write("estate.yaml", "");

    Main.Captured imported =
        cli.run("import", "-f", "estate.yaml", "--cluster", "local", "--out", "imported.yaml");

    assertThat(imported.exitCode()).as(imported.err()).isZero();
    String file = Files.readString(work.resolve("imported.yaml"));
    assertThat(file)
        .contains(
            """
            shares:
              - name: alpha
                cluster: local
                size: 1
                access:
                  - cn: tenant-a
            """)
        .contains(
            "  - name: manila-"
                + MANILA_UUID
                + "\n    cluster: local\n    volume: "
                + p
                + "-3G-1\n    access:\n      - cn: tenant-m\n");

    String manila = p + "-3G-1";
    Map<String, String> before = gluster.volume(manila).options();
    String pid = brickPid(manila);
    Main.Captured plan = cli.run("plan", "-f", "imported.yaml");
    assertThat(plan.out())
        .contains("~ adopt_share manila-" + MANILA_UUID + "  cluster local  volume " + manila)
        .contains("Plan: 0 to create, 1 to change, 0 to destroy.");

    Main.Captured adopted = cli.run("apply", "-f", "imported.yaml", "--auto-approve");
    assertThat(adopted.exitCode()).as(adopted.out() + adopted.err()).isZero();

    Volume after = gluster.volume(manila);
    assertThat(brickPid(manila)).as("not restarted").isEqualTo(pid);
    assertThat(after.status()).isEqualTo(Volume.Status.STARTED);
    assertThat(after.options())
        .containsEntry(Identity.OWNER, "it")
        .containsEntry(Identity.NAME, "manila-" + MANILA_UUID)
        .containsEntry(Identity.MANILA_SHARE, MANILA_UUID);
    Map<String, String> untouched = new java.util.HashMap<>(after.options());
    untouched.remove(Identity.OWNER);
    untouched.remove(Identity.NAME);
    assertThat(untouched).isEqualTo(before);

    Main.Captured again = cli.run("plan", "-f", "imported.yaml", "--detailed-exitcode");
    assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
    assertThat(again.out()).contains("No changes: the clusters match the file.");
  }
}

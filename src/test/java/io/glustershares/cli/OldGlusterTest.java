package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gluster 3.6 on the simulator: it has no {@code server.dynamic-auth}, which Manila's {@code
 * _setup_via_manager} sets on its own with {@code ignore_failure}, and a deny restarts the volume.
 */
class OldGlusterTest {

  @TempDir Path work;

  private void write(String version, String tenants) throws Exception {
    Files.writeString(
        work.resolve("pool.yaml"),
        "host: gluster-old-1\nversion: \""
            + version
            + "\"\nvolumes:\n"
            + "  - name: pool-1G-1\n"
            + "    options: { auth.ssl-allow: \"glusterfs-server-1,manila-host\" }\n");
    Files.writeString(
        work.resolve("f.yaml"),
        "apiVersion: gluster-shares/v1\nstack: prod\nvolumePattern: 'pool-#{size}G-\\d+$'\n"
            + "clusters:\n  old:\n    server: sim:pool.yaml\n"
            + "    infrastructureCns: [glusterfs-server-1, manila-host]\n"
            + "shares:\n  - { name: a, size: 1, access: [ "
            + tenants
            + " ] }\n");
  }

  @Test
  void setupViaManagerLeavesDynamicAuthOutOn36AndADenyIsARestart() throws Exception {
    write("3.6", "{ cn: tenant-a }, { cn: tenant-b }");
    CliRunner cli = new CliRunner(work);

    Main.Captured create = cli.run("apply", "-f", "f.yaml", "--auto-approve");
    assertThat(create.exitCode()).as(create.out() + create.err()).isZero();
    assertThat(Files.readString(work.resolve(".gluster-shares/old.calls")))
        .doesNotContain("server.dynamic-auth");
    assertThat(cli.run("plan", "-f", "f.yaml").out())
        .contains("No changes: the clusters match the file.");

    write("3.6", "{ cn: tenant-a }");
    Main.Captured plan = cli.run("plan", "-f", "f.yaml");
    assertThat(plan.out())
        .contains("~ deny_access a")
        .contains("! restarts pool-1G-1 (stop, start) to cut off connected clients of tenant-b");
    Main.Captured deny = cli.run("apply", "-f", "f.yaml", "--auto-approve");
    assertThat(deny.exitCode()).as(deny.out() + deny.err()).isZero();
    assertThat(cli.run("plan", "-f", "f.yaml").out())
        .contains("No changes: the clusters match the file.");
  }

  @Test
  void fromGluster37OnTheSecuringSetCarriesDynamicAuth() throws Exception {
    write("3.7", "{ cn: tenant-a }");
    Main.Captured apply = new CliRunner(work).run("apply", "-f", "f.yaml", "--auto-approve");

    assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
    assertThat(Files.readString(work.resolve(".gluster-shares/old.calls")))
        .contains("server.dynamic-auth on");
  }
}

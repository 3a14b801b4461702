package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.JsonSchemas;
import io.glustershares.TestFiles;
import io.glustershares.TestRepo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --rev}, {@code --diff-rev} and provenance against repositories made by the test: branches,
 * tags, commits, renamed files, binary garbage at a revision, certificates that changed.
 */
class GitRevisionTest {

  private static final String HEADER =
      "apiVersion: gluster-shares/v1\n"
          + "stack: demo\n"
          + "volumePattern: 'manila-share-volume-#{size}G-\\d+$'\n"
          + "clusters:\n"
          + "  demo:\n"
          + "    server: sim:demo-pool.yaml\n"
          + "    infrastructureCns: [glusterfs-server-1, manila-host]\n";

  @TempDir Path work;
  private TestRepo repo;
  private CliRunner cli;
  private String first;
  private String second;

  @BeforeEach
  void history() throws Exception {
    TestFiles.copyTree(Path.of("examples/quickstart"), work);
    Files.delete(work.resolve("gluster-shares.yaml"));
    repo = TestRepo.init(work);
    repo.write(
        "gluster-shares.yaml",
        HEADER
            + "shares:\n"
            + "  - name: alpha\n"
            + "    size: 1\n"
            + "    access: [ { certificate: certs/tenant-b.pem } ]\n");
    first = repo.commit("alpha");
    repo.tag("v1").branch("stable");
    // The certificate changes too: --rev must read it at the revision, not from disk.
    repo.write(
        "certs/tenant-b.pem", Files.readString(Path.of("src/test/resources/doctor/demo-ca.pem")));
    repo.write(
        "gluster-shares.yaml",
        HEADER
            + "shares:\n"
            + "  - name: alpha\n"
            + "    size: 1\n"
            + "    access: [ { certificate: certs/tenant-b.pem }, { cn: tenant-x } ]\n"
            + "  - name: beta\n"
            + "    size: 3\n");
    second = repo.commit("beta");
    cli = new CliRunner(work);
  }

  @AfterEach
  void close() {
    repo.close();
  }

  @Test
  void validateReadsTheFileAndItsCertificatesAtABranchTagCommitOrExpression() {
    for (String rev : new String[] {"stable", "v1", first, first.substring(0, 10), "HEAD~1"}) {
      Main.Captured r = cli.run("validate", "--rev", rev);
      assertThat(r.exitCode()).as(rev + ": " + r.err()).isZero();
      assertThat(r.out())
          .isEqualTo(
              "gluster-shares.yaml at revision "
                  + rev
                  + ": valid: 1 cluster, 1 share, 1 access entry, 0 snapshots\n");
    }
    assertThat(cli.run("validate", "--rev", "main").out()).contains("2 shares, 2 access entries");
  }

  @Test
  void planAtARevisionUsesTheCertificateCnOfThatRevision() {
    Main.Captured then = cli.run("plan", "--rev", "v1");
    Main.Captured now = cli.run("plan");

    assertThat(then.exitCode()).as(then.err()).isZero();
    assertThat(then.out())
        .contains("git: gluster-shares.yaml at revision v1 (" + first.substring(0, 12) + ")")
        .contains(
            "auth.ssl-allow:      glusterfs-server-1,manila-host → glusterfs-server-1,manila-host,tenant-b-client")
        .doesNotContain("beta");
    assertThat(now.out())
        .contains(
            "git: gluster-shares.yaml at commit "
                + second.substring(0, 12)
                + ", working tree clean")
        .contains("demo-ca")
        .contains("create_share beta");
  }

  @Test
  void provenanceSaysWhenTheFilesReadDifferFromTheCommit() throws Exception {
    Main.Captured clean = cli.run("plan", "--json");
    assertThat(clean.out())
        .contains("\"commit\" : \"" + second + "\"")
        .contains("\"dirty\" : false");

    Files.writeString(work.resolve("unrelated.txt"), "not read by the plan");
    assertThat(cli.run("plan", "--json").out()).contains("\"dirty\" : false");

    // A certificate the file names is part of what was planned.
    Files.writeString(
        work.resolve("certs/tenant-b.pem"),
        Files.readString(Path.of("src/test/resources/valid/certs/tenant-cert-a.pem")));
    Main.Captured dirty = cli.run("plan", "--json");
    assertThat(dirty.out())
        .contains("\"dirty\" : true")
        .contains("\"pathInRepo\" : \"gluster-shares.yaml\"")
        .contains("\"revision\" : null");
    assertThat(JsonSchemas.problems("plan-v1.schema.json", dirty.out())).isEmpty();
    assertThat(cli.run("plan").out())
        .contains("at commit " + second.substring(0, 12) + ", working tree differs from it");

    // With --rev the document comes from the commit itself: never dirty.
    Main.Captured rev = cli.run("plan", "--json", "--rev", "HEAD");
    assertThat(rev.out()).contains("\"dirty\" : false").contains("\"revision\" : \"HEAD\"");
  }

  @Test
  void auditCarriesProvenanceInEveryFormat() {
    Main.Captured json = cli.run("audit", "--format", "json", "--rev", "v1");
    assertThat(JsonSchemas.problems("audit-v1.schema.json", json.out())).isEmpty();
    assertThat(json.out())
        .contains("\"commit\" : \"" + first + "\"")
        .contains("\"revision\" : \"v1\"")
        .contains("\"pathInRepo\" : \"gluster-shares.yaml\"");
    assertThat(cli.run("audit", "--format", "junit").out())
        .contains("<property name=\"commit\" value=\"" + second + "\"/>")
        .contains("<property name=\"dirty\" value=\"false\"/>");
    assertThat(cli.run("audit", "--format", "markdown").out())
        .contains("git: gluster-shares.yaml at commit " + second.substring(0, 12));
    assertThat(cli.run("audit").out())
        .contains("  git: gluster-shares.yaml at commit " + second.substring(0, 12))
        .contains("  made by gluster-shares ");
  }

  @Test
  void anUnknownRevisionIsOneLineAndExit3() {
    for (String bad : new String[] {"no-such-branch", "deadbeef00", "HEAD~5", "main..stable"}) {
      Main.Captured r = cli.run("plan", "--rev", bad);
      assertThat(r.exitCode()).as(bad).isEqualTo(3);
      assertThat(r.err().lines()).as(bad).hasSize(1);
      assertThat(r.err()).as(bad).contains("'" + bad + "'").doesNotContain("\tat ");
      assertThat(r.out()).isEmpty();
    }
    assertThat(cli.run("validate", "--rev", "nope").err())
        .isEqualTo(
            "gluster-shares: unknown revision 'nope' in the git repository "
                + realPath()
                + "; valid: a branch, tag, commit id or HEAD~N (a shallow clone may lack it)\n");
  }

  @Test
  void aMistypedBranchOrTagIsSuggestedByEditDistance() {
    Main.Captured diff = cli.run("plan", "--diff-rev", "stabel");
    assertThat(diff.exitCode()).isEqualTo(3);
    assertThat(diff.err())
        .isEqualTo(
            "gluster-shares: unknown revision 'stabel' in the git repository "
                + realPath()
                + " (did you mean 'stable'?)\n");

    assertThat(cli.run("plan", "--rev", "V1x").err()).contains("(did you mean 'v1'?)");
  }

  @Test
  void aBranchOnlyKnownAsRemoteIsSuggested() throws Exception {
    repo.remoteBranch("origin", "release", first);

    Main.Captured r = cli.run("plan", "--diff-rev", "release");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err())
        .contains("unknown revision 'release'")
        .contains("did you mean origin/release?");
    assertThat(cli.run("plan", "--diff-rev", "origin/release").out())
        .contains(
            "Changes to the desired state since origin/release (" + first.substring(0, 12) + "):");
  }

  @Test
  void aFileAbsentAtTheRevisionIsExit3() throws Exception {
    repo.write("other.yaml", HEADER);
    repo.commit("other");

    Main.Captured r = cli.run("validate", "-f", "other.yaml", "--rev", "v1");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err())
        .isEqualTo(
            "other.yaml:1:1: (file): no such file at revision v1 ("
                + first.substring(0, 12)
                + "); valid: a path to a gluster-shares YAML file (-f FILE)\n");
  }

  @Test
  void aRenamedFileIsFoundUnderItsOldNameForDiffsAndNamedForRev() throws Exception {
    repo.move("gluster-shares.yaml", "stacks/demo.yaml");
    // Paths in the file are relative to it: move what it names along.
    repo.move("demo-pool.yaml", "stacks/demo-pool.yaml");
    repo.move("certs", "stacks/certs");
    repo.commit("move into stacks/");

    Main.Captured rev = cli.run("plan", "-f", "stacks/demo.yaml", "--rev", "v1");
    assertThat(rev.exitCode()).isEqualTo(3);
    assertThat(rev.err())
        .contains("no such file at revision v1")
        .contains("it was gluster-shares.yaml");

    Main.Captured diff = cli.run("plan", "-f", "stacks/demo.yaml", "--diff-rev", "v1");
    assertThat(diff.exitCode()).as(diff.err()).isZero();
    assertThat(diff.out())
        .contains(
            "Changes to the desired state since v1 ("
                + first.substring(0, 12)
                + "), as gluster-shares.yaml:")
        .contains("  + share beta")
        .contains("      access: + demo-ca, + tenant-x, - tenant-b-client");
  }

  @Test
  void binaryGarbageAtARevisionIsReportedWithItsPosition() throws Exception {
    repo.write("gluster-shares.yaml", new byte[] {'a', 'p', 'i', ':', ' ', (byte) 0xff, 0, 1});
    repo.commit("garbage");

    Main.Captured r = cli.run("validate", "--rev", "HEAD");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).startsWith("gluster-shares.yaml:1:6: ").doesNotContain("\tat ");
    assertThat(cli.run("validate", "--rev", "HEAD~1").exitCode()).isZero();
  }

  @Test
  void diffAgainstARevisionWhereTheFileIsInvalidOrMissingSaysSo() throws Exception {
    repo.write("gluster-shares.yaml", "apiVersion: nope\n");
    repo.commit("broken");
    repo.write("gluster-shares.yaml", HEADER + "shares: [ { name: gamma, size: 1 } ]\n");
    repo.commit("fixed");

    assertThat(cli.run("plan", "--diff-rev", "HEAD~1").out())
        .contains("(the file was not valid at HEAD~1 (")
        .contains("no share-by-share comparison)");

    repo.write("new.yaml", HEADER + "shares: [ { name: delta, size: 1 } ]\n");
    repo.commit("new file");
    assertThat(cli.run("plan", "-f", "new.yaml", "--diff-rev", "v1").out())
        .contains(
            "(the file did not exist at v1 (" + first.substring(0, 12) + "): every share is new)")
        .contains("  + share delta");
  }

  @Test
  void diffRevInJsonAndMarkdown() {
    Main.Captured json = cli.run("plan", "--json", "--diff-rev", "stable");
    assertThat(JsonSchemas.problems("plan-v1.schema.json", json.out())).isEmpty();
    assertThat(json.out())
        .contains("\"base\" : \"stable (" + first.substring(0, 12) + ")\"")
        .contains("\"share\" : \"beta\"")
        .contains("\"change\" : \"added\"");

    Main.Captured md = cli.run("plan", "--format", "markdown", "--diff-rev", "stable");
    assertThat(md.out())
        .startsWith("## gluster-shares plan: 2 to create, 0 to change, 0 to destroy\n")
        .contains(
            "### Changes to the desired state since `stable (" + first.substring(0, 12) + ")`")
        .contains("| + | beta | size: 3 GB |")
        .contains("| ~ | alpha | access: + demo-ca, + tenant-x, - tenant-b-client |");
  }

  @Test
  void revOutsideAGitRepositoryIsExit3(@TempDir Path elsewhere) throws Exception {
    TestFiles.copyTree(Path.of("examples/quickstart"), elsewhere);
    Main.Captured r = new CliRunner(elsewhere).run("plan", "--rev", "main");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err())
        .isEqualTo("gluster-shares: --rev main: gluster-shares.yaml is not in a git repository\n");
    assertThat(new CliRunner(elsewhere).run("plan", "--json").out())
        .contains("\"commit\" : null")
        .contains("\"pathInRepo\" : null");
  }

  @Test
  void aSavedPlanFromARevisionIsCheckedAgainstThatRevision() throws Exception {
    assertThat(cli.run("plan", "--rev", "v1", "--out", "v1.plan").exitCode()).isZero();
    // The working tree moves on; the plan still says what v1 asked for.
    Files.writeString(work.resolve("gluster-shares.yaml"), HEADER);

    Main.Captured apply = cli.run("apply", "v1.plan", "--auto-approve");

    assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
    assertThat(apply.out())
        .contains("from git: gluster-shares.yaml at revision v1 (" + first.substring(0, 12) + ")")
        .contains("create_share alpha");
  }

  private Path realPath() {
    try {
      return work.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

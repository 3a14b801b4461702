package io.glustershares;

import io.glustershares.load.GitSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A git repository made by a test, with jgit: fixed author, committer and times, so that commit ids
 * are the same on every run; no signing; the user's git configuration is not read.
 */
public final class TestRepo implements AutoCloseable {

  private final Git git;
  private final Path dir;
  private Instant time = Instant.parse("2026-11-01T09:00:00Z");

  private TestRepo(Git git, Path dir) {
    this.git = git;
    this.dir = dir;
  }

  public static TestRepo init(Path dir) throws GitAPIException {
    GitSource.isolate();
    return new TestRepo(Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call(), dir);
  }

  public Path dir() {
    return dir;
  }

  public TestRepo write(String path, String content) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return this;
  }

  public TestRepo write(String path, byte[] content) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    return this;
  }

  /** Stages every change (additions, modifications, deletions) and commits it. */
  public String commit(String message) throws GitAPIException {
    git.add().addFilepattern(".").call();
    git.add().addFilepattern(".").setUpdate(true).call();
    PersonIdent who =
        new PersonIdent("gluster-shares test", "test@example.invalid", time, ZoneOffset.UTC);
    time = time.plusSeconds(60);
    RevCommit commit =
        git.commit().setAuthor(who).setCommitter(who).setSign(false).setMessage(message).call();
    return commit.name();
  }

  public TestRepo tag(String name) throws GitAPIException {
    git.tag().setName(name).setAnnotated(false).call();
    return this;
  }

  public TestRepo branch(String name) throws GitAPIException {
    git.branchCreate().setName(name).call();
    return this;
  }

  /** A remote-tracking branch, as a CI checkout has for the target branch. */
  public TestRepo remoteBranch(String remote, String name, String commit) throws IOException {
    org.eclipse.jgit.lib.RefUpdate update =
        git.getRepository().updateRef("refs/remotes/" + remote + "/" + name);
    update.setNewObjectId(org.eclipse.jgit.lib.ObjectId.fromString(commit));
    update.forceUpdate();
    return this;
  }

  public TestRepo move(String from, String to) throws IOException {
    Path target = dir.resolve(to);
    Files.createDirectories(target.getParent());
    Files.move(dir.resolve(from), target);
    return this;
  }

  @Override
  public void close() {
    git.close();
  }
}

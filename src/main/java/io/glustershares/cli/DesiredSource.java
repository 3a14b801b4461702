package io.glustershares.cli;

import io.glustershares.load.DesiredStateLoader;
import io.glustershares.load.GitDirectory;
import io.glustershares.load.GitSource;
import io.glustershares.load.SourceTree;
import io.glustershares.load.WorkingTree;
import io.glustershares.model.DesiredState;
import io.glustershares.model.Plural;
import io.glustershares.plan.DesiredDiff;
import io.glustershares.planfile.Provenance;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Loads the desired state from the working tree or, with {@code --rev}, from a git revision, and
 * says where it came from.
 */
final class DesiredSource {

  /** The state and its provenance. */
  record Loaded(DesiredState desired, Provenance provenance) {}

  private DesiredSource() {}

  static Loaded load(Context context, Path file, Optional<String> revision) {
    Path workDir = context.environment.workDir();
    Path absolute = workDir.resolve(file);
    try (GitRepo git = GitRepo.find(absolute)) {
      if (revision.isPresent()) {
        GitSource source =
            git.required("--rev " + revision.get() + ": " + file + " is not in a git repository");
        GitSource.Revision resolved = resolve(source, revision.get());
        DesiredState desired =
            DesiredFile.load(context, absentHint(source, resolved, file, workDir), file);
        return new Loaded(
            desired,
            provenance(
                context,
                desired,
                Optional.of(resolved.commit()),
                Optional.of(false),
                source.pathInRepo(absolute),
                Optional.of(revision.get())));
      }
      Recording tree = new Recording(new WorkingTree(workDir));
      DesiredState desired = DesiredFile.load(context, tree, file);
      if (git.source().isEmpty()) {
        return new Loaded(
            desired,
            provenance(
                context,
                desired,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
      }
      GitSource source = git.source().get();
      Optional<GitSource.Revision> head = source.head();
      List<Path> read = tree.read.stream().map(workDir::resolve).toList();
      Optional<Boolean> dirty =
          head.isPresent() ? Optional.of(source.differs(head.get(), read)) : Optional.of(true);
      return new Loaded(
          desired,
          provenance(
              context,
              desired,
              head.map(GitSource.Revision::commit),
              dirty,
              source.pathInRepo(absolute),
              Optional.empty()));
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /** The desired state at a commit recorded in a saved plan. */
  static DesiredState loadAt(Context context, Path file, String commit) {
    Path absolute = context.environment.workDir().resolve(file);
    try (GitRepo git = GitRepo.find(absolute)) {
      GitSource source =
          git.required(
              "the plan was made from "
                  + file
                  + " at commit "
                  + commit
                  + ", but it is not in a git repository here");
      return DesiredFile.load(
          context, source.tree(resolve(source, commit), context.environment.workDir()), file);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  private static UserError unreadable(Path file, IOException e) {
    return new UserError(
        ExitCode.INVALID, "cannot read the git repository of " + file + ": " + e.getMessage(), e);
  }

  /**
   * What changed in the desired state between {@code base} and {@code now}: the file at the base
   * (under its old name when it was renamed since), loaded without reporting its problems.
   */
  static DesiredDiff diff(Context context, Path file, String base, DesiredState now) {
    Path workDir = context.environment.workDir();
    Path absolute = workDir.resolve(file);
    try (GitRepo git = GitRepo.find(absolute)) {
      GitSource source =
          git.required("--diff-rev " + base + ": " + file + " is not in a git repository");
      GitSource.Revision revision = resolve(source, base);
      String label = revision.describe();
      Optional<String> path = source.pathInRepo(absolute);
      Optional<GitSource.Revision> head = source.head();
      Optional<String> then =
          path.isEmpty()
              ? Optional.empty()
              : head.isPresent()
                  ? source.pathAt(revision, head.get(), path.get())
                  : Optional.<String>empty();
      if (then.isEmpty()) {
        return DesiredDiff.between(
            label,
            Optional.empty(),
            Optional.of("the file did not exist at " + label + ": every share is new"),
            now);
      }
      if (!then.get().equals(path.get())) {
        label += ", as " + then.get();
      }
      Path relative = workDir.toRealPath().relativize(source.workTree().resolve(then.get()));
      DesiredStateLoader.Result result =
          new DesiredStateLoader(source.tree(revision, workDir)).load(relative);
      if (!result.ok()) {
        return new DesiredDiff(
            label,
            Optional.of(
                "the file was not valid at "
                    + revision.describe()
                    + " ("
                    + Plural.of(result.errors().size(), "error")
                    + "): no share-by-share comparison"),
            List.of(),
            List.of());
      }
      return DesiredDiff.between(label, result.state(), Optional.empty(), now);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  static GitSource.Revision resolve(GitSource source, String revision) throws IOException {
    try {
      return source.resolve(revision);
    } catch (GitSource.RevisionException e) {
      throw new UserError(ExitCode.INVALID, e.getMessage());
    }
  }

  /**
   * The tree at a revision; when the file is absent there but was renamed since, the message says
   * under which name it existed.
   */
  private static SourceTree absentHint(
      GitSource source, GitSource.Revision revision, Path file, Path workDir) throws IOException {
    SourceTree tree = source.tree(revision, workDir);
    if (tree.exists(file)) {
      return tree;
    }
    Optional<GitSource.Revision> head = source.head();
    Optional<String> path = source.pathInRepo(workDir.resolve(file));
    if (head.isPresent() && path.isPresent()) {
      Optional<String> before = source.pathAt(revision, head.get(), path.get());
      if (before.isPresent() && !before.get().equals(path.get())) {
        throw new UserError(
            ExitCode.INVALID,
            file
                + ":1:1: (file): no such file at revision "
                + revision.describe()
                + "; it was renamed since: it was "
                + before.get()
                + " (relative to "
                + source.workTree()
                + ") there");
      }
    }
    return tree;
  }

  private static Provenance provenance(
      Context context,
      DesiredState desired,
      Optional<String> commit,
      Optional<Boolean> dirty,
      Optional<String> pathInRepo,
      Optional<String> revision) {
    return new Provenance(
        desired.source(),
        desired.digest(),
        VersionProvider.version(),
        commit,
        dirty,
        pathInRepo,
        revision,
        Provenances.now(context));
  }

  /** The git repository of a file, when there is one; closes it with the command. */
  record GitRepo(Optional<GitSource> source) implements AutoCloseable {
    static GitRepo find(Path file) throws IOException {
      return new GitRepo(GitDirectory.above(file) ? GitSource.find(file) : Optional.empty());
    }

    /** The repository; without one, the command ends with exit 3 and {@code why}. */
    GitSource required(String why) {
      return source.orElseThrow(() -> new UserError(ExitCode.INVALID, why));
    }

    @Override
    public void close() {
      // Not source.ifPresent(GitSource::close): the method reference loads GitSource, and with it
      // jgit, even when there is no repository to close.
      if (source.isPresent()) {
        source.get().close();
      }
    }
  }

  /** Remembers what was read, so that provenance can say whether those files changed. */
  private static final class Recording implements SourceTree {
    private final SourceTree tree;
    private final List<Path> read = new ArrayList<>();

    Recording(SourceTree tree) {
      this.tree = tree;
    }

    @Override
    public byte[] read(Path path, long limit) throws IOException {
      synchronized (read) {
        read.add(path);
      }
      return tree.read(path, limit);
    }

    @Override
    public boolean exists(Path path) {
      return tree.exists(path);
    }

    @Override
    public Path realPath(Path path) throws IOException {
      return tree.realPath(path);
    }

    @Override
    public SourceTree disk() {
      return tree.disk();
    }
  }
}

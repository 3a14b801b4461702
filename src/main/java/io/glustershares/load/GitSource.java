package io.glustershares.load;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * The git repository that holds a desired-state file, read with jgit (no {@code git} binary): files
 * at a revision, the commit a working-tree file comes from and whether it differs, and where a file
 * was before a rename. Read-only: nothing is ever written to the repository.
 */
public final class GitSource implements AutoCloseable {

  /** A revision as the user named it and the commit it resolved to. */
  public record Revision(String asked, String commit) {
    public String shortCommit() {
      return commit.substring(0, 12);
    }

    /** {@code main (1a2b3c4d5e6f)}, or just the commit id when that is what was asked. */
    public String describe() {
      return commit.startsWith(asked) ? shortCommit() : asked + " (" + shortCommit() + ")";
    }
  }

  /** A revision that cannot be used: unknown, ambiguous, not a commit, not in this clone. */
  public static final class RevisionException extends Exception {
    public RevisionException(String message) {
      super(message);
    }
  }

  private static final int MAX_SYMLINKS = 8;

  private final Repository repository;
  private final Path workTree;

  private GitSource(Repository repository, Path workTree) {
    this.repository = repository;
    this.workTree = workTree;
  }

  /**
   * The repository whose working tree contains {@code file} (which need not exist), if any. Git's
   * system and user configuration are not read: a CI runner's or a laptop's settings must not
   * change what a revision holds.
   */
  public static Optional<GitSource> find(Path file) throws IOException {
    isolate();
    Path dir = nearestExisting(file.toAbsolutePath().normalize().getParent());
    if (dir == null) {
      return Optional.empty();
    }
    FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(dir.toFile());
    if (builder.getGitDir() == null) {
      return Optional.empty();
    }
    Repository repository = builder.setMustExist(true).build();
    if (repository.isBare()) {
      repository.close();
      return Optional.empty();
    }
    return Optional.of(new GitSource(repository, repository.getWorkTree().toPath().toRealPath()));
  }

  public Path workTree() {
    return workTree;
  }

  /** The path of {@code file} in the repository, with '/' separators; empty when outside it. */
  public Optional<String> pathInRepo(Path file) throws IOException {
    Path canonical = canonical(file.toAbsolutePath().normalize());
    if (!canonical.startsWith(workTree) || canonical.equals(workTree)) {
      return Optional.empty();
    }
    return Optional.of(workTree.relativize(canonical).toString().replace(File.separatorChar, '/'));
  }

  /** The commit HEAD points at; empty in a repository without commits. */
  public Optional<Revision> head() throws IOException {
    ObjectId id = repository.resolve(Constants.HEAD + "^{commit}");
    return id == null ? Optional.empty() : Optional.of(new Revision("HEAD", id.name()));
  }

  /** Resolves a branch, tag, commit id or expression such as {@code HEAD~1} to a commit. */
  public Revision resolve(String revision) throws RevisionException, IOException {
    String shown = "'" + revision + "'";
    if (revision.isBlank() || revision.startsWith("-") || revision.contains("..")) {
      throw new RevisionException(
          "--rev " + shown + " is not a revision; valid: a branch, tag, commit id or HEAD~N");
    }
    ObjectId id;
    try {
      id = repository.resolve(revision + "^{commit}");
    } catch (AmbiguousObjectException e) {
      throw new RevisionException(
          "revision " + shown + " is ambiguous in " + workTree + "; valid: a longer commit id");
    } catch (IncorrectObjectTypeException e) {
      throw new RevisionException("revision " + shown + " does not name a commit in " + workTree);
    } catch (RevisionSyntaxException e) {
      throw new RevisionException(
          "revision " + shown + " is not a revision; valid: a branch, tag, commit id or HEAD~N");
    } catch (MissingObjectException e) {
      throw new RevisionException(
          "revision "
              + shown
              + " is not in this clone of "
              + workTree
              + " (a shallow clone? fetch the history: git fetch --unshallow)");
    }
    if (id == null) {
      StringBuilder message =
          new StringBuilder("unknown revision ")
              .append(shown)
              .append(" in the git repository ")
              .append(workTree);
      Ref remote = repository.exactRef(Constants.R_REMOTES + "origin/" + revision);
      Optional<String> near = nearestRef(revision);
      if (remote != null) {
        message.append("; did you mean origin/").append(revision).append('?');
      } else if (near.isPresent()) {
        message.append(" (did you mean '").append(near.get()).append("'?)");
      } else {
        message.append("; valid: a branch, tag, commit id or HEAD~N (a shallow clone may lack it)");
      }
      throw new RevisionException(message.toString());
    }
    return new Revision(revision, id.name());
  }

  /** The branch or tag a mistyped revision likely meant, by edit distance ({@code mian}). */
  private Optional<String> nearestRef(String revision) throws IOException {
    List<String> names = new ArrayList<>();
    for (Ref ref :
        repository
            .getRefDatabase()
            .getRefsByPrefix(Constants.R_HEADS, Constants.R_REMOTES, Constants.R_TAGS)) {
      names.add(Repository.shortenRefName(ref.getName()));
    }
    return Suggestions.closest(revision, names);
  }

  /** The files of {@code revision}, for paths given relative to {@code workDir}. */
  public SourceTree tree(Revision revision, Path workDir) throws IOException {
    return new RevisionTree(revision, treeOf(revision), workDir.toAbsolutePath().normalize());
  }

  private ObjectId treeOf(Revision revision) throws IOException {
    try (RevWalk walk = new RevWalk(repository)) {
      return walk.parseCommit(ObjectId.fromString(revision.commit())).getTree().getId();
    }
  }

  /**
   * Whether any of {@code files} differs from {@code revision}: changed, untracked, or deleted. The
   * files a desired state was read from are what its plan depends on.
   */
  public boolean differs(Revision revision, Collection<Path> files) throws IOException {
    ObjectId tree = treeOf(revision);
    try (ObjectInserter.Formatter formatter = new ObjectInserter.Formatter()) {
      for (Path file : files) {
        Optional<String> path = pathInRepo(file);
        if (path.isEmpty()) {
          continue;
        }
        Optional<ObjectId> committed = blob(tree, path.get());
        if (!Files.isRegularFile(file)) {
          if (committed.isPresent()) {
            return true;
          }
          continue;
        }
        ObjectId now = formatter.idFor(Constants.OBJ_BLOB, Files.readAllBytes(file));
        if (committed.isEmpty() || !committed.get().equals(now)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Where {@code path} (as it is at {@code now}) was at {@code base}: itself when it exists there,
   * its old name when it was renamed in between, empty when it did not exist.
   */
  public Optional<String> pathAt(Revision base, Revision now, String path) throws IOException {
    ObjectId baseTree = treeOf(base);
    if (blob(baseTree, path).isPresent()) {
      return Optional.of(path);
    }
    try (TreeWalk tw = new TreeWalk(repository)) {
      tw.setRecursive(true);
      tw.addTree(baseTree);
      tw.addTree(treeOf(now));
      tw.setFilter(TreeFilter.ANY_DIFF);
      RenameDetector renames = new RenameDetector(repository);
      renames.addAll(DiffEntry.scan(tw));
      for (DiffEntry d : renames.compute()) {
        if ((d.getChangeType() == DiffEntry.ChangeType.RENAME
                || d.getChangeType() == DiffEntry.ChangeType.COPY)
            && d.getNewPath().equals(path)) {
          return Optional.of(d.getOldPath());
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    repository.close();
  }

  private Optional<ObjectId> blob(ObjectId tree, String path) throws IOException {
    try (TreeWalk tw = TreeWalk.forPath(repository, path, tree)) {
      if (tw == null || (tw.getRawMode(0) & FileMode.TYPE_MASK) != FileMode.TYPE_FILE) {
        return Optional.empty();
      }
      return Optional.of(tw.getObjectId(0));
    }
  }

  private Path canonical(Path absolute) throws IOException {
    // Real paths, so that a working directory reached through a symbolic link still lies
    // inside the work tree; the file itself may not exist (deleted since the revision).
    Path existing = nearestExisting(absolute);
    if (existing == null) {
      return absolute;
    }
    return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
  }

  private static Path nearestExisting(Path path) {
    Path p = path;
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    return p;
  }

  /** The files of one commit. */
  private final class RevisionTree implements SourceTree {
    private final Revision revision;
    private final ObjectId tree;
    private final Path workDir;

    RevisionTree(Revision revision, ObjectId tree, Path workDir) {
      this.revision = revision;
      this.tree = tree;
      this.workDir = workDir;
    }

    @Override
    public byte[] read(Path path, long limit) throws IOException {
      try (TreeWalk tw = TreeWalk.forPath(repository, inRepo(path, followLinks(path)), tree)) {
        if (tw == null) {
          throw new NoSuchFileException(path.toString());
        }
        if ((tw.getRawMode(0) & FileMode.TYPE_MASK) != FileMode.TYPE_FILE) {
          throw new NotRegularFileException("a directory or submodule");
        }
        ObjectLoader loader = repository.open(tw.getObjectId(0));
        if (loader.getSize() > limit) {
          throw new TooLargeException(loader.getSize());
        }
        return loader.getBytes();
      }
    }

    @Override
    public Path realPath(Path path) throws IOException {
      Path real = followLinks(path);
      if (real.equals(workTree) || !real.startsWith(workTree)) {
        return real;
      }
      try (TreeWalk tw = TreeWalk.forPath(repository, inRepo(path, real), tree)) {
        if (tw == null) {
          throw new NoSuchFileException(path.toString());
        }
      }
      return real;
    }

    /**
     * Where {@code path} leads once the symbolic links committed at this revision are followed, as
     * an absolute path in the work tree, or out of it when a link leads there.
     */
    private Path followLinks(Path path) throws IOException {
      Path absolute = canonical(workDir.resolve(path).toAbsolutePath().normalize());
      if (!absolute.startsWith(workTree)) {
        throw new NoSuchFileException(path + " (outside the repository)");
      }
      Path current = absolute;
      for (int hops = 0; hops <= MAX_SYMLINKS; hops++) {
        if (current.equals(workTree) || !current.startsWith(workTree)) {
          return current;
        }
        try (TreeWalk tw = TreeWalk.forPath(repository, inRepo(path, current), tree)) {
          if (tw == null || (tw.getRawMode(0) & FileMode.TYPE_MASK) != FileMode.TYPE_SYMLINK) {
            return current;
          }
          String target =
              new String(
                  repository.open(tw.getObjectId(0)).getCachedBytes(), StandardCharsets.UTF_8);
          current = current.getParent().resolve(target).normalize();
        }
      }
      throw new NoSuchFileException(path + " (too many symbolic links)");
    }

    /** {@code real}, a path in the work tree, as the repository names it. */
    private String inRepo(Path path, Path real) throws NoSuchFileException {
      if (!real.startsWith(workTree) || real.equals(workTree)) {
        throw new NoSuchFileException(path + " (a link out of the repository)");
      }
      return workTree.relativize(real).toString().replace(File.separatorChar, '/');
    }

    @Override
    public SourceTree disk() {
      return new WorkingTree(workDir);
    }

    @Override
    public boolean exists(Path path) {
      try {
        Optional<String> inRepo = pathInRepo(workDir.resolve(path));
        return inRepo.isPresent() && blob(tree, inRepo.get()).isPresent();
      } catch (IOException e) {
        return false;
      }
    }

    @Override
    public String where() {
      return " at revision " + revision.describe();
    }
  }

  private static volatile boolean isolated;

  /** Replaces git's system, user and jgit configuration with empty, never-saved ones. */
  public static synchronized void isolate() {
    if (isolated) {
      return;
    }
    SystemReader.setInstance(
        new SystemReader.Delegate(SystemReader.getInstance()) {
          @Override
          public FileBasedConfig openSystemConfig(Config parent, FS fs) {
            return new EmptyConfig(parent, fs);
          }

          @Override
          public FileBasedConfig openUserConfig(Config parent, FS fs) {
            return new EmptyConfig(parent, fs);
          }

          @Override
          public FileBasedConfig openJGitConfig(Config parent, FS fs) {
            return new EmptyConfig(parent, fs);
          }
        });
    isolated = true;
  }

  private static final class EmptyConfig extends FileBasedConfig {
    EmptyConfig(Config parent, FS fs) {
      super(parent, null, fs);
      presetFileStores();
    }

    /**
     * Without these, jgit measures each file system's timestamp resolution before trusting a file
     * snapshot: seconds of waiting and probe files written into {@code .git}. We only read, once,
     * so jgit's own conservative fallback values do.
     */
    private void presetFileStores() {
      String prefix =
          System.getProperty("java.vendor") + '|' + System.getProperty("java.version") + '|';
      try {
        for (FileStore store : FileSystems.getDefault().getFileStores()) {
          setString("filesystem", prefix + store.name(), "timestampResolution", "2 seconds");
          setString("filesystem", prefix + store.name(), "minRacyThreshold", "10 milliseconds");
        }
      } catch (RuntimeException e) {
        // Unreadable mount table: jgit measures instead, which is slower but still correct.
      }
    }

    @Override
    public void load() {}

    @Override
    public void save() {}

    @Override
    public boolean isOutdated() {
      return false;
    }
  }
}

package io.glustershares.load;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Whether a file can be in a git working tree at all: some directory above it holds a {@code .git}
 * (a directory, or the file of a linked worktree or submodule). Asked before {@link GitSource} is
 * touched, so that a file outside any repository costs no jgit class (about 50, a tenth of a small
 * plan's start-up, issue 17). Plain file tests, no jgit: a false "yes" only means that jgit looks.
 */
public final class GitDirectory {

  private GitDirectory() {}

  public static boolean above(Path file) {
    for (Path dir = file.toAbsolutePath().normalize().getParent();
        dir != null;
        dir = dir.getParent()) {
      if (Files.exists(dir.resolve(".git"), LinkOption.NOFOLLOW_LINKS)
          || Files.exists(dir.resolve(".git"))) {
        return true;
      }
    }
    return false;
  }
}

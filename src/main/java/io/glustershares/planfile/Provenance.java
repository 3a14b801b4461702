package io.glustershares.planfile;

import java.util.Optional;

/**
 * Where a plan or report comes from: the file (and, with git, the commit), its digest, the tool.
 *
 * @param file the desired-state file as the user named it
 * @param digest SHA-256 of the file and of every certificate it read
 * @param commit the git commit the file was read at ({@code --rev}) or the working tree's HEAD
 * @param dirty whether the files read differ from that commit (never, with {@code --rev})
 * @param pathInRepo the file's path in its git repository
 * @param revision the revision named with {@code --rev}, when the file was read from git
 * @param createdAt ISO-8601 time the document was made
 */
public record Provenance(
    String file,
    String digest,
    String toolVersion,
    Optional<String> commit,
    Optional<Boolean> dirty,
    Optional<String> pathInRepo,
    Optional<String> revision,
    String createdAt) {

  /** {@code gluster-shares VERSION at TIME}: what made the document, and when. */
  public String madeBy() {
    return "gluster-shares " + toolVersion + " at " + createdAt;
  }

  /** One line for people: where the file came from in git, if it did. */
  public Optional<String> gitLine() {
    if (pathInRepo.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder sb = new StringBuilder(pathInRepo.get());
    if (commit.isEmpty()) {
      sb.append(" (in a git repository without commits)");
      return Optional.of(sb.toString());
    }
    String id = commit.get().substring(0, Math.min(12, commit.get().length()));
    if (revision.isPresent()) {
      sb.append(" at revision ").append(revision.get()).append(" (").append(id).append(')');
    } else {
      sb.append(" at commit ").append(id);
      dirty.ifPresent(
          d -> sb.append(d ? ", working tree differs from it" : ", working tree clean"));
    }
    return Optional.of(sb.toString());
  }
}

package io.glustershares.render;

import java.util.Optional;

/**
 * Where a plan or report comes from: the file (and, with git, the commit), its digest, the tool.
 *
 * @param file the desired-state file as the user named it
 * @param digest SHA-256 of the file and of every certificate it read
 * @param commit the git commit the file was read at, when it was read from git
 * @param dirty whether the working tree differs from that commit, when known
 * @param createdAt ISO-8601 time the document was made
 */
public record Provenance(
    String file,
    String digest,
    String toolVersion,
    Optional<String> commit,
    Optional<Boolean> dirty,
    Optional<String> pathInRepo,
    String createdAt) {}

package io.glustershares.it.estate;

import java.nio.file.Path;

/**
 * A TLS identity as gluster reads it: {@code glusterfs.pem} (certificate), {@code glusterfs.key}
 * and {@code glusterfs.ca} (the CA certificates it trusts).
 */
public record Credentials(String cn, Path cert, Path key, Path ca) {}

/**
 * Package model contains the immutable values of gluster-shares: the desired state read from the
 * file, the state observed on the clusters, the commands that can run against a cluster and the
 * diagnostics reported to users. It depends on nothing else in the project.
 */
package io.glustershares.model;

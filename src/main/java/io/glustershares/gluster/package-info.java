/**
 * Package gluster runs gluster (and the few host commands a wipe needs) on a cluster and turns the
 * replies into typed results: runners behind one interface (local process, SSH, simulator), the
 * parsers of gluster's real XML, typed errors that name the cluster, the volume and gluster's own
 * message, and the refresh that reads a cluster in a constant number of calls. Reading and changing
 * are two types: a {@link io.glustershares.gluster.ClusterReader} only observes (what every command
 * but apply holds); a {@link io.glustershares.gluster.GlusterClient} runs any argv (apply's).
 */
package io.glustershares.gluster;

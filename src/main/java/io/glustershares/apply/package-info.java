/**
 * Package apply runs a plan's actions, and nothing but them, through the gluster layer: one action
 * at a time per cluster (glusterd serialises transactions), clusters in parallel, a failure
 * stopping only what depends on it, and a volume it stopped started again; wipes through a FUSE
 * mount; one apply per cluster at a time, by a lock held on the cluster's servers for the life of
 * the apply's sessions; progress as it goes.
 */
package io.glustershares.apply;

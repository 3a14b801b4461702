/**
 * Package plan contains the pure planner: from the desired state and the observed state it derives
 * who owns each volume (ownership is recorded on the volume itself), what has drifted, and the
 * ordered, dependency-linked actions that converge the clusters. Nothing here does I/O.
 */
package io.glustershares.plan;

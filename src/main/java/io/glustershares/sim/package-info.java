/**
 * Package sim is the built-in gluster simulator ({@code server: sim:FILE}): it answers the same
 * argv as a real gluster 10.3 with the same XML, keeps its state in a file under {@code
 * .gluster-shares/}, records every call, and can add latency and inject faults. It is a product
 * feature (try the tool without gluster) and the fast test double; its fidelity is tested against
 * real glusterd. {@code GlusterSimulator} reads an argv and hands it to the group that answers it:
 * {@code SimVolumes}, {@code SimSnapshots}, {@code SimHealth}, {@code SimHost}; {@code SimAnswer}
 * is the reply.
 */
package io.glustershares.sim;

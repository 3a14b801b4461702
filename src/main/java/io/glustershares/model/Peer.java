package io.glustershares.model;

/**
 * A server of a cluster as {@code gluster pool list} shows it from the server the commands run on.
 *
 * @param uuid glusterd's peer UUID, which bricks name as their host's ({@code hostUuid})
 * @param hostname the peer's name; for the server the commands run on (which gluster itself calls
 *     {@code localhost}) the host its bricks name, else the host the commands run on
 * @param connected whether this server's glusterd is in touch with the peer's glusterd right now
 * @param local whether it is the server the commands run on
 */
public record Peer(String uuid, String hostname, boolean connected, boolean local) {}

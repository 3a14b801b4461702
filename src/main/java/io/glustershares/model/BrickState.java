package io.glustershares.model;

/**
 * What {@code volume status all} reports of one brick of a started volume. gluster reports only the
 * bricks of started volumes whose peer it is connected to: a brick of a disconnected peer is not
 * there at all (its process may well go on serving, with whatever volfile it was started with).
 *
 * @param online whether its process runs ({@code status 1})
 */
public record BrickState(String volume, String brick, String peerUuid, boolean online) {}

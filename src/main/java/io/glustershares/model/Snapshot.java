package io.glustershares.model;

/**
 * A gluster snapshot as {@code snapshot info} shows it.
 *
 * @param activated whether its snapshot volume is started (needed before it can be cloned)
 */
public record Snapshot(
    String name,
    String id,
    String description,
    String createTime,
    String originVolume,
    boolean activated) {}

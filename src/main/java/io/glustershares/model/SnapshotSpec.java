package io.glustershares.model;

/** A snapshot a share should have. */
public record SnapshotSpec(String name) {}

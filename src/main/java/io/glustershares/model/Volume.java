package io.glustershares.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A gluster volume as {@code volume info} shows it. Options are those explicitly set (gluster lists
 * no defaults there), sorted by name. {@code replicaCount} is how many bricks hold each file (1
 * without replication): a client reads a directory from one of them only, so whatever must see
 * every copy has to read from each in turn.
 */
public record Volume(
    String name,
    String id,
    Status status,
    List<Brick> bricks,
    Map<String, String> options,
    int snapshotCount,
    int replicaCount) {

  public enum Status {
    CREATED,
    STARTED,
    STOPPED;

    /** gluster's numeric {@code status}: 0 Created, 1 Started, 2 Stopped. */
    public static Status ofCode(int code) {
      return switch (code) {
        case 1 -> STARTED;
        case 2 -> STOPPED;
        default -> CREATED;
      };
    }

    public int code() {
      return ordinal();
    }

    public String label() {
      return switch (this) {
        case CREATED -> "Created";
        case STARTED -> "Started";
        case STOPPED -> "Stopped";
      };
    }
  }

  public Volume {
    bricks = List.copyOf(bricks);
    options = Collections.unmodifiableMap(new TreeMap<>(options));
    if (replicaCount < 1) {
      throw new IllegalArgumentException("a volume holds each file at least once: " + replicaCount);
    }
  }

  /** A volume without replication: each file on one brick. */
  public Volume(
      String name,
      String id,
      Status status,
      List<Brick> bricks,
      Map<String, String> options,
      int snapshotCount) {
    this(name, id, status, bricks, options, snapshotCount, 1);
  }

  public Optional<String> option(String key) {
    return Optional.ofNullable(options.get(key));
  }

  /** Whether the option is set to a value gluster reads as "on". */
  public boolean isOn(String key) {
    return option(key).map(Volume::truthy).orElse(false);
  }

  /** Whether gluster reads the value as "on" (see {@link GlusterBoolean}). */
  public static boolean truthy(String value) {
    return GlusterBoolean.parse(value).orElse(false);
  }

  /** The UUIDs of the peers holding its bricks, in brick order, each once. */
  public List<String> brickPeers() {
    return bricks.stream().map(Brick::peerUuid).distinct().toList();
  }
}

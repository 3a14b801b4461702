package io.glustershares.plan;

import java.util.Locale;
import java.util.Optional;

/** An error or warning of a plan, about a share, a cluster, or neither. */
public record PlanMessage(
    Kind kind, Optional<String> share, Optional<String> cluster, String message) {

  /** What the message is about, for audits and machines. */
  public enum Kind {
    /** The plan cannot do what the file asks (no fitting volume, a refused move, ...). */
    UNPLANNABLE,
    /** A share of this stack that the file does not list. */
    UNMANAGED_SHARE,
    /** A snapshot of a share that the file does not list. */
    UNMANAGED_SNAPSHOT,
    /** A clone volume left by an interrupted apply whose share left the file. */
    ORPHAN_CLONE,
    /** Pool volumes that cannot be bound until they have auth.ssl-allow. */
    NOT_READY,
    /** Anything else worth knowing. */
    NOTICE;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind of(String id) {
      return valueOf(id.toUpperCase(Locale.ROOT));
    }
  }

  public static PlanMessage error(String share, String message) {
    return new PlanMessage(Kind.UNPLANNABLE, Optional.of(share), Optional.empty(), message);
  }

  public static PlanMessage error(String share, String cluster, String message) {
    return new PlanMessage(Kind.UNPLANNABLE, Optional.of(share), Optional.of(cluster), message);
  }

  /** An error about a whole cluster: none of its actions can be planned. */
  public static PlanMessage clusterError(String cluster, String message) {
    return new PlanMessage(Kind.UNPLANNABLE, Optional.empty(), Optional.of(cluster), message);
  }

  public static PlanMessage shareNote(Kind kind, String share, String cluster, String message) {
    return new PlanMessage(kind, Optional.of(share), Optional.of(cluster), message);
  }

  public static PlanMessage clusterNote(Kind kind, String cluster, String message) {
    return new PlanMessage(kind, Optional.empty(), Optional.of(cluster), message);
  }
}

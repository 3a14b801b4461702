package io.glustershares.plan;

/**
 * What an action does, with the symbol plans print and the phase that orders it (SPEC §4): create
 * shares; create snapshots; create shares from snapshots; allow, deny and repair; delete snapshots;
 * delete shares. Every delete loses data ({@link #destructive()}).
 */
public enum ActionType {
  CREATE_SHARE("create_share", '+', 0),
  ADOPT_SHARE("adopt_share", '~', 0),
  CREATE_SNAPSHOT("create_snapshot", '+', 1),
  CREATE_SHARE_FROM_SNAPSHOT("create_share_from_snapshot", '+', 2),
  REPAIR_SHARE("repair_share", '~', 3),
  ALLOW_ACCESS("allow_access", '~', 3),
  RELEASE_SHARE("release_share", '~', 3),
  DENY_ACCESS("deny_access", '~', 3),
  DELETE_SNAPSHOT("delete_snapshot", '-', 4),
  DELETE_SHARE("delete_share", '-', 5);

  private final String id;
  private final char symbol;
  private final int phase;

  ActionType(String id, char symbol, int phase) {
    this.id = id;
    this.symbol = symbol;
    this.phase = phase;
  }

  /** The name in plans and JSON, e.g. {@code create_share}. */
  public String id() {
    return id;
  }

  public char symbol() {
    return symbol;
  }

  public int phase() {
    return phase;
  }

  /** Data is lost: the deletes, which need --allow-destroy. */
  public boolean destructive() {
    return symbol == '-';
  }

  public static ActionType of(String id) {
    for (ActionType t : values()) {
      if (t.id.equals(id)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown action type '" + id + "'");
  }
}

package io.glustershares.planfile;

/** A plan file that cannot be used: not a saved plan, or one this tool cannot honour. */
public final class PlanFileException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why: the file is no valid saved plan, or it is one that this tool must refuse. */
  public enum Reason {
    INVALID,
    REFUSED
  }

  private final Reason reason;

  PlanFileException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  PlanFileException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}

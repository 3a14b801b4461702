package io.glustershares.gluster;

/** A command could not be run: not started, timed out, or the connection failed. */
public class RunnerException extends Exception {

  public enum Kind {
    /** The program does not exist or could not be started. */
    NOT_STARTED,
    /** It ran longer than allowed and was stopped. */
    TIMEOUT,
    /** The SSH connection or login failed. */
    CONNECTION,
    /** The SSH server's host key is unknown or changed: nothing was run. */
    HOST_KEY
  }

  private final Kind kind;

  public RunnerException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public RunnerException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}

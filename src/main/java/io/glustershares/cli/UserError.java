package io.glustershares.cli;

/**
 * An error the user can act on: printed as one line, with the exit code it carries. Anything else
 * that reaches the error boundary is a bug.
 */
public class UserError extends RuntimeException {

  private final int exitCode;

  public UserError(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public UserError(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}

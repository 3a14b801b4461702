package io.glustershares.sim;

/** The simulator's own input (pool file, state, fault spec) is wrong; says what and where. */
public final class SimException extends RuntimeException {
  public SimException(String message) {
    super(message);
  }

  public SimException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.glustershares.it.estate;

/** The estate could not be built or driven: a test environment problem, said plainly. */
public final class EstateException extends RuntimeException {

  public EstateException(String message) {
    super(message);
  }

  public EstateException(String message, Throwable cause) {
    super(message, cause);
  }
}

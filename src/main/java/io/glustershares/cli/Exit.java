package io.glustershares.cli;

/** Ends a command with an exit code after it has already said everything it had to say. */
final class Exit extends RuntimeException {
  private final int code;

  Exit(int code) {
    super(null, null, false, false);
    this.code = code;
  }

  int code() {
    return code;
  }
}

package io.glustershares.load;

/** A 1-based line and column in the file; (0, 0) when unknown. */
public record Position(int line, int column) {

  public static final Position UNKNOWN = new Position(0, 0);
}

package io.glustershares.model;

import java.util.Comparator;

/**
 * A problem with user input, reported as {@code FILE:LINE:COL: field: message}. Line and column are
 * 1-based; 0 means the problem has no position (the whole file, or a cluster).
 */
public record Diagnostic(
    Severity severity, String file, int line, int column, String field, String message) {

  public enum Severity {
    ERROR,
    WARNING
  }

  public static final Comparator<Diagnostic> BY_POSITION =
      Comparator.comparing(Diagnostic::file)
          .thenComparingInt(Diagnostic::line)
          .thenComparingInt(Diagnostic::column)
          .thenComparing(Diagnostic::field)
          .thenComparing(Diagnostic::message);

  public static Diagnostic error(String file, int line, int column, String field, String message) {
    return new Diagnostic(Severity.ERROR, file, line, column, field, message);
  }

  public static Diagnostic warning(
      String file, int line, int column, String field, String message) {
    return new Diagnostic(Severity.WARNING, file, line, column, field, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /**
   * The one-line form users see. Warnings say so; errors need no label. Whatever a rule put in the
   * message, the line printed holds no character that could break or disguise it ({@link
   * Printable}).
   */
  public String format() {
    StringBuilder sb = new StringBuilder(file);
    if (line > 0) {
      sb.append(':').append(line).append(':').append(column);
    }
    sb.append(": ");
    if (severity == Severity.WARNING) {
      sb.append("warning: ");
    }
    if (!field.isEmpty()) {
      sb.append(field).append(": ");
    }
    sb.append(message);
    return Printable.line(sb.toString());
  }
}

package io.tastemaker.core.data.csv;

/**
 * A file that cannot be imported, with the place and the reason: {@code users.csv line 17, column
 * TIMESTAMP: expected a whole number of seconds, got '12ab'}.
 */
public final class ImportException extends Exception {
  private static final long serialVersionUID = 1L;

  public ImportException(String message) {
    super(message);
  }

  static ImportException at(String source, long line, String column, String what) {
    return new ImportException(source + " line " + line + ", column " + column + ": " + what);
  }
}

package io.tastemaker.core.data.csv;

/** Text that is not well-formed CSV, with where it went wrong. */
public final class CsvFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long line;
  private final int field;

  public CsvFormatException(long line, int field, String message) {
    super(message);
    this.line = line;
    this.field = field;
  }

  public long line() {
    return line;
  }

  /** The field number, from 1. */
  public int field() {
    return field;
  }
}

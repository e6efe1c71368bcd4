package io.tastemaker.core.filter;

/**
 * A filter expression that does not follow the grammar or breaks one of its rules; the message
 * names the 1-based character, what was found and what was expected.
 */
public final class FilterSyntaxException extends IllegalArgumentException {
  private final int position;
  private final String detail;

  FilterSyntaxException(int position, String detail) {
    super("Invalid filter expression at character " + position + ": " + detail);
    this.position = position;
    this.detail = detail;
  }

  /** The 1-based character the problem is at; one past the end for a premature end. */
  public int position() {
    return position;
  }

  /** The message without the position prefix. */
  public String detail() {
    return detail;
  }
}

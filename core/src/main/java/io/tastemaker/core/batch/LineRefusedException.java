package io.tastemaker.core.batch;

/** A batch line that cannot be answered; the message, written to the line's {@code error}, says why. */
public final class LineRefusedException extends RuntimeException {
  public LineRefusedException(String message) {
    super(message);
  }
}

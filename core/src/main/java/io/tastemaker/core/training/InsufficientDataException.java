package io.tastemaker.core.training;

/** The data is too small to train on, with the reason in Personalize's words. */
public final class InsufficientDataException extends Exception {
  private static final long serialVersionUID = 1L;

  public InsufficientDataException(String message) {
    super(message);
  }
}

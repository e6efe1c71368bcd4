package io.tastemaker.core.training;

/** The data does not meet what a recipe needs, with the reason users see in {@code failureReason}. */
public final class DataRequirementException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DataRequirementException(String message) {
    super(message);
  }
}

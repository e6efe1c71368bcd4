package io.tastemaker.core.training;

/** Training ended early because the user asked it to stop. */
public final class TrainingStopped extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TrainingStopped() {
    super("training was stopped", null, false, false);
  }
}

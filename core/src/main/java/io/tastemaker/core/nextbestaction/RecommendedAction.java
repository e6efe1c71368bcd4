package io.tastemaker.core.nextbestaction;

/**
 * One action of an answer: its index in the model's catalog and the user's propensity to take it
 * within the optimization period, 0.0 for an action without enough interactions to be scored.
 */
public record RecommendedAction(int action, double score) {
  public RecommendedAction {
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("a propensity is in [0, 1], got " + score);
    }
  }
}

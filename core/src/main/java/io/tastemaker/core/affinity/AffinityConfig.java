package io.tastemaker.core.affinity;

import io.tastemaker.core.recipe.HyperParameter;
import java.util.Map;

/**
 * The hyperparameters of the affinity recipes, read from a solution's resolved map (Personalize
 * documents none for these recipes; these are Tastemaker's own, with defaults that train well).
 *
 * @param dimension length of the user and item vectors
 * @param epochs passes over the users
 * @param learningRate step size of stochastic gradient descent
 * @param regularization L2 weight decay per step
 * @param seed source of all randomness
 */
public record AffinityConfig(int dimension, int epochs, double learningRate, double regularization, long seed) {
  public AffinityConfig {
    if (dimension < 1 || epochs < 1 || !(learningRate > 0) || !(regularization >= 0)) {
      throw new IllegalArgumentException(
          "invalid affinity configuration: dimension " + dimension + ", epochs " + epochs + ", learning rate " + learningRate + ", regularization " + regularization);
    }
  }

  /** The configuration of a solution's checked hyperparameters. */
  public static AffinityConfig of(Map<String, String> p) {
    return new AffinityConfig(
        HyperParameter.asInt(p.get("embedding_dimension")),
        HyperParameter.asInt(p.get("epochs")),
        HyperParameter.asDouble(p.get("learning_rate")),
        HyperParameter.asDouble(p.get("regularization")),
        HyperParameter.asInt(p.get("seed")));
  }
}

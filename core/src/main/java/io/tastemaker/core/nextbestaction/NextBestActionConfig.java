package io.tastemaker.core.nextbestaction;

import io.tastemaker.core.recipe.HyperParameter;
import java.util.Map;

/**
 * The hyperparameters of aws-next-best-action: the documented {@code action_optimization_period}
 * (days within which a taking counts, 7 to 28, default 14) and Tastemaker's training knobs.
 */
public record NextBestActionConfig(int optimizationPeriodDays, int dimension, int epochs, double learningRate, double regularization, long seed) {
  public NextBestActionConfig {
    if (optimizationPeriodDays < 7 || optimizationPeriodDays > 28) {
      throw new IllegalArgumentException("action_optimization_period must be in [7, 28], got " + optimizationPeriodDays);
    }
    if (dimension < 1 || epochs < 1 || !(learningRate > 0) || regularization < 0) {
      throw new IllegalArgumentException("dimension and epochs must be positive, learning_rate above 0, regularization at least 0");
    }
  }

  /** Reads the resolved hyperparameters of the recipe (canonical text, checked by the catalog). */
  public static NextBestActionConfig of(Map<String, String> hyperparameters) {
    return new NextBestActionConfig(
        HyperParameter.asInt(hyperparameters.getOrDefault("action_optimization_period", "14")),
        HyperParameter.asInt(hyperparameters.getOrDefault("embedding_dimension", "16")),
        HyperParameter.asInt(hyperparameters.getOrDefault("epochs", "40")),
        HyperParameter.asDouble(hyperparameters.getOrDefault("learning_rate", "0.1")),
        HyperParameter.asDouble(hyperparameters.getOrDefault("regularization", "0.01")),
        HyperParameter.asInt(hyperparameters.getOrDefault("seed", "42")));
  }

  /** The optimization period in seconds. */
  public long periodSeconds() {
    return optimizationPeriodDays * 86_400L;
  }
}

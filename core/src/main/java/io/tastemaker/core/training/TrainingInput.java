package io.tastemaker.core.training;

import io.tastemaker.core.data.InteractionData;
import java.util.Map;
import java.util.Objects;

/**
 * What a trainer gets: the interactions, the solution's resolved hyperparameters and the seed that
 * makes the run reproducible.
 *
 * @param interactions the filtered interactions to learn from
 * @param hyperparameters every hyperparameter of the recipe, by name, checked and in canonical form
 * @param seed the source of all randomness in the run
 */
public record TrainingInput(InteractionData interactions, Map<String, String> hyperparameters, long seed) {
  public TrainingInput {
    Objects.requireNonNull(interactions, "interactions");
    hyperparameters = Map.copyOf(hyperparameters);
  }

  /** The same input with other interactions, such as the training users of an evaluation split. */
  public TrainingInput withInteractions(InteractionData other) {
    return new TrainingInput(other, hyperparameters, seed);
  }
}

package io.tastemaker.core.training;

import io.tastemaker.core.model.Recommender;

/** Trains one recipe: data, hyperparameters and a seed in, an immutable model out. */
@FunctionalInterface
public interface Trainer {
  Recommender train(TrainingInput input, TrainingMonitor monitor);
}

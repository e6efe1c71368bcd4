package io.tastemaker.core.tuning;

import io.tastemaker.core.eval.SolutionEvaluation;
import io.tastemaker.core.training.Trainer;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Hyperparameter optimisation ({@code performHPO}): a random search, reproducible from the input's
 * seed, over the tuning ranges. Each trial trains and scores a model with GetSolutionMetrics'
 * protocol; the trial with the best objective metric wins, and its model is the one kept. The first
 * trial is always the solution's own hyperparameters, so tuning never ends worse than not tuning.
 */
public final class HyperParameterSearch {
  /** The objective when none is named: the metric of Personalize's documented HPO example. */
  public static final String DEFAULT_OBJECTIVE = "precision_at_25";

  private final Trainer trainer;
  private final List<TuningRange> ranges;
  private final int trials;
  private final String objective;

  /**
   * @param trials how many models to train, the untuned one included ({@code maxNumberOfTrainingJobs})
   * @param objective the metric to maximise, one of GetSolutionMetrics' keys
   */
  public HyperParameterSearch(Trainer trainer, List<TuningRange> ranges, int trials, String objective) {
    if (trials < 1) {
      throw new IllegalArgumentException("hyperparameter optimisation needs at least one training job, got " + trials);
    }
    this.trainer = trainer;
    this.ranges = List.copyOf(ranges);
    this.trials = trials;
    this.objective = objective;
  }

  /** The winning trial: its model and metrics, the values it tuned, and every trial's objective. */
  public record Result(SolutionEvaluation.Trained best, Map<String, String> tuned, List<Double> objectives) {}

  public Result run(TrainingInput input, int catalogueSize, TrainingMonitor monitor) {
    SplittableRandom random = new SplittableRandom(input.seed() ^ 0x4790L);
    SolutionEvaluation.Trained best = null;
    Map<String, String> bestTuned = Map.of();
    double bestScore = Double.NEGATIVE_INFINITY;
    List<Double> objectives = new ArrayList<>();
    for (int t = 0; t < trials; t++) {
      Map<String, String> tuned = new LinkedHashMap<>();
      for (TuningRange range : ranges) {
        // Trial 0 keeps the solution's own values; the others draw from the ranges.
        tuned.put(range.name(), t == 0 ? input.hyperparameters().get(range.name()) : range.draw(random));
      }
      Map<String, String> hyperparameters = new HashMap<>(input.hyperparameters());
      hyperparameters.putAll(tuned);
      SolutionEvaluation.Trained trained = SolutionEvaluation.trainAndEvaluate(trainer, input.withHyperparameters(hyperparameters), catalogueSize, monitor.part(t, trials, "HPO trial " + (t + 1) + " of " + trials + " " + tuned));
      double score = trained.metrics().getOrDefault(objective, Double.NEGATIVE_INFINITY);
      objectives.add(score);
      if (best == null || score > bestScore) {
        best = trained;
        bestTuned = tuned;
        bestScore = score;
      }
    }
    return new Result(best, Map.copyOf(bestTuned), List.copyOf(objectives));
  }
}

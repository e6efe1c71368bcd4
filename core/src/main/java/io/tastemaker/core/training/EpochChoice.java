package io.tastemaker.core.training;

/**
 * Chooses which epoch's weights training keeps, from each epoch's per-user validation scores, and
 * when to stop early.
 *
 * <p>A few hundred held-out users give a noisy mean: on MovieLens-1M one epoch scored 0.118 and the
 * next three 0.105 to 0.114, so keeping the highest mean kept a lucky early epoch and lost four
 * epochs of training (test HR@10 0.803 against 0.811). So an epoch that is not a new best is still
 * kept when it is not significantly below the best: the mean of its per-user differences from the
 * best epoch is above minus one standard error of that mean. The differences are paired (the same
 * users, one after the other), so their error is far smaller than either mean's and a real decline,
 * as overfitting brings on sparse data, is still told from noise. Among tied epochs the latest is
 * kept: it has seen the most data at the lowest rate. Stopping is unchanged: after {@code patience}
 * epochs without a new best mean.
 */
public final class EpochChoice {
  private final int patience;
  private double[] best;
  private double bestMean = Double.NEGATIVE_INFINITY;
  private int withoutBest;

  /** @param patience epochs without a new best before {@link #stop} says so; 0 never stops early */
  public EpochChoice(int patience) {
    this.patience = patience;
  }

  /**
   * Records an epoch's scores and says whether its weights are to be kept (replacing those kept
   * before).
   *
   * @param scores one score per held-out user, the same users in the same order every epoch
   */
  public boolean keep(double[] scores) {
    if (best != null && scores.length != best.length) {
      throw new IllegalArgumentException("an epoch scored " + scores.length + " users, the first " + best.length);
    }
    double mean = mean(scores);
    if (mean > bestMean) {
      best = scores.clone();
      bestMean = mean;
      withoutBest = 0;
      return true;
    }
    withoutBest++;
    return mean - bestMean >= -pairedStandardError(scores, mean - bestMean);
  }

  /** Whether training should stop: {@code patience} epochs in a row without a new best. */
  public boolean stop() {
    return patience > 0 && withoutBest >= patience;
  }

  /** The best epoch's mean score so far. */
  public double bestMean() {
    return bestMean;
  }

  /** The mean of the scores. */
  public static double mean(double[] scores) {
    double sum = 0;
    for (double s : scores) {
      sum += s;
    }
    return scores.length == 0 ? 0 : sum / scores.length;
  }

  /** The standard error of the mean per-user difference from the best epoch, whose mean is {@code meanDifference}. */
  private double pairedStandardError(double[] scores, double meanDifference) {
    return pairedStandardError(scores, best, meanDifference);
  }

  /**
   * The standard error of the mean of {@code scores[u] - reference[u]} over the same users, whose
   * mean is {@code meanDifference}; 0 for fewer than two users.
   */
  public static double pairedStandardError(double[] scores, double[] reference, double meanDifference) {
    int n = scores.length;
    if (n < 2) {
      return 0;
    }
    double squares = 0;
    for (int u = 0; u < n; u++) {
      double c = scores[u] - reference[u] - meanDifference;
      squares += c * c;
    }
    return Math.sqrt(squares / (n - 1) / n);
  }
}

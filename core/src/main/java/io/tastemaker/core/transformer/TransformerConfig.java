package io.tastemaker.core.transformer;

import io.tastemaker.core.recipe.HyperParameter;
import java.util.Map;

/**
 * The typed hyperparameters of the v2 recipes: Personalize's documented {@code apply_recency_bias}
 * and Tastemaker's own knobs, several of which default to {@code auto}: chosen from the data at
 * training time ({@link #resolve}).
 *
 * @param hidden {@code hidden_dimension}: width of item vectors and of every block
 * @param blocks {@code num_blocks}: self-attention blocks
 * @param maxSequenceLength {@code max_sequence_length}: a user's newest items the model reads; 0 for auto
 * @param dropout {@code dropout} on the input and on each block's branches; negative for auto
 * @param recencyBias {@code apply_recency_bias}: recent interactions weigh more in the loss
 * @param epochs {@code epochs}: passes over the data at most
 * @param learningRate {@code learning_rate} of Adam; 0 for auto
 * @param batchSize {@code batch_size}: sequences per step; 0 for auto
 * @param negatives {@code negative_samples}: sampled items per step for large catalogues
 * @param fullSoftmaxMaxItems {@code full_softmax_max_items}: up to this many items the loss runs over every item
 * @param patience {@code early_stopping_patience}: epochs without a better validation score before stopping; 0 never stops early
 * @param validationUsers {@code validation_users} whose last item is held out to choose the epoch; negative for auto, 0 for none
 * @param seed {@code seed} of all randomness
 * @param threads {@code threads}: 0 for every core
 */
public record TransformerConfig(
    int hidden,
    int blocks,
    int maxSequenceLength,
    double dropout,
    boolean recencyBias,
    int epochs,
    double learningRate,
    int batchSize,
    int negatives,
    int fullSoftmaxMaxItems,
    int patience,
    int validationUsers,
    long seed,
    int threads) {

  /** The value of a knob left to the data. */
  public static final String AUTO = HyperParameter.AUTO;

  /** Users held out for early stopping at most, when {@code validation_users} is auto. */
  static final int MAX_AUTO_VALIDATION_USERS = 1024;

  /** Reads the resolved hyperparameters of a v2 recipe; {@code auto} knobs stay open. */
  public static TransformerConfig from(Map<String, String> p) {
    return new TransformerConfig(
        HyperParameter.asInt(p.get("hidden_dimension")),
        HyperParameter.asInt(p.get("num_blocks")),
        isAuto(p.get("max_sequence_length")) ? 0 : HyperParameter.asInt(p.get("max_sequence_length")),
        isAuto(p.get("dropout")) ? -1 : HyperParameter.asDouble(p.get("dropout")),
        HyperParameter.asBoolean(p.get("apply_recency_bias")),
        HyperParameter.asInt(p.get("epochs")),
        isAuto(p.get("learning_rate")) ? 0 : HyperParameter.asDouble(p.get("learning_rate")),
        isAuto(p.get("batch_size")) ? 0 : HyperParameter.asInt(p.get("batch_size")),
        HyperParameter.asInt(p.get("negative_samples")),
        HyperParameter.asInt(p.get("full_softmax_max_items")),
        HyperParameter.asInt(p.get("early_stopping_patience")),
        isAuto(p.get("validation_users")) ? -1 : HyperParameter.asInt(p.get("validation_users")),
        HyperParameter.asInt(p.get("seed")),
        HyperParameter.asInt(p.get("threads")));
  }

  private static boolean isAuto(String value) {
    return value == null || value.equals(AUTO);
  }

  /**
   * The knobs left to the data, decided from the users' history lengths: sequences as long as
   * nine users in ten have (20 to 200 items); the dropout the SASRec paper found best for its
   * data, 0.5 where the median user has fewer than 20 interactions (sparse), 0.2 otherwise; and a
   * hundredth of the users a step (8 to 128), so small data still takes enough steps an epoch;
   * and Adam's rate by the positions a step predicts ({@link #autoLearningRate}).
   *
   * @param historyLengths every trainable user's number of interactions
   */
  TransformerConfig resolve(int[] historyLengths) {
    int[] sorted = historyLengths.clone();
    java.util.Arrays.sort(sorted);
    int median = sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    int p90 = sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.9))];
    int length = maxSequenceLength > 0 ? maxSequenceLength : Math.max(20, Math.min(200, p90));
    double drop = dropout >= 0 ? dropout : median < 20 ? 0.5 : 0.2;
    int validation = validationUsers >= 0 ? validationUsers : Math.min(MAX_AUTO_VALIDATION_USERS, historyLengths.length / 10);
    int batch = batchSize > 0 ? batchSize : Math.max(8, Math.min(128, historyLengths.length / 100));
    double rate = learningRate > 0 ? learningRate : autoLearningRate(batch * meanPositions(historyLengths, length));
    return new TransformerConfig(
        hidden, blocks, length, drop, recencyBias, epochs, rate, batch, negatives, fullSoftmaxMaxItems, patience, validation, seed, threads);
  }

  /**
   * Adam's rate for steps that predict this many positions: 0.002 up to 1,000 positions, then
   * growing with the square root of the positions (a larger step's gradient is less noisy, the
   * square-root scaling rule for adaptive optimisers) up to 0.01. Short histories (sparse data) keep
   * 0.002; MovieLens-1M's steps of about 8,000 positions get about 0.006, where 0.005 and 0.01
   * learned equally fast and 0.002 more slowly.
   */
  static double autoLearningRate(double positionsPerStep) {
    return Math.max(0.002, Math.min(0.01, 0.002 * Math.sqrt(positionsPerStep / 1000)));
  }

  /** The mean number of positions a user's sequence predicts: its items read, at most {@code length}. */
  private static double meanPositions(int[] historyLengths, int length) {
    double total = 0;
    for (int n : historyLengths) {
      total += Math.min(length, n - 1);
    }
    return historyLengths.length == 0 ? 0 : total / historyLengths.length;
  }

  /** The number of threads to train with. */
  int effectiveThreads() {
    return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
  }
}

package io.tastemaker.core.transformer;

import io.tastemaker.core.recipe.HistoryLengths;
import io.tastemaker.core.recipe.HyperParameter;
import io.tastemaker.core.recipe.SparseData;
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
 * @param epochs {@code epochs}: passes over the data at most; 0 for auto
 * @param learningRate {@code learning_rate} of Adam; 0 for auto
 * @param linearDecay {@code learning_rate_schedule} {@code linear}: the rate falls linearly to 5% by the last epoch
 * @param itemWeightDecay {@code item_weight_decay}: each step shrinks the item vectors it updates by rate times this (decoupled, as AdamW)
 * @param batchSize {@code batch_size}: sequences per step; 0 for auto
 * @param negatives {@code negative_samples}: sampled items per step for large catalogues
 * @param fullSoftmaxMaxItems {@code full_softmax_max_items}: up to this many items the loss runs over every item
 * @param targetWindow {@code target_window}: items each position learns to predict early in training, its next one and those after it
 * @param targetWindowDecay {@code target_window_decay}: the j-th item after the next weighs decay^j against the next one, at the start
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
    boolean linearDecay,
    double itemWeightDecay,
    int batchSize,
    int negatives,
    int fullSoftmaxMaxItems,
    int targetWindow,
    double targetWindowDecay,
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
        isAuto(p.get("epochs")) ? 0 : HyperParameter.asInt(p.get("epochs")),
        isAuto(p.get("learning_rate")) ? 0 : HyperParameter.asDouble(p.get("learning_rate")),
        "linear".equals(p.get("learning_rate_schedule")),
        HyperParameter.asDouble(p.get("item_weight_decay")),
        isAuto(p.get("batch_size")) ? 0 : HyperParameter.asInt(p.get("batch_size")),
        HyperParameter.asInt(p.get("negative_samples")),
        HyperParameter.asInt(p.get("full_softmax_max_items")),
        HyperParameter.asInt(p.get("target_window")),
        HyperParameter.asDouble(p.get("target_window_decay")),
        HyperParameter.asInt(p.get("early_stopping_patience")),
        isAuto(p.get("validation_users")) ? -1 : HyperParameter.asInt(p.get("validation_users")),
        HyperParameter.asInt(p.get("seed")),
        HyperParameter.asInt(p.get("threads")));
  }

  private static boolean isAuto(String value) {
    return value == null || value.equals(AUTO);
  }

  /**
   * The knobs left to the data, decided from the users' history lengths and the catalogue: sequences
   * as long as nine users in ten have (20 to 200 items); dropout 0.5 where the median user has fewer
   * than 20 interactions (sparse: the SASRec paper's choice there), 0.1 otherwise (dense data is
   * still underfitted after the epochs the budget pays for, where 0.2 learned more slowly); steps
   * of about {@value #POSITIONS_PER_STEP} predicted positions (8 to 128 users, at most a hundredth
   * of them), so that long histories take many small steps and small data still takes enough; Adam's
   * rate 0.002 on sparse data, else by the positions a step predicts ({@link #autoLearningRate}); and as many epochs as a fixed
   * amount of arithmetic allows ({@link #autoEpochs}), early stopping deciding within them.
   *
   * @param historyLengths every trainable user's number of interactions
   * @param items the catalogue's size
   */
  TransformerConfig resolve(int[] historyLengths, int items) {
    HistoryLengths lengths = HistoryLengths.of(historyLengths);
    int median = lengths.median();
    int p90 = lengths.percentile(0.9);
    int length = maxSequenceLength > 0 ? maxSequenceLength : Math.max(20, Math.min(200, p90));
    double drop = dropout >= 0 ? dropout : SparseData.isSparse(median) ? 0.5 : 0.1;
    int validation = validationUsers >= 0 ? validationUsers : Math.min(MAX_AUTO_VALIDATION_USERS, historyLengths.length / 10);
    double positions = meanPositions(historyLengths, length);
    int batch =
        batchSize > 0
            ? batchSize
            : Math.max(8, Math.min(128, Math.min(historyLengths.length / 100, (int) Math.round(POSITIONS_PER_STEP / Math.max(1, positions)))));
    // Sparse data keeps 0.002: at 0.0032 early stopping ended sooner, at a lower score, on the sparse generator's data.
    double rate = learningRate > 0 ? learningRate : SparseData.isSparse(median) ? 0.002 : autoLearningRate(batch * positions);
    int candidates = items <= fullSoftmaxMaxItems ? items : negatives;
    double share = items <= fullSoftmaxMaxItems ? TransformerTrainer.FULL_SOFTMAX_SHARE : 1;
    int passes = epochs > 0 ? epochs : autoEpochs(historyLengths.length * positions, positions, candidates * share);
    return new TransformerConfig(
        hidden, blocks, length, drop, recencyBias, passes, rate, linearDecay, itemWeightDecay, batch, negatives, fullSoftmaxMaxItems, targetWindow, targetWindowDecay, patience,
        validation, seed, threads);
  }

  /** The predicted positions a step aims at when {@code batch_size} is auto. */
  static final int POSITIONS_PER_STEP = 1500;

  /**
   * Multiply-adds a training run spends at most when {@code epochs} is auto: about two minutes on two
   * cores (MovieLens-1M: 9 epochs, 110 s; the former 2.5e12 paid for 7 in 88 s).
   */
  static final double WORK_BUDGET = 3.2e12;

  /** Epochs at most when {@code epochs} is auto: small data stops early long before. */
  static final int MAX_AUTO_EPOCHS = 200;

  /**
   * The epochs that {@link #WORK_BUDGET} pays for (1 to {@value #MAX_AUTO_EPOCHS}), from the
   * multiply-adds of an epoch: at each position the softmax's three products over the candidates,
   * and per block the six projections' and the attention's forward and backward products.
   *
   * @param positions predicted positions an epoch
   * @param meanLength mean positions a sequence
   * @param candidates items a position's softmax runs over, times the share of positions it scores
   */
  int autoEpochs(double positions, double meanLength, double candidates) {
    double perPosition = hidden * (3.0 * candidates + blocks * (18.0 * hidden + 3 * meanLength));
    return (int) Math.max(1, Math.min(MAX_AUTO_EPOCHS, Math.floor(WORK_BUDGET / Math.max(1, positions * perPosition))));
  }

  /**
   * Adam's rate for steps that predict this many positions: 0.002 up to 250 positions, then
   * growing with the square root of the positions (a larger step's gradient is less noisy, the
   * square-root scaling rule for adaptive optimisers) up to 0.01: MovieLens-1M's steps of about 1,500
   * positions get about 0.005.
   */
  static double autoLearningRate(double positionsPerStep) {
    return Math.max(0.002, Math.min(0.01, 0.002 * Math.sqrt(positionsPerStep / 250)));
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

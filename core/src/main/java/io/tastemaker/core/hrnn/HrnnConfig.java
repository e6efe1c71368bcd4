package io.tastemaker.core.hrnn;

import io.tastemaker.core.recipe.HyperParameter;
import io.tastemaker.core.recipe.SparseData;
import java.util.Map;

/**
 * The typed hyperparameters of the HRNN family: Personalize's documented ones, and Tastemaker's
 * training knobs, each with a default that works (see the recipe catalogue for ranges).
 *
 * @param hidden {@code hidden_dimension}: size of item embeddings and GRU states
 * @param bptt {@code bptt}: steps of backpropagation through time per chunk
 * @param recencyMask {@code recency_mask}: weight recent interactions more in the loss
 * @param minHistoryPercentile users with shorter histories than this percentile are left out
 * @param maxHistoryPercentile users with longer histories than this percentile are left out
 * @param epochs {@code epochs}: passes over the data at most
 * @param learningRate {@code learning_rate} of Adam
 * @param linearDecay {@code learning_rate_schedule} {@code linear}: the rate falls linearly to 5% by the last epoch
 * @param itemWeightDecay {@code item_weight_decay}: each step shrinks the item embeddings it updates by rate times this (decoupled, as AdamW)
 * @param batchSize {@code batch_size}: users trained side by side
 * @param negatives {@code negative_samples}: sampled items per batch for large catalogues
 * @param fullSoftmaxMaxItems {@code full_softmax_max_items}: up to this many items, the loss uses every item
 * @param dropout {@code dropout} on input embeddings; negative for auto ({@link #dropoutFor})
 * @param sessionGapSeconds a gap longer than {@code session_gap_minutes} starts a new session
 * @param sessionBreakRate {@code session_break_rate}: in training, the share of positions where a
 *     session starts whatever the gap, so the user-level GRU learns what carries over between sessions
 * @param maxSequenceLength {@code max_sequence_length}: a user's newest interactions used
 * @param patience {@code early_stopping_patience}: epochs without improvement before stopping; 0 never stops early
 * @param validationUsers {@code validation_users} whose last item is held out to pick the best epoch; 0
 *     trains on everything and keeps the last epoch, which scored better on MovieLens-1M than picking
 *     epochs on 512 users. Early stopping needs them: with a patience and no number, 512 are held out.
 * @param seed {@code seed} of all randomness
 * @param threads {@code threads}: 0 for every core
 */
public record HrnnConfig(
    int hidden,
    int bptt,
    boolean recencyMask,
    double minHistoryPercentile,
    double maxHistoryPercentile,
    int epochs,
    double learningRate,
    boolean linearDecay,
    double itemWeightDecay,
    int batchSize,
    int negatives,
    int fullSoftmaxMaxItems,
    double dropout,
    long sessionGapSeconds,
    double sessionBreakRate,
    int maxSequenceLength,
    int patience,
    int validationUsers,
    long seed,
    int threads) {

  /** Users held out for early stopping when {@code validation_users} is not given. */
  static final int EARLY_STOPPING_VALIDATION_USERS = 512;

  /** Reads the resolved hyperparameters of an HRNN-family recipe. */
  public static HrnnConfig from(Map<String, String> p) {
    int patience = HyperParameter.asInt(p.get("early_stopping_patience"));
    int validationUsers = HyperParameter.asInt(p.get("validation_users"));
    if (patience > 0 && validationUsers == 0) {
      validationUsers = EARLY_STOPPING_VALIDATION_USERS;
    }
    return new HrnnConfig(
        HyperParameter.asInt(p.get("hidden_dimension")),
        HyperParameter.asInt(p.get("bptt")),
        HyperParameter.asBoolean(p.get("recency_mask")),
        HyperParameter.asDouble(p.get("min_user_history_length_percentile")),
        HyperParameter.asDouble(p.get("max_user_history_length_percentile")),
        HyperParameter.asInt(p.get("epochs")),
        HyperParameter.asDouble(p.get("learning_rate")),
        p.get("learning_rate_schedule").equals("linear"),
        HyperParameter.asDouble(p.get("item_weight_decay")),
        HyperParameter.asInt(p.get("batch_size")),
        HyperParameter.asInt(p.get("negative_samples")),
        HyperParameter.asInt(p.get("full_softmax_max_items")),
        HyperParameter.AUTO.equals(p.get("dropout")) ? -1 : HyperParameter.asDouble(p.get("dropout")),
        Math.round(HyperParameter.asDouble(p.get("session_gap_minutes")) * 60),
        HyperParameter.asDouble(p.get("session_break_rate")),
        HyperParameter.asInt(p.get("max_sequence_length")),
        patience,
        validationUsers,
        HyperParameter.asInt(p.get("seed")),
        HyperParameter.asInt(p.get("threads")));
  }

  /**
   * The dropout to train with: the value given, or when auto 0.5 on sparse data ({@link SparseData};
   * the SASRec paper's choice there, and the v2 recipes') and 0.2 otherwise, the family's measured
   * default on dense data.
   *
   * @param medianHistory the median length of the training sequences
   */
  public double dropoutFor(int medianHistory) {
    if (dropout >= 0) {
      return dropout;
    }
    return SparseData.isSparse(medianHistory) ? 0.5 : 0.2;
  }

  /** The number of threads to train with. */
  public int effectiveThreads() {
    return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
  }
}

package io.tastemaker.core.hrnn;

import io.tastemaker.core.data.ContextTable;
import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.recipe.HistoryLengths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The training sequences of an HRNN: each user's newest interactions, where sessions start, how much
 * each position counts in the loss, and the users held out to pick the best epoch.
 *
 * <p>A sequence is a window onto the interaction data's own columns, not a copy: at Personalize's
 * scale (30M interactions) copies of the items, times, session starts and weights held 17 bytes per
 * interaction through the whole training (issue 21). Session starts and recency weights are worked
 * out from the times as they are read.
 */
final class Sequences {
  private final InteractionData data;
  /** Each sequence's first interaction, an index into the data. */
  private final int[] from;
  /** Each sequence's length: the user's newest interactions, less the held-out one of a validation user. */
  private final int[] lengths;
  private final boolean withContexts;
  private final long sessionGapSeconds;
  private final boolean recencyMask;
  /** The newest training time, and the half-life of the recency weights (a quarter of the time span). */
  private final long maxTime;
  private final double halfLife;
  /** The features of each context. */
  final ContextTable contextTable;
  /** Indices into the data's users, one per sequence. */
  final int[] users;
  /** Validation: sequence index, and the held-out item that follows the sequence. */
  final int[] validationSequences;
  final int[] validationTargets;
  /** The context of each held-out item's interaction ({@link ContextTable#NONE} without). */
  final int[] validationContexts;
  /** How many times each item is a training target: the popularity that negatives are drawn by. */
  final long[] targetCounts;

  /** @param validation three rows: the held-out sequences, their held-out items and those items' contexts */
  private Sequences(InteractionData data, int[] users, int[] from, int[] lengths, HrnnConfig config, long minTime, long maxTime, int[][] validation) {
    this.data = data;
    this.users = users;
    this.from = from;
    this.lengths = lengths;
    this.withContexts = data.contexts().size() > 0;
    this.contextTable = data.contexts();
    this.sessionGapSeconds = config.sessionGapSeconds();
    this.recencyMask = config.recencyMask();
    this.maxTime = maxTime;
    this.halfLife = Math.max(1, (maxTime - minTime) / 4.0);
    this.validationSequences = validation[0];
    this.validationTargets = validation[1];
    this.validationContexts = validation[2];
    this.targetCounts = new long[data.itemCount()];
    for (int s = 0; s < users.length; s++) {
      for (int p = 1; p < lengths[s]; p++) {
        targetCounts[item(s, p)]++;
      }
    }
  }

  static Sequences of(InteractionData data, HrnnConfig config) {
    List<Integer> kept = keptUsers(data, config);
    int n = kept.size();
    int[] users = new int[n];
    int[] from = new int[n];
    int[] lengths = new int[n];
    long minTime = Long.MAX_VALUE;
    long maxTime = Long.MIN_VALUE;
    for (int s = 0; s < n; s++) {
      int user = kept.get(s);
      users[s] = user;
      from[s] = Math.max(data.start(user), data.end(user) - config.maxSequenceLength());
      lengths[s] = data.end(user) - from[s];
      minTime = Math.min(minTime, data.timestamp(from[s]));
      maxTime = Math.max(maxTime, data.timestamp(data.end(user) - 1));
    }

    // Hold out the last item of some users with three or more interactions, to pick the best epoch.
    List<Integer> eligible = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      if (lengths[s] >= 3) {
        eligible.add(s);
      }
    }
    int validation = Math.min(config.validationUsers(), eligible.size() / 5);
    SplittableRandom random = new SplittableRandom(config.seed() ^ 0x5EEDL);
    for (int i = eligible.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Integer t = eligible.get(i);
      eligible.set(i, eligible.get(j));
      eligible.set(j, t);
    }
    boolean withContexts = data.contexts().size() > 0;
    int[][] held = new int[3][validation];
    for (int v = 0; v < validation; v++) {
      int s = eligible.get(v);
      int last = from[s] + lengths[s] - 1;
      held[0][v] = s;
      held[1][v] = data.item(last);
      held[2][v] = withContexts ? data.context(last) : ContextTable.NONE;
      lengths[s]--;
    }
    return new Sequences(data, users, from, lengths, config, minTime, maxTime, held);
  }

  /** The number of positions sequence {@code s} trains on. */
  int length(int s) {
    return lengths[s];
  }

  /** The item at position {@code p} of sequence {@code s}, oldest first. */
  int item(int s, int p) {
    return data.item(from[s] + p);
  }

  long time(int s, int p) {
    return data.timestamp(from[s] + p);
  }

  /** The context of a position's interaction, {@link ContextTable#NONE} when the data has none. */
  int context(int s, int p) {
    return withContexts ? data.context(from[s] + p) : ContextTable.NONE;
  }

  /** Whether a new session starts at this position: always at 0, else after a gap longer than the session gap. */
  boolean sessionStart(int s, int p) {
    return p == 0 || time(s, p) - time(s, p - 1) > sessionGapSeconds;
  }

  /** The loss weight of predicting this position. recency_mask: recent events count fully, the oldest about half. */
  float weight(int s, int p) {
    return recencyMask ? (float) (0.5 + 0.5 * Math.pow(2, -(maxTime - time(s, p)) / halfLife)) : 1f;
  }

  /** Users within the history-length percentiles, with at least two interactions. */
  private static List<Integer> keptUsers(InteractionData data, HrnnConfig config) {
    int[] lengths = new int[data.userCount()];
    for (int user = 0; user < lengths.length; user++) {
      lengths[user] = data.historyLength(user);
    }
    int[] sorted = lengths.clone();
    Arrays.sort(sorted);
    int low = sorted.length == 0 ? 0 : sorted[nearestRank(config.minHistoryPercentile(), sorted.length)];
    int high = sorted.length == 0 ? 0 : sorted[nearestRank(config.maxHistoryPercentile(), sorted.length)];
    List<Integer> kept = new ArrayList<>();
    for (int user = 0; user < lengths.length; user++) {
      if (lengths[user] >= 2 && lengths[user] >= low && lengths[user] <= high) {
        kept.add(user);
      }
    }
    return kept;
  }

  /** The index of a percentile in n sorted values, by the nearest-rank method. */
  static int nearestRank(double percentile, int n) {
    return Math.max(0, (int) Math.ceil(percentile * n) - 1);
  }

  int size() {
    return lengths.length;
  }

  /** The median length of the sequences (0 without any). */
  int medianLength() {
    return HistoryLengths.of(lengths).median();
  }

  /** The number of training positions: every item but each sequence's first. */
  long positions() {
    long total = 0;
    for (int length : lengths) {
      total += Math.max(0, length - 1);
    }
    return total;
  }
}

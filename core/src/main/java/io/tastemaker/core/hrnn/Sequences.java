package io.tastemaker.core.hrnn;

import io.tastemaker.core.data.ContextTable;
import io.tastemaker.core.data.InteractionData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The training sequences of an HRNN: each user's newest interactions, where sessions start, how much
 * each position counts in the loss, and the users held out to pick the best epoch.
 */
final class Sequences {
  /** Item indices per kept user, oldest first. */
  final int[][] items;
  final long[][] times;
  /** The context of each position's interaction, or null when the data has no contexts. */
  final int[][] contexts;
  /** The features of each context. */
  final ContextTable contextTable;
  /** Whether a new session starts at each position (always at 0). */
  final boolean[][] sessionStart;
  /** The loss weight of predicting each position (position 0 is never predicted). */
  final float[][] weights;
  /** Indices into the data's users, one per sequence. */
  final int[] users;
  /** Validation: sequence index, and the held-out item that follows the sequence. */
  final int[] validationSequences;
  final int[] validationTargets;
  /** The context of each held-out item's interaction ({@link ContextTable#NONE} without). */
  final int[] validationContexts;
  /** How many times each item is a training target: the popularity that negatives are drawn by. */
  final long[] targetCounts;

  private Sequences(
      int[][] items, long[][] times, int[][] contexts, ContextTable contextTable, boolean[][] sessionStart, float[][] weights, int[] users,
      int[] validationSequences, int[] validationTargets, int[] validationContexts, long[] targetCounts) {
    this.items = items;
    this.times = times;
    this.contexts = contexts;
    this.contextTable = contextTable;
    this.sessionStart = sessionStart;
    this.weights = weights;
    this.users = users;
    this.validationSequences = validationSequences;
    this.validationTargets = validationTargets;
    this.validationContexts = validationContexts;
    this.targetCounts = targetCounts;
  }

  static Sequences of(InteractionData data, HrnnConfig config) {
    List<Integer> kept = keptUsers(data, config);
    int n = kept.size();
    int[][] items = new int[n][];
    long[][] times = new long[n][];
    boolean withContexts = data.contexts().size() > 0;
    int[][] contexts = withContexts ? new int[n][] : null;
    int[] users = new int[n];
    long minTime = Long.MAX_VALUE;
    long maxTime = Long.MIN_VALUE;
    for (int s = 0; s < n; s++) {
      int user = kept.get(s);
      int from = Math.max(data.start(user), data.end(user) - config.maxSequenceLength());
      items[s] = new int[data.end(user) - from];
      times[s] = new long[items[s].length];
      if (withContexts) {
        contexts[s] = new int[items[s].length];
      }
      for (int i = from; i < data.end(user); i++) {
        items[s][i - from] = data.item(i);
        times[s][i - from] = data.timestamp(i);
        if (withContexts) {
          contexts[s][i - from] = data.context(i);
        }
      }
      users[s] = user;
      minTime = Math.min(minTime, times[s][0]);
      maxTime = Math.max(maxTime, times[s][times[s].length - 1]);
    }

    // Hold out the last item of some users with three or more interactions, to pick the best epoch.
    List<Integer> eligible = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      if (items[s].length >= 3) {
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
    int[] validationSequences = new int[validation];
    int[] validationTargets = new int[validation];
    int[] validationContexts = new int[validation];
    for (int v = 0; v < validation; v++) {
      int s = eligible.get(v);
      int last = items[s].length - 1;
      validationSequences[v] = s;
      validationTargets[v] = items[s][last];
      validationContexts[v] = withContexts ? contexts[s][last] : ContextTable.NONE;
      items[s] = Arrays.copyOf(items[s], last);
      times[s] = Arrays.copyOf(times[s], last);
      if (withContexts) {
        contexts[s] = Arrays.copyOf(contexts[s], last);
      }
    }

    boolean[][] sessionStart = new boolean[n][];
    float[][] weights = new float[n][];
    long[] targetCounts = new long[data.itemCount()];
    double halfLife = Math.max(1, (maxTime - minTime) / 4.0);
    for (int s = 0; s < n; s++) {
      int length = items[s].length;
      sessionStart[s] = new boolean[length];
      weights[s] = new float[length];
      for (int p = 0; p < length; p++) {
        sessionStart[s][p] = p == 0 || times[s][p] - times[s][p - 1] > config.sessionGapSeconds();
        // recency_mask: recent events count fully, the oldest about half.
        weights[s][p] = config.recencyMask() ? (float) (0.5 + 0.5 * Math.pow(2, -(maxTime - times[s][p]) / halfLife)) : 1f;
        if (p > 0) {
          targetCounts[items[s][p]]++;
        }
      }
    }
    return new Sequences(
        items, times, contexts, data.contexts(), sessionStart, weights, users, validationSequences, validationTargets, validationContexts, targetCounts);
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
    return items.length;
  }

  /** The number of training positions: every item but each sequence's first. */
  long positions() {
    long total = 0;
    for (int[] s : items) {
      total += Math.max(0, s.length - 1);
    }
    return total;
  }
}

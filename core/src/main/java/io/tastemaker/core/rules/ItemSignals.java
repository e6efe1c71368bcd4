package io.tastemaker.core.rules;

import java.util.Arrays;

/**
 * What ranking influence knows of each item of a model's catalogue: its popularity (interactions in
 * the training data) and its creation time, and both as a percentile rank from 0 to 1, so that a
 * weight means the same in a catalogue of days and one of decades, of tens of interactions or of
 * millions. The most popular item has popularity 1, the least 0; the newest item has freshness 1,
 * the oldest 0; equal values share the mean of their ranks.
 */
public final class ItemSignals {
  /** The creation time of an item nothing dates: it counts as the oldest. */
  public static final long UNKNOWN_TIME = Long.MIN_VALUE;

  private final long[] interactions;
  private final long[] createdAt;
  private final double[] popularity;
  private final double[] freshness;

  private ItemSignals(long[] interactions, long[] createdAt) {
    this.interactions = interactions.clone();
    this.createdAt = createdAt.clone();
    this.popularity = percentiles(interactions);
    this.freshness = percentiles(createdAt);
  }

  /**
   * @param interactions per catalogue item, its interactions in the training data
   * @param createdAt per catalogue item, its creation time in epoch seconds, or {@link #UNKNOWN_TIME}
   */
  public static ItemSignals of(long[] interactions, long[] createdAt) {
    if (interactions.length != createdAt.length) {
      throw new IllegalArgumentException(interactions.length + " interaction counts but " + createdAt.length + " creation times");
    }
    return new ItemSignals(interactions, createdAt);
  }

  public int size() {
    return interactions.length;
  }

  public long interactions(int item) {
    return interactions[item];
  }

  public long createdAt(int item) {
    return createdAt[item];
  }

  /** The item's popularity percentile, from 0 (least) to 1 (most interactions). */
  public double popularity(int item) {
    return popularity[item];
  }

  /** The item's freshness percentile, from 0 (oldest) to 1 (newest). */
  public double freshness(int item) {
    return freshness[item];
  }

  /**
   * Each value's rank among all, from 0 (smallest) to 1 (largest), ties at the mean of their
   * ranks: for {@code [5, 1, 5, 9]} the ranks are 0..3 and the result {@code [1.5/3, 0, 1.5/3, 1]}.
   * A single value is 0.5.
   */
  static double[] percentiles(long[] values) {
    int n = values.length;
    double[] out = new double[n];
    if (n == 1) {
      out[0] = 0.5;
      return out;
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(values[a], values[b]));
    int start = 0;
    while (start < n) {
      int end = start;
      while (end + 1 < n && values[order[end + 1]] == values[order[start]]) {
        end++;
      }
      double rank = (start + end) / 2.0 / (n - 1);
      for (int k = start; k <= end; k++) {
        out[order[k]] = rank;
      }
      start = end + 1;
    }
    return out;
  }
}

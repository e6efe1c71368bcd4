package io.tastemaker.core.recipe;

import java.util.Arrays;

/**
 * The users' history lengths, sorted once, for the knobs the sequence recipes choose from
 * the data: the median (is the data sparse, {@link SparseData}) and other percentiles (how many
 * items a sequence model reads).
 */
public final class HistoryLengths {
  private final int[] sorted;

  private HistoryLengths(int[] sorted) {
    this.sorted = sorted;
  }

  /** The lengths given, in any order; the array is not changed. */
  public static HistoryLengths of(int[] lengths) {
    int[] sorted = lengths.clone();
    Arrays.sort(sorted);
    return new HistoryLengths(sorted);
  }

  /** The middle length (the upper one of an even count); 0 without users. */
  public int median() {
    return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
  }

  /** The length at share {@code q} (0 to 1) of the sorted users, at most the longest; 0 without users. */
  public int percentile(double q) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))];
  }
}

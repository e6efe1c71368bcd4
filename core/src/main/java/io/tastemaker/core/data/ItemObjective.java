package io.tastemaker.core.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A solution's {@code optimizationObjective} as training applies it: each item's value of a numeric
 * Items column becomes its percentile rank {@code p} (0 for the smallest, 1 for the largest, ties at
 * their mean rank, 0.5 for an item without a value), and an interaction with the item counts {@code
 * exp(-strength * (1 - p))} times as much as one with the top item, so the model learns to favour
 * items with large values in proportion to the strength.
 *
 * @param percentiles each valued item's percentile rank
 * @param strength how far the objective moves the data, 0 for not at all
 */
public record ItemObjective(Map<String, Double> percentiles, double strength) {
  /** The rank given to items without a value: the middle. */
  public static final double UNVALUED = 0.5;

  public ItemObjective {
    percentiles = Map.copyOf(percentiles);
    if (!(strength >= 0) || Double.isInfinite(strength)) {
      throw new IllegalArgumentException("strength must be finite and not negative, got " + strength);
    }
  }

  /** The objective over these item values, at this strength. */
  public static ItemObjective of(Map<String, Double> values, double strength) {
    List<Map.Entry<String, Double>> entries = values.entrySet().stream().filter(e -> Double.isFinite(e.getValue())).toList();
    int n = entries.size();
    double[] sorted = entries.stream().mapToDouble(Map.Entry::getValue).sorted().toArray();
    Map<String, Double> ranks = new HashMap<>();
    for (Map.Entry<String, Double> e : entries) {
      if (n == 1) {
        ranks.put(e.getKey(), UNVALUED);
        continue;
      }
      int first = lowerBound(sorted, e.getValue());
      int last = lowerBound(sorted, Math.nextUp(e.getValue())) - 1;
      ranks.put(e.getKey(), (first + last) / 2.0 / (n - 1));
    }
    return new ItemObjective(ranks, strength);
  }

  private static int lowerBound(double[] sorted, double value) {
    int at = Arrays.binarySearch(sorted, value);
    if (at < 0) {
      return -at - 1;
    }
    while (at > 0 && sorted[at - 1] == value) {
      at--;
    }
    return at;
  }

  /** The item's percentile rank, {@link #UNVALUED} when it has no value. */
  public double percentile(String itemId) {
    return percentiles.getOrDefault(itemId, UNVALUED);
  }

  /** How much an interaction with the item counts, from {@code exp(-strength)} to 1. */
  public double weight(String itemId) {
    return Math.exp(-strength * (1 - percentile(itemId)));
  }
}

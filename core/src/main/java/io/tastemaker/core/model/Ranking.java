package io.tastemaker.core.model;

import java.util.Arrays;

/**
 * A model's answer: item indices, best first, with a score for each when the recipe scores.
 *
 * @param items item indices in the model's catalogue
 * @param scores one per item, or empty for recipes without scores
 */
public record Ranking(int[] items, double[] scores) {
  public Ranking {
    if (scores.length != 0 && scores.length != items.length) {
      throw new IllegalArgumentException(items.length + " items but " + scores.length + " scores");
    }
    items = items.clone();
    scores = scores.clone();
  }

  public static Ranking unscored(int[] items) {
    return new Ranking(items, new double[0]);
  }

  public boolean scored() {
    return scores.length > 0 || items.length == 0;
  }

  public int size() {
    return items.length;
  }

  @Override
  public int[] items() {
    return items.clone();
  }

  @Override
  public double[] scores() {
    return scores.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ranking r && Arrays.equals(items, r.items) && Arrays.equals(scores, r.scores);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(items) + Arrays.hashCode(scores);
  }

  @Override
  public String toString() {
    return "Ranking" + Arrays.toString(items) + (scores.length > 0 ? Arrays.toString(scores) : "");
  }
}

package io.tastemaker.core.rules;

import io.tastemaker.core.model.Ranking;
import java.util.Arrays;

/**
 * A model's candidates for one request, most relevant first: the items, their scores when the
 * recipe scores, and which of them are popular stand-ins rather than the model's own choice (aws-sims
 * falls back to popular items when an item has too few neighbours). The business rules pick from it.
 */
public final class RankedCandidates {
  private final int[] items;
  private final double[] scores;
  private final boolean[] popular;

  /**
   * @param items item indices, best first, distinct
   * @param scores one per item, or empty for recipes without scores
   * @param popular one per item: whether it is a popular stand-in
   */
  public RankedCandidates(int[] items, double[] scores, boolean[] popular) {
    if (scores.length != 0 && scores.length != items.length) {
      throw new IllegalArgumentException(items.length + " items but " + scores.length + " scores");
    }
    if (popular.length != items.length) {
      throw new IllegalArgumentException(items.length + " items but " + popular.length + " popular marks");
    }
    this.items = items.clone();
    this.scores = scores.clone();
    this.popular = popular.clone();
  }

  /** A model's answer, none of it a stand-in. */
  public static RankedCandidates of(Ranking ranking) {
    return new RankedCandidates(ranking.items(), ranking.scores(), new boolean[ranking.size()]);
  }

  public int size() {
    return items.length;
  }

  public int item(int position) {
    return items[position];
  }

  public boolean scored() {
    return scores.length > 0 || items.length == 0;
  }

  /** The score at a position; only for {@link #scored} candidates. */
  public double score(int position) {
    return scores[position];
  }

  public boolean popular(int position) {
    return popular[position];
  }

  /** The same candidates in another order: {@code order[k]} is the position that comes k-th. */
  RankedCandidates reordered(int[] order, double[] newScores) {
    int[] i = new int[order.length];
    boolean[] p = new boolean[order.length];
    for (int k = 0; k < order.length; k++) {
      i[k] = items[order[k]];
      p[k] = popular[order[k]];
    }
    return new RankedCandidates(i, newScores, p);
  }

  @Override
  public String toString() {
    return "RankedCandidates" + Arrays.toString(items) + (scores.length > 0 ? Arrays.toString(scores) : "");
  }
}

package io.tastemaker.core.rules;

import java.util.Arrays;

/**
 * Re-scores a model's candidates with {@code rankingInfluence}: each candidate's relevance is
 * multiplied by {@code exp(STRENGTH * (wP * popularity + wF * freshness))}, the signals being
 * percentile ranks from 0 to 1 ({@link ItemSignals}), and the candidates are ordered again.
 *
 * <p>For a recipe that scores, relevance is the score: the new scores are the old ones tilted and
 * normalised to the same total, so a user's scores over every item still sum to 1 (a ranking's over
 * its input items), and an item's score is the probability the influenced model gives it; equivalently,
 * the softmax of the logits plus {@code STRENGTH * (wP * popularity + wF * freshness)}. For a recipe
 * without scores relevance is {@code 1 / (1 + rank)} in the model's order, and no scores come out.
 *
 * <p>At weight 1 the most popular (or newest) item's odds grow {@code e^5} (about 148) times against
 * the least popular (oldest) one's; at 0.2 about 2.7 times; at 0 nothing moves.
 */
public final class RankingInfluence {
  /** How far a weight of 1 moves a candidate, in nats of relevance. */
  public static final double STRENGTH = 5.0;

  private RankingInfluence() {}

  /** The candidates in their influenced order, with influenced scores when they are scored. */
  public static RankedCandidates apply(RankedCandidates candidates, ItemSignals signals, RankingWeights weights) {
    if (weights.none() || candidates.size() == 0) {
      return candidates;
    }
    int n = candidates.size();
    boolean scored = candidates.scored();
    double[] tilt = new double[n];
    double[] relevance = new double[n];
    double before = 0;
    double after = 0;
    for (int k = 0; k < n; k++) {
      int item = candidates.item(k);
      tilt[k] = Math.exp(STRENGTH * (weights.popularity() * signals.popularity(item) + weights.freshness() * signals.freshness(item)));
      double base = scored ? candidates.score(k) : 1.0 / (1 + k);
      relevance[k] = base * tilt[k];
      before += base;
      after += relevance[k];
    }
    Integer[] order = new Integer[n];
    for (int k = 0; k < n; k++) {
      order[k] = k;
    }
    // Ties keep the model's order.
    Arrays.sort(order, (a, b) -> relevance[a] != relevance[b] ? Double.compare(relevance[b], relevance[a]) : Integer.compare(a, b));
    int[] positions = new int[n];
    double[] scores = new double[scored ? n : 0];
    double scale = after > 0 ? before / after : 0;
    for (int k = 0; k < n; k++) {
      positions[k] = order[k];
      if (scored) {
        scores[k] = relevance[order[k]] * scale;
      }
    }
    return candidates.reordered(positions, scores);
  }
}

package io.tastemaker.core.eval;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The eight metrics of GetSolutionMetrics (personalize-api.md section 6.3), averaged over queries:
 * precision, normalised discounted cumulative gain (binary relevance, the ideal being the same list
 * sorted by relevance) at 5, 10 and 25, mean reciprocal rank at 25, and coverage of the catalogue.
 */
public final class OfflineMetrics {
  /** The eight keys GetSolutionMetrics answers for the legacy recipes. */
  public static final java.util.Set<String> NAMES =
      java.util.Set.of(
          "coverage",
          "mean_reciprocal_rank_at_25",
          "normalized_discounted_cumulative_gain_at_5",
          "normalized_discounted_cumulative_gain_at_10",
          "normalized_discounted_cumulative_gain_at_25",
          "precision_at_5",
          "precision_at_10",
          "precision_at_25");

  /** Every query asks for this many items, the largest cut-off of any metric. */
  public static final int DEPTH = 25;

  private OfflineMetrics() {}

  /**
   * Evaluates a recommender.
   *
   * @param queries the held-out users' queries
   * @param recommend the top {@link #DEPTH} (or fewer) item indices for a query, best first
   * @param catalogueSize distinct items in the training data (Interactions and Items), for coverage
   */
  public static Map<String, Double> evaluate(List<EvalQuery> queries, Function<EvalQuery, int[]> recommend, int catalogueSize) {
    double[] precision = new double[3];
    double[] ndcg = new double[3];
    int[] cutoffs = {5, 10, 25};
    double reciprocalRanks = 0;
    BitSet recommended = new BitSet();
    for (EvalQuery q : queries) {
      int[] top = recommend.apply(q);
      int hits = 0;
      double dcg = 0;
      double firstHit = 0;
      int c = 0;
      for (int rank = 1; rank <= DEPTH; rank++) {
        if (rank <= top.length) {
          recommended.set(top[rank - 1]);
          if (q.isRelevant(top[rank - 1])) {
            hits++;
            dcg += 1 / log2(1 + rank);
            if (firstHit == 0) {
              firstHit = 1.0 / rank;
            }
          }
        }
        if (rank == cutoffs[c]) {
          precision[c] += (double) hits / rank;
          ndcg[c] += hits == 0 ? 0 : dcg / idealDcg(hits);
          c++;
        }
      }
      reciprocalRanks += firstHit;
    }
    int n = Math.max(1, queries.size());
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("coverage", catalogueSize == 0 ? 0 : (double) recommended.cardinality() / catalogueSize);
    metrics.put("mean_reciprocal_rank_at_25", reciprocalRanks / n);
    for (int i = 0; i < cutoffs.length; i++) {
      metrics.put("normalized_discounted_cumulative_gain_at_" + cutoffs[i], ndcg[i] / n);
    }
    for (int i = 0; i < cutoffs.length; i++) {
      metrics.put("precision_at_" + cutoffs[i], precision[i] / n);
    }
    return metrics;
  }

  /**
   * The gain of the same top K with its relevant items moved to the top: Personalize's "ideal DCG is
   * where the top K recommendations are sorted by relevance". So the ideal counts the hits, not every
   * held-out item, and a list whose one hit is first scores 1 however many items were held out.
   */
  static double idealDcg(int hits) {
    double ideal = 0;
    for (int rank = 1; rank <= hits; rank++) {
      ideal += 1 / log2(1 + rank);
    }
    return ideal;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}

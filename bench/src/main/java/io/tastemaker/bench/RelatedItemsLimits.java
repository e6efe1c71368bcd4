package io.tastemaker.bench;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.eval.EvalQuery;
import io.tastemaker.core.eval.HoldoutSplit;
import io.tastemaker.core.eval.OfflineMetrics;
import java.util.List;

/**
 * What GetSolutionMetrics' RELATED_ITEMS protocol allows on a data set, whatever the model: one query
 * per held-out user can cover at most {@code queries x 25} items of the catalogue, and a query whose
 * newest history item is also among its relevant items holds a hit no related-items model can give,
 * since an item is never its own related item.
 *
 * @param queries held-out users asked
 * @param coverageCeiling the largest coverage those queries can reach
 * @param queryItemRelevant the share of queries whose query item is one of their relevant items
 */
record RelatedItemsLimits(int queries, double coverageCeiling, double queryItemRelevant) {
  RelatedItemsLimits {
    if (queries < 0 || coverageCeiling < 0 || coverageCeiling > 1 || queryItemRelevant < 0 || queryItemRelevant > 1) {
      throw new IllegalArgumentException("limits out of range: " + queries + ", " + coverageCeiling + ", " + queryItemRelevant);
    }
  }

  /** The limits of the split that {@code seed} draws, with coverage over a catalogue of {@code catalogue} items. */
  static RelatedItemsLimits of(InteractionData data, long seed, int catalogue) {
    if (catalogue < 1) {
      throw new IllegalArgumentException("catalogue must be at least 1, got " + catalogue);
    }
    List<EvalQuery> queries = HoldoutSplit.of(data, seed).queries(data);
    int selfRelevant = 0;
    for (EvalQuery q : queries) {
      if (q.isRelevant(q.history().item(q.history().length() - 1))) {
        selfRelevant++;
      }
    }
    double ceiling = Math.min(1.0, (double) queries.size() * OfflineMetrics.DEPTH / catalogue);
    return new RelatedItemsLimits(queries.size(), ceiling, queries.isEmpty() ? 0 : (double) selfRelevant / queries.size());
  }
}

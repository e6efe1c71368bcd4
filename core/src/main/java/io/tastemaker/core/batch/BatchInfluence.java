package io.tastemaker.core.batch;

import io.tastemaker.core.rules.ItemSignals;
import io.tastemaker.core.rules.RankedCandidates;
import io.tastemaker.core.rules.RankingInfluence;
import io.tastemaker.core.rules.RankingWeights;
import java.util.Objects;

/** A batch job's {@code rankingInfluence} over a model's catalogue: the weights and the items' signals. */
public record BatchInfluence(RankingWeights weights, ItemSignals signals) {
  public BatchInfluence {
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(signals, "signals");
  }

  /** The candidates in their influenced order, as the server's answers re-score them. */
  RankedCandidates apply(RankedCandidates candidates) {
    return RankingInfluence.apply(candidates, signals, weights);
  }
}

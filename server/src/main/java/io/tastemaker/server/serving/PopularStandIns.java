package io.tastemaker.server.serving;

import io.tastemaker.core.rules.RankedCandidates;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.model.Recommender;
import java.util.OptionalInt;

/**
 * Marks the items of a related-items answer that are popular placeholders rather than the model's
 * own choice ({@link io.tastemaker.core.model.PopularStandIns}). Those carry the reason "Popular
 * item" and no relevance of their own.
 */
final class PopularStandIns {
  private PopularStandIns() {}

  /** The answer to a related-items request for {@code item} (empty: unknown to the model), stand-ins marked. */
  static RankedCandidates mark(Recommender model, OptionalInt item, Ranking answer) {
    return new RankedCandidates(answer.items(), answer.scores(), io.tastemaker.core.model.PopularStandIns.of(model, item, answer));
  }
}

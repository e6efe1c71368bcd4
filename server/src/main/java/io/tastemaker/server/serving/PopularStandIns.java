package io.tastemaker.server.serving;

import io.tastemaker.core.model.ItemNeighbours;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.sims.SimsModel;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Marks the items of a related-items answer that are popular placeholders rather than the model's
 * own choice: aws-sims (and the item-to-item families of domain use cases) answers an item with
 * its neighbours and fills the rest of numResults with popular items (all of them for an item it does not know). Those carry the reason
 * "Popular item" and no relevance of their own.
 */
final class PopularStandIns {
  private PopularStandIns() {}

  /** The answer to a related-items request for {@code item} (empty: unknown to the model), stand-ins marked. */
  static RankedCandidates mark(Recommender model, OptionalInt item, Ranking answer) {
    int[] items = answer.items();
    boolean[] popular = new boolean[items.length];
    if (model instanceof SimsModel || model instanceof ItemNeighbours) {
      Set<Integer> neighbours = new HashSet<>();
      if (item.isPresent()) {
        int[] own = model instanceof SimsModel sims ? sims.neighbours(item.getAsInt()) : ((ItemNeighbours) model).neighbours(item.getAsInt());
        for (int j : own) {
          neighbours.add(j);
        }
      }
      for (int k = 0; k < items.length; k++) {
        popular[k] = !neighbours.contains(items[k]);
      }
    }
    return new RankedCandidates(items, answer.scores(), popular);
  }
}

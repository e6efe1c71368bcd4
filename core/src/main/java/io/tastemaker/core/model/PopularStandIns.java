package io.tastemaker.core.model;

import io.tastemaker.core.sims.SimsModel;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Which items of a related-items answer are popular placeholders rather than the model's own choice:
 * aws-sims (and the item-to-item families of domain use cases) answers an item with its neighbours
 * and fills the rest of numResults with popular items (all of them for an item it does not know).
 */
public final class PopularStandIns {
  private PopularStandIns() {}

  /** For each item of the answer to {@code item} (empty: unknown to the model), whether it is a stand-in. */
  public static boolean[] of(Recommender model, OptionalInt item, Ranking answer) {
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
    return popular;
  }
}

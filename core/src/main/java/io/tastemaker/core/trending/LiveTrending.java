package io.tastemaker.core.trending;

import io.tastemaker.core.model.ItemCatalog;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.model.UserQuery;
import io.tastemaker.core.recipe.RecipeType;
import java.util.OptionalInt;

/**
 * A trending model as it serves: its trained counts plus the interactions streamed since, which
 * {@link #record} takes as they arrive, so the trend moves without retraining. Items the model
 * never saw wait for the next training.
 */
public final class LiveTrending implements Recommender {
  private final TrendingModel model;
  private final TrendTracker tracker;

  LiveTrending(TrendingModel model, TrendTracker tracker) {
    this.model = model;
    this.tracker = tracker;
  }

  /** The trained model under the live counts. */
  public TrendingModel trained() {
    return model;
  }

  /** Counts one streamed interaction; an item the model does not know is ignored. */
  public void record(String itemId, long epochSeconds) {
    OptionalInt item = model.items().indexOf(itemId);
    if (item.isPresent()) {
      tracker.record(item.getAsInt(), epochSeconds);
    }
  }

  @Override
  public String recipe() {
    return model.recipe();
  }

  @Override
  public RecipeType type() {
    return model.type();
  }

  @Override
  public ItemCatalog items() {
    return model.items();
  }

  @Override
  public boolean scores() {
    return false;
  }

  @Override
  public Ranking recommend(UserQuery query, int n, ItemMask mask) {
    return model.rank(n, mask, tracker);
  }

  @Override
  public Ranking popular(int n, ItemMask mask) {
    return model.rank(n, mask, tracker);
  }
}

package io.tastemaker.core.popularity;

import io.tastemaker.core.io.BinaryReader;
import io.tastemaker.core.io.BinaryWriter;
import io.tastemaker.core.model.UserQuery;
import io.tastemaker.core.model.ItemCatalog;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.recipe.RecipeType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * aws-popularity-count: items ranked by how many distinct users interacted with them; the same list
 * for everyone, without scores. The catalogue is stored in rank order, so item 0 is the most popular.
 */
public final class PopularityModel implements Recommender {
  private final ItemCatalog items;
  private final int[] userCounts;

  PopularityModel(List<String> rankedItemIds, int[] userCounts) {
    if (rankedItemIds.size() != userCounts.length) {
      throw new IllegalArgumentException(rankedItemIds.size() + " items but " + userCounts.length + " counts");
    }
    this.items = new ItemCatalog(rankedItemIds);
    this.userCounts = userCounts.clone();
  }

  @Override
  public String recipe() {
    return RecipeCatalog.POPULARITY_COUNT;
  }

  @Override
  public RecipeType type() {
    return RecipeType.USER_PERSONALIZATION;
  }

  @Override
  public ItemCatalog items() {
    return items;
  }

  @Override
  public boolean scores() {
    return false;
  }

  /** How many distinct users interacted with the item. */
  public int userCount(int item) {
    return userCounts[item];
  }

  @Override
  public Ranking recommend(UserQuery query, int n, ItemMask mask) {
    int[] top = new int[Math.min(n, items.size())];
    int found = 0;
    for (int item = 0; item < items.size() && found < top.length; item++) {
      if (mask.allows(item)) {
        top[found++] = item;
      }
    }
    return Ranking.unscored(java.util.Arrays.copyOf(top, found));
  }

  void writeTo(BinaryWriter out) throws IOException {
    out.writeInt(items.size());
    for (String id : items.ids()) {
      out.writeString(id);
    }
    out.writeInts(userCounts);
  }

  static PopularityModel readFrom(BinaryReader in) {
    int size = in.readInt();
    List<String> ids = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      ids.add(in.readString());
    }
    return new PopularityModel(ids, in.readInts());
  }
}

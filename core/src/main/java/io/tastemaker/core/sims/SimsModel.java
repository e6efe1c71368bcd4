package io.tastemaker.core.sims;

import io.tastemaker.core.io.BinaryReader;
import io.tastemaker.core.io.BinaryWriter;
import io.tastemaker.core.model.ItemCatalog;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.recipe.RecipeType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * aws-sims: for each item, the items most often interacted with by the same users, popularity
 * discounted; then the most popular items, for an item with too few neighbours or an unknown one.
 * No scores, as in Personalize.
 */
public final class SimsModel implements Recommender {
  private final ItemCatalog items;
  /** Per item, its neighbours best first. */
  private final int[][] neighbours;
  /** Items by popularity, most popular first. */
  private final int[] popular;

  SimsModel(List<String> itemIds, int[][] neighbours, int[] popular) {
    this.items = new ItemCatalog(itemIds);
    this.neighbours = neighbours;
    this.popular = popular.clone();
    if (neighbours.length != itemIds.size()) {
      throw new IllegalArgumentException(neighbours.length + " neighbour lists for " + itemIds.size() + " items");
    }
  }

  @Override
  public String recipe() {
    return RecipeCatalog.SIMS;
  }

  @Override
  public RecipeType type() {
    return RecipeType.RELATED_ITEMS;
  }

  @Override
  public ItemCatalog items() {
    return items;
  }

  @Override
  public boolean scores() {
    return false;
  }

  /** The neighbours of an item, best first. */
  public int[] neighbours(int item) {
    return neighbours[item].clone();
  }

  @Override
  public Ranking related(int item, int n, ItemMask mask) {
    int[] out = new int[Math.min(n, items.size())];
    boolean[] taken = new boolean[items.size()];
    taken[item] = true;
    int found = 0;
    for (int j : neighbours[item]) {
      if (found == out.length) {
        break;
      }
      if (!taken[j] && mask.allows(j)) {
        taken[j] = true;
        out[found++] = j;
      }
    }
    for (int j : popular) {
      if (found == out.length) {
        break;
      }
      if (!taken[j] && mask.allows(j)) {
        taken[j] = true;
        out[found++] = j;
      }
    }
    return Ranking.unscored(Arrays.copyOf(out, found));
  }

  @Override
  public Ranking popular(int n, ItemMask mask) {
    int[] out = new int[Math.min(n, popular.length)];
    int found = 0;
    for (int j : popular) {
      if (found == out.length) {
        break;
      }
      if (mask.allows(j)) {
        out[found++] = j;
      }
    }
    return Ranking.unscored(Arrays.copyOf(out, found));
  }

  void writeTo(BinaryWriter out) throws IOException {
    out.writeInt(items.size());
    for (String id : items.ids()) {
      out.writeString(id);
    }
    for (int[] list : neighbours) {
      out.writeInts(list);
    }
    out.writeInts(popular);
  }

  static SimsModel readFrom(BinaryReader in) {
    int size = in.readInt();
    List<String> ids = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      ids.add(in.readString());
    }
    int[][] neighbours = new int[size][];
    for (int i = 0; i < size; i++) {
      neighbours[i] = in.readInts();
    }
    return new SimsModel(ids, neighbours, in.readInts());
  }
}

package io.tastemaker.core.cooccurrence;

import io.tastemaker.core.io.BinaryReader;
import io.tastemaker.core.io.BinaryWriter;
import io.tastemaker.core.model.ItemCatalog;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.ItemNeighbours;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.recipe.RecipeType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A related-items model kept as lists: each item's neighbours best first, then the popular items for
 * an item with too few neighbours or an unknown one. Answers carry no scores. The item-to-item
 * families of the domain use cases (items bought together, similar items) train one.
 */
public final class NeighbourModel implements Recommender, ItemNeighbours {
  private final String recipe;
  private final ItemCatalog items;
  private final int[][] neighbours;
  private final int[] popular;

  /**
   * @param recipe the family that trained it, which names its file format
   * @param neighbours per item, its neighbours best first
   * @param popular items by popularity, most popular first
   */
  public NeighbourModel(String recipe, List<String> itemIds, int[][] neighbours, int[] popular) {
    if (neighbours.length != itemIds.size()) {
      throw new IllegalArgumentException(neighbours.length + " neighbour lists for " + itemIds.size() + " items");
    }
    this.recipe = recipe;
    this.items = new ItemCatalog(itemIds);
    this.neighbours = new int[neighbours.length][];
    for (int i = 0; i < neighbours.length; i++) {
      this.neighbours[i] = checked(neighbours[i], itemIds.size());
    }
    this.popular = checked(popular, itemIds.size());
  }

  private static int[] checked(int[] list, int size) {
    for (int j : list) {
      if (j < 0 || j >= size) {
        throw new IllegalArgumentException("item index " + j + " outside a catalogue of " + size);
      }
    }
    return list.clone();
  }

  @Override
  public String recipe() {
    return recipe;
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

  @Override
  public int[] neighbours(int item) {
    return neighbours[item].clone();
  }

  @Override
  public Ranking related(int item, int n, ItemMask mask) {
    int[] out = new int[Math.min(n, items.size())];
    boolean[] taken = new boolean[items.size()];
    taken[item] = true;
    int found = take(neighbours[item], out, 0, taken, mask);
    found = take(popular, out, found, taken, mask);
    return Ranking.unscored(Arrays.copyOf(out, found));
  }

  @Override
  public Ranking popular(int n, ItemMask mask) {
    int[] out = new int[Math.min(n, items.size())];
    int found = take(popular, out, 0, new boolean[items.size()], mask);
    return Ranking.unscored(Arrays.copyOf(out, found));
  }

  private static int take(int[] candidates, int[] out, int found, boolean[] taken, ItemMask mask) {
    for (int j : candidates) {
      if (found == out.length) {
        break;
      }
      if (!taken[j] && mask.allows(j)) {
        taken[j] = true;
        out[found++] = j;
      }
    }
    return found;
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

  static NeighbourModel readFrom(String recipe, BinaryReader in) {
    int size = in.readInt();
    List<String> ids = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      ids.add(in.readString());
    }
    int[][] neighbours = new int[size][];
    for (int i = 0; i < size; i++) {
      neighbours[i] = in.readInts();
    }
    return new NeighbourModel(recipe, ids, neighbours, in.readInts());
  }
}

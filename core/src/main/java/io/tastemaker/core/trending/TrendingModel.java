package io.tastemaker.core.trending;

import io.tastemaker.core.io.BinaryReader;
import io.tastemaker.core.io.BinaryWriter;
import io.tastemaker.core.model.ItemCatalog;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.model.UserQuery;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.recipe.RecipeType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * aws-trending-now as trained: each item's interactions in the three newest windows of the
 * training data (the window of the newest interaction and the two before it) and in all. The trend
 * compares the two newest complete windows, as Personalize evaluates trends once a window has
 * passed: items whose count grew most come first (ties: the larger newer count, then the smaller
 * index), then every other item by its interactions in all, so an answer is always full. The same
 * list for every user, without scores. {@link #live()} adds the interactions streamed since.
 */
public final class TrendingModel implements Recommender {
  /** Windows kept: the newest and the two before it. */
  static final int WINDOWS = 3;

  private final ItemCatalog items;
  private final long windowSeconds;
  private final long newestWindow;
  /** [k][item]: interactions in window {@code newestWindow - 2 + k}. */
  private final int[][] windowCounts;
  /** Items by interactions in all, most first. */
  private final int[] popular;

  TrendingModel(List<String> itemIds, long windowSeconds, long newestWindow, int[][] windowCounts, int[] popular) {
    this.items = new ItemCatalog(itemIds);
    if (windowSeconds <= 0) {
      throw new IllegalArgumentException("windows of " + windowSeconds + " seconds");
    }
    if (windowCounts.length != WINDOWS) {
      throw new IllegalArgumentException(windowCounts.length + " windows of counts, expected " + WINDOWS);
    }
    for (int[] counts : windowCounts) {
      if (counts.length != itemIds.size()) {
        throw new IllegalArgumentException(counts.length + " counts for " + itemIds.size() + " items");
      }
    }
    if (popular.length != itemIds.size()) {
      throw new IllegalArgumentException(popular.length + " items by popularity for " + itemIds.size() + " items");
    }
    this.windowSeconds = windowSeconds;
    this.newestWindow = newestWindow;
    this.windowCounts = Arrays.stream(windowCounts).map(int[]::clone).toArray(int[][]::new);
    this.popular = popular.clone();
  }

  @Override
  public String recipe() {
    return RecipeCatalog.TRENDING_NOW;
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

  public long windowSeconds() {
    return windowSeconds;
  }

  /** The model with a tracker for interactions streamed from now on; each call starts a new one. */
  public LiveTrending live() {
    return new LiveTrending(this, new TrendTracker(items.size(), windowSeconds));
  }

  @Override
  public Ranking recommend(UserQuery query, int n, ItemMask mask) {
    return rank(n, mask, null);
  }

  @Override
  public Ranking popular(int n, ItemMask mask) {
    return rank(n, mask, null);
  }

  /** Interactions with an item in a window: trained ones, plus streamed ones when {@code live} is given. */
  private int count(long window, int item, TrendTracker live) {
    long k = window - (newestWindow - (WINDOWS - 1));
    int trained = k >= 0 && k < WINDOWS ? windowCounts[(int) k][item] : 0;
    return trained + (live == null ? 0 : live.count(window, item));
  }

  /** The trending items, then the rest by popularity; streamed interactions count when {@code live} is given. */
  Ranking rank(int n, ItemMask mask, TrendTracker live) {
    long newest = live == null ? newestWindow : Math.max(newestWindow, live.newestWindow());
    long current = newest - 1;
    long previous = newest - 2;
    int size = Math.min(n, items.size());
    int[] growing = new int[16];
    int[] increases = new int[16];
    int[] nows = new int[16];
    int count = 0;
    for (int item = 0; item < items.size(); item++) {
      int now = count(current, item, live);
      int increase = now - count(previous, item, live);
      if (increase > 0 && mask.allows(item)) {
        if (count == growing.length) {
          growing = Arrays.copyOf(growing, count * 2);
          increases = Arrays.copyOf(increases, count * 2);
          nows = Arrays.copyOf(nows, count * 2);
        }
        growing[count] = item;
        increases[count] = increase;
        nows[count++] = now;
      }
    }
    int[] inc = increases;
    int[] cur = nows;
    int[] ids = growing;
    Integer[] order = new Integer[count];
    for (int k = 0; k < count; k++) {
      order[k] = k;
    }
    Arrays.sort(order, (a, b) -> inc[a] != inc[b] ? Integer.compare(inc[b], inc[a]) : cur[a] != cur[b] ? Integer.compare(cur[b], cur[a]) : Integer.compare(ids[a], ids[b]));
    int[] out = new int[size];
    boolean[] taken = new boolean[items.size()];
    int found = 0;
    for (int k = 0; k < count && found < size; k++) {
      out[found++] = ids[order[k]];
      taken[ids[order[k]]] = true;
    }
    for (int k = 0; k < popular.length && found < size; k++) {
      int item = popular[k];
      if (!taken[item] && mask.allows(item)) {
        out[found++] = item;
      }
    }
    return Ranking.unscored(Arrays.copyOf(out, found));
  }

  void writeTo(BinaryWriter out) throws IOException {
    out.writeInt(items.size());
    for (String id : items.ids()) {
      out.writeString(id);
    }
    out.writeLong(windowSeconds);
    out.writeLong(newestWindow);
    for (int[] counts : windowCounts) {
      out.writeInts(counts);
    }
    out.writeInts(popular);
  }

  static TrendingModel readFrom(BinaryReader in) {
    int size = in.readInt();
    List<String> ids = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      ids.add(in.readString());
    }
    long windowSeconds = in.readLong();
    long newestWindow = in.readLong();
    int[][] counts = new int[WINDOWS][];
    for (int k = 0; k < WINDOWS; k++) {
      counts[k] = in.readInts();
    }
    return new TrendingModel(ids, windowSeconds, newestWindow, counts, in.readInts());
  }
}

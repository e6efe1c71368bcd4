package io.tastemaker.core.similar;

import io.tastemaker.core.data.InteractionData;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Who interacted with which item: each item's distinct users, and the cosine of two items' user sets
 * computed on demand from the users' baskets, so no items x items matrix is kept. Users with more
 * distinct items than {@link SimilarItemsTrainer#MAX_HISTORY_PERCENTILE} of users take no part in
 * the similarities (a handful of them would cost most of the time), but count towards popularity.
 */
final class Behaviour {
  private final int[][] baskets;
  private final int[][] itemUsers;
  /** Distinct users per item, every user; 0 for catalogue items nobody interacted with. */
  private final int[] users;
  /** Distinct users per item among those that take part in similarities. */
  private final int[] kept;
  private final int[] co;

  private Behaviour(int[][] baskets, int[][] itemUsers, int[] users, int[] kept) {
    this.baskets = baskets;
    this.itemUsers = itemUsers;
    this.users = users;
    this.kept = kept;
    this.co = new int[users.length];
  }

  /** The behaviour of the interaction data's items, in a catalogue of {@code size} items that starts with them. */
  static Behaviour of(InteractionData data, int size) {
    int[][] baskets = new int[data.userCount()][];
    int[] lengths = new int[baskets.length];
    for (int u = 0; u < baskets.length; u++) {
      baskets[u] = Arrays.stream(data.itemsOf(u)).distinct().sorted().toArray();
      lengths[u] = baskets[u].length;
    }
    int[] sorted = lengths.clone();
    Arrays.sort(sorted);
    int longest = sorted.length == 0 ? 0 : sorted[Math.max(0, (int) Math.ceil(SimilarItemsTrainer.MAX_HISTORY_PERCENTILE * sorted.length) - 1)];
    int[] users = new int[size];
    int[] kept = new int[size];
    for (int u = 0; u < baskets.length; u++) {
      for (int i : baskets[u]) {
        users[i]++;
        kept[i] += lengths[u] <= longest ? 1 : 0;
      }
    }
    int[][] itemUsers = new int[size][];
    int[] filled = new int[size];
    for (int i = 0; i < size; i++) {
      itemUsers[i] = new int[kept[i]];
    }
    for (int u = 0; u < baskets.length; u++) {
      if (lengths[u] <= longest) {
        for (int i : baskets[u]) {
          itemUsers[i][filled[i]++] = u;
        }
      }
    }
    return new Behaviour(baskets, itemUsers, users, kept);
  }

  /** How many distinct users interacted with the item. */
  int users(int item) {
    return users[item];
  }

  /**
   * Writes {@code b(item, j)} into {@code b[j]} for every item j sharing a user with it, lists those
   * items in {@code touched}, marks them {@code stamp[j] = item + 1}, and returns how many there are.
   * The caller clears {@code b} at the touched items.
   */
  int similarities(int item, float[] b, int[] touched, int[] stamp) {
    int count = 0;
    for (int u : itemUsers[item]) {
      for (int j : baskets[u]) {
        if (j != item) {
          if (stamp[j] != item + 1) {
            stamp[j] = item + 1;
            touched[count++] = j;
          }
          co[j]++;
        }
      }
    }
    for (int k = 0; k < count; k++) {
      int j = touched[k];
      b[j] = (float) (co[j] / Math.sqrt((double) kept[item] * kept[j]));
      co[j] = 0;
    }
    return count;
  }

  /** Every catalogue item by distinct users, most first, ties to the smaller id. */
  int[] byPopularity(List<String> ids) {
    return IntStream.range(0, ids.size()).boxed()
        .sorted((a, b) -> users[a] != users[b] ? Integer.compare(users[b], users[a]) : ids.get(a).compareTo(ids.get(b)))
        .mapToInt(Integer::intValue)
        .toArray();
  }
}

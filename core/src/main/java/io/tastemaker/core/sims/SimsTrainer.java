package io.tastemaker.core.sims;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.kernel.TopK;
import io.tastemaker.core.recipe.HyperParameter;
import io.tastemaker.core.training.Trainer;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import java.util.Arrays;
import java.util.Map;

/**
 * Trains aws-sims: item-to-item collaborative filtering from co-occurrence in user histories. Item
 * j's score as a neighbour of item i is {@code co(i, j) / users(j)^alpha}: the number of users who
 * interacted with both, discounted by j's popularity with {@code alpha =
 * popularity_discount_factor} (0 keeps popularity, 1 removes it); pairs with fewer than {@code
 * min_cointeraction_count} common users are left out. Users and items outside the history-length
 * and interaction-count percentiles take no part.
 */
public final class SimsTrainer implements Trainer {
  /** Neighbours kept per item: Personalize's largest answer. */
  static final int NEIGHBOURS = 500;
  /** Up to this many items a dense co-occurrence matrix is used; beyond it, a sparse one per item. */
  static final int DENSE_ITEMS = 4096;

  @Override
  public SimsModel train(TrainingInput input, TrainingMonitor monitor) {
    Map<String, String> p = input.hyperparameters();
    double alpha = HyperParameter.asDouble(p.get("popularity_discount_factor"));
    int minCo = HyperParameter.asInt(p.get("min_cointeraction_count"));
    InteractionData data = input.interactions();
    int items = data.itemCount();

    int[][] baskets = baskets(data);
    boolean[] keptUser = percentiles(lengths(baskets), HyperParameter.asDouble(p.get("min_user_history_length_percentile")),
        HyperParameter.asDouble(p.get("max_user_history_length_percentile")));
    int[] users = new int[items];
    for (int[] basket : baskets) {
      for (int i : basket) {
        users[i]++;
      }
    }
    boolean[] keptItem = percentiles(users, HyperParameter.asDouble(p.get("min_item_interaction_count_percentile")),
        HyperParameter.asDouble(p.get("max_item_interaction_count_percentile")));
    int[] popular = byPopularity(data, users);

    CoCounts counts = items <= DENSE_ITEMS ? new CoCounts.Dense(items) : new CoCounts.Sparse(items);
    for (int u = 0; u < baskets.length; u++) {
      if (!keptUser[u]) {
        continue;
      }
      int[] basket = Arrays.stream(baskets[u]).filter(i -> keptItem[i]).toArray();
      for (int a = 0; a < basket.length; a++) {
        for (int b = a + 1; b < basket.length; b++) {
          counts.add(basket[a], basket[b]);
        }
      }
      if ((u & 1023) == 0) {
        monitor.checkStop();
      }
    }
    double[] discount = new double[items];
    for (int j = 0; j < items; j++) {
      discount[j] = Math.pow(Math.max(1, users[j]), alpha);
    }
    int[][] neighbours = new int[items][];
    TopK top = new TopK(NEIGHBOURS);
    for (int i = 0; i < items; i++) {
      top.clear();
      counts.forEachNeighbour(i, (j, co) -> {
        if (co >= Math.max(1, minCo)) {
          top.offer(j, (float) (co / discount[j]));
        }
      });
      neighbours[i] = top.drainIndices(null);
    }
    return new SimsModel(data.itemIds(), neighbours, popular);
  }

  /** Each user's distinct items. */
  private static int[][] baskets(InteractionData data) {
    int[][] baskets = new int[data.userCount()][];
    for (int u = 0; u < baskets.length; u++) {
      baskets[u] = Arrays.stream(data.itemsOf(u)).distinct().sorted().toArray();
    }
    return baskets;
  }

  private static int[] lengths(int[][] baskets) {
    return Arrays.stream(baskets).mapToInt(b -> b.length).toArray();
  }

  /** Which values lie within the [low, high] percentiles of their own distribution. */
  static boolean[] percentiles(int[] values, double low, double high) {
    boolean[] kept = new boolean[values.length];
    if (values.length == 0) {
      return kept;
    }
    int[] sorted = values.clone();
    Arrays.sort(sorted);
    // Nearest-rank percentiles: the value below which that share of the values lies.
    int min = sorted[Math.max(0, (int) Math.ceil(low * sorted.length) - 1)];
    int max = sorted[Math.max(0, (int) Math.ceil(high * sorted.length) - 1)];
    for (int i = 0; i < values.length; i++) {
      kept[i] = values[i] >= min && values[i] <= max;
    }
    return kept;
  }

  /** Items by distinct users, ties to the smaller id. */
  private static int[] byPopularity(InteractionData data, int[] users) {
    return java.util.stream.IntStream.range(0, users.length).boxed()
        .sorted((a, b) -> users[a] != users[b] ? Integer.compare(users[b], users[a]) : data.itemId(a).compareTo(data.itemId(b)))
        .mapToInt(Integer::intValue)
        .toArray();
  }
}

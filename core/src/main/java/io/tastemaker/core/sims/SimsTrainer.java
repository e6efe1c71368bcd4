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
 * Trains aws-sims: item-to-item collaborative filtering from co-occurrence in user histories (Linden,
 * Smith and York, "Amazon.com recommendations: item-to-item collaborative filtering", 2003). Items
 * i and j are as similar as {@code w(i, j) / (users(i) * users(j))^alpha}: the users who
 * interacted with both, discounted by both items' popularity with {@code alpha =
 * popularity_discount_factor}. At 0 the most popular co-interacted items come first; at 0.5 (the
 * default) this is the cosine of the two items' user sets; at 1 it is the lift, the co-occurrence
 * relative to what the two popularities alone would give, whatever the popularity. Pairs with
 * fewer than {@code min_cointeraction_count} common users are left out.
 *
 * <p>A common user counts in full in {@code w} when the two items lie within {@link #CLOSE_WINDOW}
 * of each other among the user's distinct items in time order, and {@link #FAR_WEIGHT} otherwise:
 * what a user takes up together says more about the two items than what lies years apart in a long
 * history. Counted over whole histories, a long-time user joined every film of their first months
 * to every film of their last. The threshold still counts every common user, as documented.
 *
 * <p>Users outside the history-length percentiles take no part. Items outside the interaction-count
 * percentiles are not recommended as related items; the percentiles are those of the interactions
 * (the share of interactions on items at most so popular), so the default 0.9 leaves out the few
 * most popular items that hold the top tenth of the interactions. Read per item instead, it left out
 * a tenth of the catalogue, which on MovieLens-100K holds almost half of the interactions, and every item
 * left out answered with the global popular list (Snow White's related movies were Star Wars and
 * Fargo). An item that is not recommended still has related items of its own when asked: it has
 * behaviour data, so the popular list is kept for items without enough of it.
 */
public final class SimsTrainer implements Trainer {
  /** Neighbours kept per item: Personalize's largest answer. */
  static final int NEIGHBOURS = 500;
  /**
   * Up to this many items dense co-occurrence matrices are used; beyond it, sparse maps per item. The
   * two dense matrices (common users, close ones) at this size hold what one 4096 x 4096 did (64 MB).
   */
  static final int DENSE_ITEMS = 2896;
  /**
   * Two items this close among a user's distinct items (in order of first interaction) were taken
   * up together. 10 and {@link #FAR_WEIGHT} 0.1 raised precision@25 and coverage on MovieLens-100K
   * and latest-small (5, 10, 30, 100 and 0, 0.1, 0.3 were tried) and held a generated shop's
   * precision within its noise (docs/design.md, aws-sims).
   */
  static final int CLOSE_WINDOW = 10;
  /** What a common user who took up the two items far apart counts for. */
  static final double FAR_WEIGHT = 0.1;

  @Override
  public SimsModel train(TrainingInput input, TrainingMonitor monitor) {
    Map<String, String> p = input.hyperparameters();
    double alpha = HyperParameter.asDouble(p.get("popularity_discount_factor"));
    int minCo = Math.max(1, HyperParameter.asInt(p.get("min_cointeraction_count")));
    InteractionData data = input.interactions();
    int items = data.itemCount();

    int[][] baskets = baskets(data);
    boolean[] keptUser = percentiles(lengths(baskets), HyperParameter.asDouble(p.get("min_user_history_length_percentile")),
        HyperParameter.asDouble(p.get("max_user_history_length_percentile")));
    // Popularity counts every user; similarity only the users it learns from.
    int[] everyone = new int[items];
    int[] users = new int[items];
    for (int u = 0; u < baskets.length; u++) {
      for (int i : baskets[u]) {
        everyone[i]++;
        users[i] += keptUser[u] ? 1 : 0;
      }
    }
    boolean[] recommendable = interactionPercentiles(users, HyperParameter.asDouble(p.get("min_item_interaction_count_percentile")),
        HyperParameter.asDouble(p.get("max_item_interaction_count_percentile")));
    int[] popular = byPopularity(data, everyone);

    CoCounts counts = items <= DENSE_ITEMS ? new CoCounts.Dense(items) : new CoCounts.Sparse(items);
    for (int u = 0; u < baskets.length; u++) {
      if (!keptUser[u]) {
        continue;
      }
      int[] basket = baskets[u];
      int[] position = positions(basket, data.itemsOf(u));
      for (int a = 0; a < basket.length; a++) {
        for (int b = a + 1; b < basket.length; b++) {
          // A pair of items neither of which may be recommended would never be read.
          if (recommendable[basket[a]] || recommendable[basket[b]]) {
            counts.add(basket[a], basket[b], Math.abs(position[a] - position[b]) <= CLOSE_WINDOW);
          }
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
      double own = discount[i];
      counts.forEachNeighbour(i, (j, co, close) -> {
        if (co >= minCo && recommendable[j]) {
          top.offer(j, (float) (weighted(co, close) / (own * discount[j])));
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

  /** A pair's co-occurrence as scored: its close common users in full, the others at {@link #FAR_WEIGHT}. */
  static double weighted(int co, int close) {
    return close + FAR_WEIGHT * (co - close);
  }

  /** Each basket item's position among the user's distinct items in time order (first interaction). */
  private static int[] positions(int[] basket, int[] history) {
    int[] position = new int[basket.length];
    Arrays.fill(position, -1);
    int distinct = 0;
    for (int item : history) {
      int k = Arrays.binarySearch(basket, item);
      if (position[k] < 0) {
        position[k] = distinct++;
      }
    }
    return position;
  }

  private static int[] lengths(int[][] baskets) {
    return Arrays.stream(baskets).mapToInt(b -> b.length).toArray();
  }

  /**
   * Which items' counts lie within the [low, high] percentiles of the counts as the interactions see
   * them (each interaction stands for its item's count; nearest rank): with {@code high} 0.9 the
   * items left out at the top are those whose interactions all lie in the top tenth of interactions
   * ranked by their item's count. 0 and 1 keep every item that has interactions.
   */
  static boolean[] interactionPercentiles(int[] counts, double low, double high) {
    boolean[] kept = new boolean[counts.length];
    int[] sorted = counts.clone();
    Arrays.sort(sorted);
    long total = 0;
    for (int c : sorted) {
      total += c;
    }
    if (total == 0) {
      return kept;
    }
    int min = countAtRank(sorted, Math.max(1, (long) Math.ceil(low * total)));
    int max = countAtRank(sorted, Math.max(1, (long) Math.ceil(high * total)));
    for (int i = 0; i < counts.length; i++) {
      kept[i] = counts[i] > 0 && counts[i] >= min && counts[i] <= max;
    }
    return kept;
  }

  /** The count of the item that holds the interaction of this rank (1-based), counts sorted ascending. */
  private static int countAtRank(int[] sorted, long rank) {
    long seen = 0;
    for (int c : sorted) {
      seen += c;
      if (seen >= rank) {
        return c;
      }
    }
    return sorted[sorted.length - 1];
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

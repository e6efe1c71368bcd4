package io.tastemaker.core.cooccurrence;

import static io.tastemaker.core.recipe.HyperParameter.Stage.ALGORITHM;
import static io.tastemaker.core.recipe.HyperParameter.Stage.FEATURE_TRANSFORMATION;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.recipe.HyperParameter;
import io.tastemaker.core.recipe.Recipe;
import io.tastemaker.core.recipe.RecipeType;
import io.tastemaker.core.training.Trainer;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Trains the items-bought-together family: a user's interactions (the use case gives it purchases
 * only) split into baskets wherever two in a row lie more than {@code basket_gap_minutes} apart, as
 * the items of one order or one shopping trip do not; items j and i are as related as {@code
 * co(i, j) / (n(i) * n(j))^alpha}, where {@code co} counts the baskets holding both, {@code n} the
 * baskets holding each and {@code alpha = popularity_discount_factor} (0.5, the cosine of the two
 * items' basket sets, keeps best sellers from crowding every list). Pairs in fewer than {@code
 * min_cointeraction_count} baskets are left out; items bought in the most baskets stand in for items
 * bought alone. This is market-basket co-occurrence (Agrawal, Imielinski and Swami, SIGMOD 1993)
 * scored like item-to-item collaborative filtering, but over baskets instead of whole histories, so
 * a tent bought in June and a scarf bought in December do not count as bought together.
 */
public final class BasketTrainer implements Trainer {
  public static final String RECIPE = "basket-co-occurrence";
  /** Neighbours kept per item: Personalize's largest answer. */
  static final int NEIGHBOURS = 500;

  /** The family's hyperparameters; not a recipe of ListRecipes, but resolved and checked like one. */
  public static final Recipe FAMILY =
      new Recipe(
          RECIPE,
          RecipeType.RELATED_ITEMS,
          "Items bought together in one basket: a user's purchases close in time.",
          RECIPE,
          "baskets",
          List.of(
              HyperParameter.continuous("basket_gap_minutes", 60.0, 0.0, 1.0e7, false, FEATURE_TRANSFORMATION),
              HyperParameter.integer("min_cointeraction_count", 1, 1, 1000, false, ALGORITHM),
              HyperParameter.continuous("popularity_discount_factor", 0.5, 0.0, 1.0, false, ALGORITHM)),
          Map.of());

  @Override
  public NeighbourModel train(TrainingInput input, TrainingMonitor monitor) {
    Map<String, String> p = input.hyperparameters();
    long gap = Math.round(HyperParameter.asDouble(p.get("basket_gap_minutes")) * 60);
    int minCo = HyperParameter.asInt(p.get("min_cointeraction_count"));
    double alpha = HyperParameter.asDouble(p.get("popularity_discount_factor"));
    InteractionData data = input.interactions();
    int items = data.itemCount();
    int[] baskets = new int[items];
    PairCounts pairs = new PairCounts();
    int[] basket = new int[16];
    for (int u = 0; u < data.userCount(); u++) {
      int size = 0;
      long previous = Long.MIN_VALUE;
      for (int i = data.start(u); i < data.end(u); i++) {
        if (size > 0 && data.timestamp(i) - previous > gap) {
          count(basket, size, baskets, pairs);
          size = 0;
        }
        previous = data.timestamp(i);
        if (!contains(basket, size, data.item(i))) {
          if (size == basket.length) {
            basket = Arrays.copyOf(basket, size * 2);
          }
          basket[size++] = data.item(i);
        }
      }
      count(basket, size, baskets, pairs);
      if ((u & 1023) == 0) {
        monitor.checkStop();
      }
    }
    return new NeighbourModel(RECIPE, data.itemIds(), neighbours(pairs, baskets, minCo, alpha), byBaskets(data, baskets));
  }

  private static boolean contains(int[] basket, int size, int item) {
    for (int k = 0; k < size; k++) {
      if (basket[k] == item) {
        return true;
      }
    }
    return false;
  }

  private static void count(int[] basket, int size, int[] baskets, PairCounts pairs) {
    for (int a = 0; a < size; a++) {
      baskets[basket[a]]++;
      for (int b = a + 1; b < size; b++) {
        pairs.add(basket[a], basket[b]);
      }
    }
  }

  /** Each item's neighbours by score, ties to the smaller index, at most {@link #NEIGHBOURS}. */
  private static int[][] neighbours(PairCounts pairs, int[] baskets, int minCo, double alpha) {
    int items = baskets.length;
    int[] degree = new int[items];
    pairs.forEach((a, b, co) -> {
      if (co >= minCo) {
        degree[a]++;
        degree[b]++;
      }
    });
    int[][] candidates = new int[items][];
    double[][] scores = new double[items][];
    for (int i = 0; i < items; i++) {
      candidates[i] = new int[degree[i]];
      scores[i] = new double[degree[i]];
    }
    int[] filled = new int[items];
    pairs.forEach((a, b, co) -> {
      if (co >= minCo) {
        double score = co / Math.pow((double) baskets[a] * baskets[b], alpha);
        candidates[a][filled[a]] = b;
        scores[a][filled[a]++] = score;
        candidates[b][filled[b]] = a;
        scores[b][filled[b]++] = score;
      }
    });
    int[][] lists = new int[items][];
    for (int i = 0; i < items; i++) {
      double[] s = scores[i];
      Integer[] order = IntStream.range(0, candidates[i].length).boxed().toArray(Integer[]::new);
      int[] c = candidates[i];
      Arrays.sort(order, (x, y) -> s[x] != s[y] ? Double.compare(s[y], s[x]) : Integer.compare(c[x], c[y]));
      int keep = Math.min(NEIGHBOURS, order.length);
      int[] list = new int[keep];
      for (int k = 0; k < keep; k++) {
        list[k] = c[order[k]];
      }
      lists[i] = list;
    }
    return lists;
  }

  /** Items bought at all, by baskets holding them, ties to the smaller id. */
  private static int[] byBaskets(InteractionData data, int[] baskets) {
    return IntStream.range(0, baskets.length).filter(i -> baskets[i] > 0).boxed()
        .sorted((a, b) -> baskets[a] != baskets[b] ? Integer.compare(baskets[b], baskets[a]) : data.itemId(a).compareTo(data.itemId(b)))
        .mapToInt(Integer::intValue)
        .toArray();
  }
}

package io.tastemaker.core.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.data.InteractionWeighting;
import io.tastemaker.core.data.ItemObjective;
import io.tastemaker.core.hrnn.HrnnTrainer;
import io.tastemaker.core.model.History;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.model.UserQuery;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.recipe.RecipeType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code optimizationObjective} applied by {@link InteractionWeighting} before an aws-hrnn trainer: on
 * a seeded shop whose prices say nothing of taste, MEDIUM (strength 0.5) and HIGH (1) raise the mean price of users' top
 * 25 while next-item HR@10 stays within 0.05 of the unweighted model's (leave-last-out, 600 users).
 */
class ObjectiveTradeOffTest {
  private static final int USERS = 600;
  private static final int GENRES = 6;
  private static final int PER_GENRE = 30;
  /** The largest HR@10 the objective may cost, absolute. */
  private static final double HR_MARGIN = 0.05;

  /** Users watch runs of consecutive items of one genre (one in ten events random); the last one of each is held out. */
  private record Shop(InteractionData training, Map<String, String> heldOut, Map<String, List<String>> histories, Map<String, Double> price) {}

  private static Shop shop() {
    SplittableRandom random = new SplittableRandom(11);
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    Map<String, String> heldOut = new HashMap<>();
    Map<String, List<String>> histories = new HashMap<>();
    Map<String, Double> price = new HashMap<>();
    for (int item = 0; item < GENRES * PER_GENRE; item++) {
      price.put("i" + item, 1 + random.nextInt(100) + 0.99);
    }
    for (int u = 0; u < USERS; u++) {
      int genre = u % GENRES;
      int start = random.nextInt(PER_GENRE);
      int length = 8 + random.nextInt(8);
      List<String> history = new ArrayList<>();
      for (int k = 0; k < length; k++) {
        int item = random.nextInt(10) == 0 ? random.nextInt(GENRES * PER_GENRE) : genre * PER_GENRE + (start + k) % PER_GENRE;
        history.add("i" + item);
      }
      String user = "u" + u;
      heldOut.put(user, history.remove(history.size() - 1));
      histories.put(user, history);
      for (int k = 0; k < history.size(); k++) {
        b.add(user, history.get(k), 1000L * u + 60L * k, Optional.empty(), Double.NaN);
      }
    }
    return new Shop(b.build(), heldOut, histories, price);
  }

  /** HR@10 and the mean price of the top 25, over every user. */
  private record Measured(double hitRate, double meanPrice) {}

  private static Measured measure(Shop shop, Optional<ItemObjective> objective) {
    InteractionData data = new InteractionWeighting(List.of(), objective).apply(shop.training(), 42);
    Map<String, String> given = Map.of("hidden_dimension", "32", "epochs", "8", "batch_size", "32", "bptt", "8", "threads", "2");
    Recommender model = new HrnnTrainer(RecipeCatalog.HRNN, RecipeType.USER_PERSONALIZATION)
        .train(new TrainingInput(data, RecipeCatalog.byName(RecipeCatalog.HRNN).orElseThrow().resolve(given, Map.of()), 42), TrainingMonitor.NONE);
    int hits = 0;
    double priceSum = 0;
    int priced = 0;
    for (Map.Entry<String, List<String>> e : shop.histories().entrySet()) {
      // The whole history, as the user made it, not as the objective thinned it.
      int[] items = e.getValue().stream().map(id -> model.items().indexOf(id)).filter(OptionalInt::isPresent).mapToInt(OptionalInt::getAsInt).toArray();
      long[] times = new long[items.length];
      for (int k = 0; k < times.length; k++) {
        times[k] = 60L * k;
      }
      Ranking top = model.recommend(UserQuery.anonymous(new History(items, times)), 25, item -> true);
      for (int k = 0; k < top.size(); k++) {
        String id = model.items().id(top.items()[k]);
        if (k < 10 && id.equals(shop.heldOut().get(e.getKey()))) {
          hits++;
        }
        priceSum += shop.price().get(id);
        priced++;
      }
    }
    return new Measured(hits / (double) USERS, priceSum / priced);
  }

  @Test
  void the_objective_raises_the_mean_price_of_the_top_25_at_little_cost_in_hit_rate() {
    Shop shop = shop();
    Measured plain = measure(shop, Optional.empty());
    Measured medium = measure(shop, Optional.of(ItemObjective.of(shop.price(), 0.5)));
    Measured high = measure(shop, Optional.of(ItemObjective.of(shop.price(), 1)));
    System.out.printf("objective trade-off: OFF HR@10 %.4f mean price %.2f; MEDIUM %.4f %.2f; HIGH %.4f %.2f%n",
        plain.hitRate(), plain.meanPrice(), medium.hitRate(), medium.meanPrice(), high.hitRate(), high.meanPrice());
    assertThat(medium.meanPrice()).isGreaterThan(plain.meanPrice());
    assertThat(high.meanPrice()).isGreaterThan(medium.meanPrice());
    assertThat(medium.hitRate()).isGreaterThanOrEqualTo(plain.hitRate() - HR_MARGIN);
    assertThat(high.hitRate()).isGreaterThanOrEqualTo(plain.hitRate() - HR_MARGIN);
  }
}

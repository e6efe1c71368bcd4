package io.tastemaker.core.cooccurrence;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.model.ModelCodec;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BasketTrainerTest {
  private static final long HOUR = 3600;

  private static InteractionData.Builder purchases() {
    return new InteractionData.Builder(List.of());
  }

  private static void buy(InteractionData.Builder b, String user, String item, long at) {
    b.add(user, item, at, Optional.of("Purchase"), Double.NaN);
  }

  private static NeighbourModel train(InteractionData data, Map<String, String> overrides) {
    return new BasketTrainer().train(new TrainingInput(data, BasketTrainer.FAMILY.resolve(overrides, Map.of()), 1), TrainingMonitor.NONE);
  }

  private static List<String> related(Recommender model, String item, int n) {
    Ranking r = model.related(model.items().indexOf(item).orElseThrow(), n, i -> true);
    assertThat(r.scored()).isFalse();
    return Arrays.stream(r.items()).mapToObj(i -> model.items().id(i)).toList();
  }

  @Test
  void items_of_one_basket_are_bought_together_but_not_items_bought_a_month_apart() {
    InteractionData.Builder b = purchases();
    buy(b, "u1", "tent", 0);
    buy(b, "u1", "sleeping-bag", 60);
    buy(b, "u1", "scarf", 30 * 24 * HOUR);
    NeighbourModel model = train(b.build(), Map.of());
    int tent = model.items().indexOf("tent").orElseThrow();
    assertThat(Arrays.stream(model.neighbours(tent)).mapToObj(i -> model.items().id(i))).containsExactly("sleeping-bag");
    // The scarf was bought alone: it stands in as a best seller, after the tent's own neighbour.
    assertThat(related(model, "tent", 5)).containsExactly("sleeping-bag", "scarf");
    assertThat(model.neighbours(model.items().indexOf("scarf").orElseThrow())).isEmpty();
  }

  @Test
  void the_gap_decides_where_a_basket_ends() {
    InteractionData.Builder b = purchases();
    buy(b, "u1", "a", 0);
    buy(b, "u1", "b", 2 * HOUR);
    InteractionData data = b.build();
    int a = data.itemIds().indexOf("a");
    assertThat(train(data, Map.of()).neighbours(a)).isEmpty();
    assertThat(train(data, Map.of("basket_gap_minutes", "180")).neighbours(a)).hasSize(1);
  }

  @Test
  void co_purchases_are_discounted_by_both_items_popularity() {
    // a+b together in 2 baskets; a+c in 3, but c is in 12 baskets: 2/sqrt(4*2) = 0.71 > 3/sqrt(4*12) = 0.43.
    InteractionData.Builder b = purchases();
    int user = 0;
    for (int k = 0; k < 2; k++, user++) {
      buy(b, "u" + user, "a", 0);
      buy(b, "u" + user, "b", 1);
    }
    for (int k = 0; k < 2; k++, user++) {
      buy(b, "u" + user, "a", 0);
      buy(b, "u" + user, "c", 1);
    }
    for (int k = 0; k < 10; k++, user++) {
      buy(b, "u" + user, "c", 0);
    }
    buy(b, "u0", "c", 2);
    InteractionData data = b.build();
    assertThat(related(train(data, Map.of()), "a", 2)).containsExactly("b", "c");
    // Without the discount the count alone decides: a+c (3 baskets) before a+b (2).
    assertThat(related(train(data, Map.of("popularity_discount_factor", "0")), "a", 2)).containsExactly("c", "b");
  }

  @Test
  void pairs_below_the_minimum_count_are_left_out() {
    InteractionData.Builder b = purchases();
    buy(b, "u1", "a", 0);
    buy(b, "u1", "b", 1);
    InteractionData data = b.build();
    assertThat(train(data, Map.of("min_cointeraction_count", "2")).neighbours(0)).isEmpty();
  }

  @Test
  void the_mask_is_honoured_and_a_model_reads_back_from_its_file() throws Exception {
    InteractionData.Builder b = purchases();
    buy(b, "u1", "a", 0);
    buy(b, "u1", "b", 1);
    buy(b, "u1", "c", 2);
    buy(b, "u2", "a", 0);
    buy(b, "u2", "b", 1);
    NeighbourModel model = train(b.build(), Map.of());
    int bItem = model.items().indexOf("b").orElseThrow();
    assertThat(model.related(model.items().indexOf("a").orElseThrow(), 5, i -> i != bItem).items()).containsExactly(model.items().indexOf("c").orElseThrow());
    ModelCodec codec = new ModelCodec(Map.of(BasketTrainer.RECIPE, new NeighbourFormat(BasketTrainer.RECIPE)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    codec.write(model, out);
    Recommender read = codec.read(new ByteArrayInputStream(out.toByteArray()), "m");
    assertThat(read.recipe()).isEqualTo(BasketTrainer.RECIPE);
    assertThat(related(read, "a", 5)).isEqualTo(related(model, "a", 5));
  }

  @Test
  void pair_counts_survive_growing_their_table() {
    PairCounts counts = new PairCounts();
    for (int a = 0; a < 100; a++) {
      for (int b = a + 1; b < 100; b++) {
        counts.add(b, a);
        if ((a + b) % 3 == 0) {
          counts.add(a, b);
        }
      }
    }
    assertThat(counts.size()).isEqualTo(100 * 99 / 2);
    counts.forEach((a, b, c) -> assertThat(c).as("%d,%d", a, b).isEqualTo((a + b) % 3 == 0 ? 2 : 1));
  }
}

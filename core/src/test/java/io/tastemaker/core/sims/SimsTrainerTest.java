package io.tastemaker.core.sims;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.model.ModelCodec;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SimsTrainerTest {
  /**
   * Baskets: "a" with "b" for 3 users and with "c" for 2; "c" is the most popular item (5 users),
   * "a" has 4, "b" 3, "d" 1 (only with "c").
   */
  private static InteractionData data() {
    String[][] baskets = {{"a", "b"}, {"a", "b"}, {"a", "b", "c"}, {"a", "c"}, {"c"}, {"c", "d"}, {"c"}};
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    for (int u = 0; u < baskets.length; u++) {
      for (int i = 0; i < baskets[u].length; i++) {
        b.add("u" + u, baskets[u][i], i, Optional.empty(), Double.NaN);
      }
    }
    return b.build();
  }

  private static SimsModel train(String alpha, String minCo) {
    // Keep every user and item, so that the arithmetic below holds.
    return train(data(), alpha, minCo, "0", "1");
  }

  private static SimsModel train(InteractionData data, String alpha, String minCo, String minItemPercentile, String maxItemPercentile) {
    Map<String, String> hp =
        RecipeCatalog.byName("aws-sims").orElseThrow()
            .resolve(
                Map.of("popularity_discount_factor", alpha, "min_cointeraction_count", minCo),
                Map.of("min_user_history_length_percentile", "0", "max_user_history_length_percentile", "1",
                    "min_item_interaction_count_percentile", minItemPercentile, "max_item_interaction_count_percentile", maxItemPercentile));
    return new SimsTrainer().train(new TrainingInput(data, hp, 1), TrainingMonitor.NONE);
  }

  private static InteractionData baskets(String... baskets) {
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    for (int u = 0; u < baskets.length; u++) {
      String[] items = baskets[u].split(" ");
      for (int i = 0; i < items.length; i++) {
        b.add("u" + u, items[i], i, Optional.empty(), Double.NaN);
      }
    }
    return b.build();
  }

  private static List<String> neighbours(SimsModel model, String item) {
    return Arrays.stream(model.neighbours(model.items().indexOf(item).orElseThrow())).mapToObj(i -> model.items().id(i)).toList();
  }

  private static List<String> related(SimsModel model, String item, int n) {
    Ranking r = model.related(model.items().indexOf(item).orElseThrow(), n, i -> true);
    assertThat(r.scored()).isFalse();
    return Arrays.stream(r.items()).mapToObj(i -> model.items().id(i)).toList();
  }

  @Test
  void without_discount_neighbours_rank_by_common_users() {
    // co(a,b) = 3, co(a,c) = 2: b first; then popular items not yet listed (d).
    assertThat(related(train("0", "1"), "a", 3)).containsExactly("b", "c", "d");
  }

  @Test
  void the_discount_factor_moves_related_items_from_popular_to_specific() {
    // "q" shares 4 users with "p" (9 users), 3 with "m" (4 users) and 1 with "r" (1 user). Similarity
    // co / (users(q) * users(j))^alpha; users(q) = 4 is the same for every j, so the order is that of
    // co / users(j)^alpha.
    InteractionData data = baskets("q p m r", "q p m", "q p m", "q p", "p", "p", "p", "p", "p", "m");
    // alpha 0: the common users alone, p 4 > m 3 > r 1.
    assertThat(neighbours(train(data, "0", "1", "0", "1"), "q")).containsExactly("p", "m", "r");
    // alpha 0.5, the cosine: m 3/sqrt(4) = 1.5 > p 4/sqrt(9) = 1.33 > r 1/sqrt(1) = 1.
    assertThat(neighbours(train(data, "0.5", "1", "0", "1"), "q")).containsExactly("m", "p", "r");
    // alpha 1, the lift: r 1/1 = 1 > m 3/4 = 0.75 > p 4/9 = 0.44.
    assertThat(neighbours(train(data, "1", "1", "0", "1"), "q")).containsExactly("r", "m", "p");
  }

  /**
   * "near" follows "q" at once for 3 users; "far" comes 12 distinct items after "q" for those 3 and
   * right after it for 2 more. Fillers are one user's own, so they share 1 user with "q".
   */
  private static InteractionData nearAndFar() {
    String[] histories = new String[5];
    for (int u = 0; u < 3; u++) {
      StringBuilder h = new StringBuilder("q near");
      for (int f = 1; f <= 10; f++) {
        h.append(" f").append(u).append('_').append(f);
      }
      histories[u] = h.append(" far").toString();
    }
    histories[3] = "q far";
    histories[4] = "q far";
    return baskets(histories);
  }

  @Test
  void common_users_who_took_up_the_items_far_apart_count_for_a_tenth() {
    // Without discount: near 3 close users = 3; far 2 close + 0.1 * 3 far = 2.3, although far shares
    // 5 users with q and near 3. Counted over whole histories far would come first.
    assertThat(SimsTrainer.weighted(3, 3)).isEqualTo(3.0);
    assertThat(SimsTrainer.weighted(5, 2)).isCloseTo(2.3, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(neighbours(train(nearAndFar(), "0", "3", "0", "1"), "q")).containsExactly("near", "far");
  }

  @Test
  void the_minimum_co_interaction_count_counts_every_common_user_however_far_apart() {
    // min 5: far (5 common users, 3 of them far apart) stays, near (3) goes; the fillers (1) never pass.
    assertThat(neighbours(train(nearAndFar(), "0", "5", "0", "1"), "q")).containsExactly("far");
  }

  @Test
  void items_outside_the_interaction_percentiles_are_not_recommended_but_still_answered() {
    // Users per item: d 1, b 3, a 4, c 5; 13 interactions. As the interactions see them, the
    // 50th percentile is rank ceil(6.5) = 7, which falls on a (ranks 5-8): c, above it, is left
    // out; the 10th percentile is rank 2, on b (ranks 2-4): d, below it, is left out.
    SimsModel model = train(data(), "0", "1", "0.1", "0.5");
    assertThat(neighbours(model, "a")).containsExactly("b");
    assertThat(neighbours(model, "b")).containsExactly("a");
    // c is not recommended but has related items of its own: a (2 common users), b (1); d's only
    // partner is c, so d has none.
    assertThat(neighbours(model, "c")).containsExactly("a", "b");
    assertThat(neighbours(model, "d")).isEmpty();
    // Read per item, the 50th percentile would have been b's count and left out a as well.
    assertThat(SimsTrainer.percentiles(new int[] {4, 3, 5, 1}, 0, 0.5)).containsExactly(false, true, false, true);
  }

  @Test
  void full_discount_divides_by_the_neighbours_popularity() {
    // For "c": co(c,a)=2 / users(a)=4 = 0.5, co(c,b)=1 / 3 = 0.33, co(c,d)=1 / 1 = 1.0 (each also
    // divided by users(c), the same for all).
    assertThat(related(train("1", "1"), "c", 3)).containsExactly("d", "a", "b");
    // Without discount the raw counts order them a (2), then b and d (1), ties to the smaller id.
    assertThat(related(train("0", "1"), "c", 3)).containsExactly("a", "b", "d");
  }

  @Test
  void pairs_below_the_minimum_co_interaction_count_fall_back_to_popularity() {
    // With min 3 only (a,b) survives; "c" has no neighbour and gets popular items: a (4), b (3), d (1).
    SimsModel model = train("0.5", "3");
    assertThat(related(model, "c", 3)).containsExactly("a", "b", "d");
    assertThat(related(model, "b", 1)).containsExactly("a");
  }

  @Test
  void the_mask_and_the_item_itself_are_never_returned() {
    SimsModel model = train("0", "1");
    int b = model.items().indexOf("b").orElseThrow();
    Ranking r = model.related(model.items().indexOf("a").orElseThrow(), 10, i -> i != b);
    assertThat(Arrays.stream(r.items()).mapToObj(i -> model.items().id(i))).containsExactly("c", "d");
  }

  @Test
  void a_model_reads_back_from_its_file() throws Exception {
    SimsModel model = train("0.5", "1");
    ModelCodec codec = new ModelCodec(Map.of("aws-sims", new SimsFormat()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    codec.write(model, out);
    SimsModel read = (SimsModel) codec.read(new ByteArrayInputStream(out.toByteArray()), "m");
    for (String item : List.of("a", "b", "c", "d")) {
      assertThat(related(read, item, 4)).isEqualTo(related(model, item, 4));
    }
  }
}

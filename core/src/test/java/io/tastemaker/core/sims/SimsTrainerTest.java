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
   * Baskets: "a" with "b" for 3 users and with "c" for 2; "c" is the most popular item (6 users),
   * "b" has 3, "d" 1 (only with "c").
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
    Map<String, String> hp =
        RecipeCatalog.byName("aws-sims").orElseThrow()
            .resolve(
                Map.of("popularity_discount_factor", alpha, "min_cointeraction_count", minCo),
                // Keep every user and item, so that the arithmetic below holds.
                Map.of("min_user_history_length_percentile", "0", "max_user_history_length_percentile", "1",
                    "min_item_interaction_count_percentile", "0", "max_item_interaction_count_percentile", "1"));
    return new SimsTrainer().train(new TrainingInput(data(), hp, 1), TrainingMonitor.NONE);
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
  void full_discount_divides_by_the_neighbours_popularity() {
    // For "c": co(c,a)=2 / users(a)=4 = 0.5, co(c,b)=1 / 3 = 0.33, co(c,d)=1 / 1 = 1.0.
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

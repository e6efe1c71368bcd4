package io.tastemaker.core.hrnn;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.model.ModelCodec;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.model.UserQuery;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.recipe.RecipeType;
import io.tastemaker.core.training.SequenceWalks;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Interaction context (a categorical field of the Interactions dataset, here DEVICE) in the HRNN
 * family: on a phone people pick short clips, on a TV films, whatever they did before, so only the
 * context tells which kind comes next.
 */
class HrnnContextTest {
  private static final Map<String, String> PHONE = Map.of("DEVICE", "phone");
  private static final Map<String, String> TV = Map.of("DEVICE", "tv");
  private static InteractionData data;
  private static HrnnModel withContext;

  @BeforeAll
  static void train() {
    data = SequenceWalks.devices(21, 300, 1_000_000L);
    withContext = train(RecipeCatalog.HRNN_METADATA, true);
  }

  private static HrnnModel train(String recipe, boolean metadata) {
    Map<String, String> given = new HashMap<>(Map.of("hidden_dimension", "32", "epochs", "6", "batch_size", "32", "bptt", "8", "threads", "2"));
    Map<String, String> hyperparameters = RecipeCatalog.byName(recipe).orElseThrow().resolve(given, Map.of());
    return (HrnnModel) new HrnnTrainer(recipe, RecipeType.USER_PERSONALIZATION, metadata, false)
        .train(new TrainingInput(data, hyperparameters, 3), TrainingMonitor.NONE);
  }

  /** How many of a ranking's items are clips. */
  private static long clips(Recommender model, Ranking ranking) {
    return Arrays.stream(ranking.items()).mapToObj(i -> model.items().id(i)).filter(id -> id.startsWith("clip-")).count();
  }

  @Test
  void the_context_of_the_request_decides_what_comes_next() {
    assertThat(withContext.usesContext()).isTrue();
    for (String user : List.of("u1", "u2", "u3", "u4", "u5")) {
      assertThat(clips(withContext, withContext.recommend(UserQuery.of(user, PHONE), 10, i -> true))).as(user + " on a phone").isGreaterThanOrEqualTo(9);
      assertThat(clips(withContext, withContext.recommend(UserQuery.of(user, TV), 10, i -> true))).as(user + " on a TV").isLessThanOrEqualTo(1);
    }
  }

  @Test
  void scores_in_a_context_are_still_a_softmax_over_every_item() {
    double[] p = withContext.probabilities(UserQuery.of("u7", PHONE));
    assertThat(Arrays.stream(p).sum()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(p).isNotEqualTo(withContext.probabilities(UserQuery.of("u7", TV)));
  }

  @Test
  void the_top_n_are_the_n_most_probable_items_the_mask_allows() {
    // 40 items: one block of the scan and a tail; every n and mask against a sort of the probabilities.
    List<io.tastemaker.core.model.ItemMask> masks = List.of(i -> true, i -> i % 2 == 1, i -> i >= 33, i -> i == 5);
    for (String user : List.of("u1", "u8", "a-stranger")) {
      for (Map<String, String> context : List.of(Map.<String, String>of(), PHONE)) {
        UserQuery query = UserQuery.of(user, context);
        double[] p = withContext.probabilities(query);
        for (io.tastemaker.core.model.ItemMask mask : masks) {
          for (int n : new int[] {1, 7, 40}) {
            int[] expected = java.util.stream.IntStream.range(0, p.length).filter(mask::allows).boxed()
                .sorted((a, b) -> p[a] != p[b] ? Double.compare(p[b], p[a]) : Integer.compare(a, b)).limit(n).mapToInt(Integer::intValue).toArray();
            Ranking ranking = withContext.recommend(query, n, mask);
            assertThat(ranking.items()).as("%s %s n=%d", user, context, n).containsExactly(expected);
          }
        }
      }
    }
  }

  @Test
  void unknown_fields_and_values_leave_the_answer_as_without_context() {
    double[] plain = withContext.probabilities(UserQuery.of("u7"));
    assertThat(withContext.probabilities(UserQuery.of("u7", Map.of("DEVICE", "watch")))).containsExactly(plain);
    assertThat(withContext.probabilities(UserQuery.of("u7", Map.of("WEATHER", "rain")))).containsExactly(plain);
  }

  @Test
  void aws_hrnn_ignores_context() {
    HrnnModel plain = train(RecipeCatalog.HRNN, false);
    assertThat(plain.usesContext()).isFalse();
    assertThat(plain.probabilities(UserQuery.of("u7", PHONE))).containsExactly(plain.probabilities(UserQuery.of("u7", TV)));
  }

  @Test
  void the_model_file_keeps_the_context_features() throws Exception {
    ModelCodec codec = new ModelCodec(Map.of(RecipeCatalog.HRNN_METADATA, new HrnnFormat(RecipeCatalog.HRNN_METADATA)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    codec.write(withContext, out);
    Recommender read = codec.read(new ByteArrayInputStream(out.toByteArray()), "m");
    assertThat(read.recommend(UserQuery.of("u3", PHONE), 10, i -> true)).isEqualTo(withContext.recommend(UserQuery.of("u3", PHONE), 10, i -> true));
    assertThat(read.recommend(UserQuery.of("u3", TV), 10, i -> true)).isEqualTo(withContext.recommend(UserQuery.of("u3", TV), 10, i -> true));
  }
}

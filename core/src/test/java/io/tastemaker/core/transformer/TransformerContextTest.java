package io.tastemaker.core.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tastemaker.core.model.ModelCodec;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.model.UserQuery;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.recipe.RecipeType;
import io.tastemaker.core.training.RecipeRegistry;
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
 * Interaction context in the v2 recipes: where people watch clips on a phone and films on a TV, the
 * context of a request decides which kind comes first, as the contextual-metadata guide page says
 * of User-Personalization-v2 and Personalized-Ranking-v2.
 */
class TransformerContextTest {
  private static final Map<String, String> PHONE = Map.of("DEVICE", "phone");
  private static final Map<String, String> TV = Map.of("DEVICE", "tv");
  private static TransformerModel model;

  /** The small settings of the v2 ITs' fixtures: the auto knobs are made for data a hundred times this size. */
  @BeforeAll
  static void train() {
    Map<String, String> given = new HashMap<>(Map.of("hidden_dimension", "32", "epochs", "30", "learning_rate", "0.005", "dropout", "0.2", "threads", "2", "seed", "3"));
    model = (TransformerModel) new TransformerTrainer(RecipeCatalog.USER_PERSONALIZATION_V2, RecipeType.USER_PERSONALIZATION)
        .train(new TrainingInput(SequenceWalks.devices(17, 200, 1_700_000_000L), RecipeCatalog.byName(RecipeCatalog.USER_PERSONALIZATION_V2).orElseThrow().resolve(given, Map.of()), 3),
            TrainingMonitor.NONE);
  }

  private static long clips(Recommender m, Ranking ranking) {
    return Arrays.stream(ranking.items()).filter(i -> m.items().ids().get(i).startsWith("clip-")).count();
  }

  @Test
  void the_request_context_decides_which_kind_comes_first() {
    assertThat(model.usesContext()).isTrue();
    for (String user : List.of("u1", "u2", "u3", "u4")) {
      assertThat(clips(model, model.recommend(UserQuery.of(user, PHONE), 10, i -> true))).as(user + " on a phone").isGreaterThanOrEqualTo(9);
      assertThat(clips(model, model.recommend(UserQuery.of(user, TV), 10, i -> true))).as(user + " on a TV").isLessThanOrEqualTo(1);
    }
  }

  @Test
  void a_context_never_seen_answers_as_none_and_scores_still_sum_to_one() {
    UserQuery unseen = UserQuery.of("u5", Map.of("DEVICE", "a-device-never-seen", "PLACE", "home"));
    assertThat(model.probabilities(unseen)).containsExactly(model.probabilities(UserQuery.of("u5")));
    for (Map<String, String> context : List.of(PHONE, TV)) {
      assertThat(Arrays.stream(model.probabilities(UserQuery.of("u5", context))).sum()).isCloseTo(1.0, within(1e-6));
    }
  }

  @Test
  void a_ranking_in_a_context_puts_that_context_s_kind_first() {
    int[] candidates = new int[20];
    for (int k = 0; k < 10; k++) {
      candidates[2 * k] = model.items().indexOf("clip-" + k).orElseThrow();
      candidates[2 * k + 1] = model.items().indexOf("film-" + k).orElseThrow();
    }
    Ranking onPhone = model.rank(UserQuery.of("u6", PHONE), candidates);
    Ranking onTv = model.rank(UserQuery.of("u6", TV), candidates);
    assertThat(clips(model, new Ranking(Arrays.copyOf(onPhone.items(), 10), Arrays.copyOf(onPhone.scores(), 10)))).isGreaterThanOrEqualTo(9);
    assertThat(clips(model, new Ranking(Arrays.copyOf(onTv.items(), 10), Arrays.copyOf(onTv.scores(), 10)))).isLessThanOrEqualTo(1);
  }

  @Test
  void a_model_file_keeps_the_contexts() throws Exception {
    ModelCodec codec = RecipeRegistry.standard().codec();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    codec.write(model, bytes);
    TransformerModel read = (TransformerModel) codec.read(new ByteArrayInputStream(bytes.toByteArray()), "model");
    for (Map<String, String> context : List.of(PHONE, TV, Map.<String, String>of())) {
      assertThat(read.probabilities(UserQuery.of("u7", context))).containsExactly(model.probabilities(UserQuery.of("u7", context)));
    }
  }
}

package io.tastemaker.core.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.model.History;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.model.UserQuery;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.recipe.RecipeType;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link TransformerModel#recommendAll} against {@link TransformerModel#recommend}, user by user. */
class TransformerBlockedRecommendTest {
  private static final int ITEMS = 300;

  /** A model trained one epoch on 200 users' random walks over 300 items: the scores' spread is what matters here, not quality. */
  private static TransformerModel model() {
    SplittableRandom random = new SplittableRandom(17);
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    for (int u = 0; u < 200; u++) {
      int item = random.nextInt(ITEMS);
      for (int k = 0; k < 5 + random.nextInt(10); k++) {
        b.add("u" + u, "i" + item, 1_000_000L + 60L * k, Optional.empty(), Double.NaN);
        item = (item + 1 + random.nextInt(3)) % ITEMS;
      }
    }
    Map<String, String> given = Map.of("hidden_dimension", "16", "epochs", "1", "batch_size", "32", "threads", "1");
    return (TransformerModel) new TransformerTrainer(RecipeCatalog.USER_PERSONALIZATION_V2, RecipeType.USER_PERSONALIZATION)
        .train(new TrainingInput(b.build(), RecipeCatalog.byName(RecipeCatalog.USER_PERSONALIZATION_V2).orElseThrow().resolve(given, Map.of()), 1),
            TrainingMonitor.NONE);
  }

  @Test
  void blocked_answers_are_the_per_user_answers_for_known_unknown_and_anonymous_users_under_masks() {
    TransformerModel model = model();
    List<UserQuery> queries = new ArrayList<>();
    for (int u = 0; u < 200; u++) {
      queries.add(UserQuery.of("u" + u));
    }
    queries.add(UserQuery.of("nobody"));
    queries.add(UserQuery.anonymous(new History(new int[] {3, 4, 5}, new long[] {1, 2, 3})));
    Collections.shuffle(queries, new java.util.Random(5));
    List<ItemMask> masks = new ArrayList<>();
    for (int k = 0; k < queries.size(); k++) {
      int user = k;
      masks.add(k % 3 == 0 ? ItemMask.ALL : item -> new SplittableRandom(user * 7_919L + item).nextBoolean());
    }
    masks.set(0, item -> false);
    for (int n : new int[] {0, 1, 25, ITEMS, ITEMS + 1}) {
      List<Ranking> blocked = model.recommendAll(queries, n, masks);
      assertThat(blocked).hasSize(queries.size());
      for (int k = 0; k < queries.size(); k++) {
        Ranking alone = model.recommend(queries.get(k), n, masks.get(k));
        assertThat(blocked.get(k).items()).as("query %d, n = %d", k, n).containsExactly(alone.items());
        double[] a = alone.scores();
        double[] b = blocked.get(k).scores();
        for (int i = 0; i < a.length; i++) {
          assertThat(Math.abs(b[i] - a[i])).isLessThanOrEqualTo(1e-6 * Math.abs(a[i]));
        }
      }
      assertThat(blocked.get(0).items()).isEmpty();
    }
  }
}

package io.tastemaker.core.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.core.affinity.AffinityModel;
import io.tastemaker.core.affinity.UserMask;
import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.model.History;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.model.UserQuery;
import io.tastemaker.core.recipe.Recipe;
import io.tastemaker.core.recipe.RecipeCatalog;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A data deletion job's users leave every model family that keeps something of them. */
class ForgettingUsersTest {
  private static final int ITEMS = 20;

  /** 200 users walking a cycle of 20 items from a random start, so a known user's next item depends on their last. */
  private static InteractionData cycles() {
    SplittableRandom random = new SplittableRandom(7);
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    for (int u = 0; u < 200; u++) {
      int item = random.nextInt(ITEMS);
      int length = 10 + random.nextInt(11);
      for (int k = 0; k < length; k++) {
        b.add("u" + u, "i" + item, 1_000_000L + 60L * k, Optional.empty(), Double.NaN);
        item = (item + 1) % ITEMS;
      }
    }
    return b.build();
  }

  private static Recommender train(String name) {
    Recipe recipe = RecipeCatalog.byName(name).orElseThrow();
    Map<String, String> given = new HashMap<>();
    Map.of("hidden_dimension", "32", "epochs", "3", "batch_size", "32", "threads", "1", "embedding_dimension", "8")
        .forEach((k, v) -> recipe.parameter(k).ifPresent(p -> given.put(k, v)));
    Trainer trainer = RecipeRegistry.standard().trainer(name).orElseThrow();
    return trainer.train(new TrainingInput(cycles(), recipe.resolve(given, Map.of()), 1), TrainingMonitor.NONE);
  }

  private static Ranking answer(Recommender model, String user) {
    return model.recommend(new UserQuery(Optional.of(user), History.EMPTY), 10, ItemMask.ALL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"aws-hrnn", "aws-user-personalization", "aws-user-personalization-v2"})
  void a_removed_user_is_answered_as_a_stranger(String recipe) {
    Recommender model = train(recipe);
    Ranking stranger = answer(model, "nobody");
    assertThat(answer(model, "u0").items()).as("a known user's own answer").isNotEqualTo(stranger.items());

    Recommender without = model.withoutUsers(Set.of("u0"));

    assertThat(answer(without, "u0").items()).containsExactly(stranger.items());
    assertThat(answer(without, "u0").scores()).containsExactly(stranger.scores());
    assertThat(answer(without, "u1").items()).as("other users keep their state").containsExactly(answer(model, "u1").items());
    assertThat(model.withoutUsers(Set.of("nobody"))).as("nothing to remove").isSameAs(model);
  }

  @Test
  void a_removed_user_leaves_the_affinity_segments() {
    AffinityModel model = (AffinityModel) train(RecipeCatalog.ITEM_AFFINITY);
    int item = model.items().indexOf("i3").orElseThrow();
    int[] everyone = model.segment(item, model.userCount(), UserMask.ALL).users();
    assertThat(Arrays.stream(everyone).mapToObj(model::userId)).contains("u0");

    AffinityModel without = (AffinityModel) model.withoutUsers(Set.of("u0"));

    assertThat(without.userIndexOf("u0")).isEmpty();
    assertThat(without.userCount()).isEqualTo(model.userCount() - 1);
    assertThat(Arrays.stream(without.segment(item, without.userCount(), UserMask.ALL).users()).mapToObj(without::userId))
        .doesNotContain("u0")
        .hasSize(without.userCount());
    int u1 = model.userIndexOf("u1").orElseThrow();
    int u1After = without.userIndexOf("u1").orElseThrow();
    assertThat(without.probability(u1After, item)).isEqualTo(model.probability(u1, item));
  }
}

package io.tastemaker.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.model.ItemCatalog;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.recipe.RecipeType;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class SolutionEvaluationTest {
  private static final int USERS = 40;
  private static final int LENGTH = 10;

  /** User u's items u{u}_0 .. u{u}_9 in time order: the newest one is the truth, the rest the query. */
  private static InteractionData data() {
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    for (int u = 0; u < USERS; u++) {
      for (int k = 0; k < LENGTH; k++) {
        b.add("user" + u, "u" + u + "_" + k, k, Optional.empty(), Double.NaN);
      }
    }
    return b.build();
  }

  /** A RELATED_ITEMS model that relates each user's 9th item to their 10th, and nothing else. */
  private record NextItem(ItemCatalog items, List<String> askedAbout) implements Recommender {
    @Override
    public String recipe() {
      return "test-related";
    }

    @Override
    public RecipeType type() {
      return RecipeType.RELATED_ITEMS;
    }

    @Override
    public boolean scores() {
      return false;
    }

    @Override
    public Ranking related(int item, int n, ItemMask mask) {
      String id = items.id(item);
      askedAbout.add(id);
      return id.endsWith("_" + (LENGTH - 2))
          ? Ranking.unscored(new int[] {items.indexOf(id.replace("_" + (LENGTH - 2), "_" + (LENGTH - 1))).orElseThrow()})
          : Ranking.unscored(new int[0]);
    }
  }

  @Test
  void a_related_items_model_is_asked_once_per_held_out_user_about_the_newest_item_of_the_query() {
    InteractionData data = data();
    List<String> asked = new ArrayList<>();
    NextItem model = new NextItem(new ItemCatalog(data.itemIds()), asked);
    int catalogue = data.itemCount() + 100;
    Map<String, Double> m = SolutionEvaluation.run((input, monitor) -> model, new TrainingInput(data, Map.of(), 7), catalogue, TrainingMonitor.NONE);

    // ceil(10% of 40) = 4 held-out users, each asked once, about their 9th item.
    assertThat(asked).hasSize(4).allMatch(id -> id.endsWith("_8"));
    // Each answer is one item, the user's truth: precision@25 = 1/25, the first hit at rank 1, and
    // coverage counts the 4 distinct answers over every item of the Interactions and Items datasets.
    assertThat(m.get("precision_at_25")).isCloseTo(1.0 / 25, Offset.offset(1e-12));
    assertThat(m.get("precision_at_5")).isCloseTo(1.0 / 5, Offset.offset(1e-12));
    assertThat(m.get("mean_reciprocal_rank_at_25")).isCloseTo(1.0, Offset.offset(1e-12));
    assertThat(m.get("coverage")).isCloseTo(4.0 / catalogue, Offset.offset(1e-12));
  }

  @Test
  void blocks_of_held_out_users_asked_on_every_core_get_the_answers_asked_one_by_one() {
    // 3,000 users hold out 300, more than a block of 256: two blocks, on a pool of threads.
    java.util.SplittableRandom random = new java.util.SplittableRandom(5);
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    for (int u = 0; u < 3_000; u++) {
      long time = 1_700_000_000L;
      for (int k = 0; k < 2 + random.nextInt(6); k++) {
        b.add("user" + u, "i" + random.nextInt(500), time, Optional.empty(), Double.NaN);
        // Now and then a day's gap: a new session, whose answers blend in the previous one.
        time += random.nextInt(5) == 0 ? 86_400 : 60;
      }
    }
    InteractionData data = b.build();
    Recommender model = io.tastemaker.core.hrnn.RandomHrnnModels.model(500, 8, 0, 3);
    List<EvalQuery> queries = HoldoutSplit.of(data, 7).queries(data);
    assertThat(queries).hasSizeGreaterThan(256);

    Map<EvalQuery, int[]> answers = SolutionEvaluation.answers(model, data, queries);

    java.util.function.Function<EvalQuery, int[]> oneByOne = SolutionEvaluation.asker(model, data);
    for (EvalQuery q : queries) {
      assertThat(answers.get(q)).hasSize(OfflineMetrics.DEPTH).containsExactly(oneByOne.apply(q));
    }
  }
}

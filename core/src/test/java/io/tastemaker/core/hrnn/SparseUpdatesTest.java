package io.tastemaker.core.hrnn;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.model.History;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.model.UserQuery;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.recipe.RecipeType;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Sparse updates (only the rows a batch touched, lazy Adam) against the dense ones: the same model
 * where every row is touched in every batch (the full softmax), and a model that learns as well where
 * the lazy optimiser differs (the sampled softmax).
 */
class SparseUpdatesTest {
  private static final int ITEMS = 40;

  /** 300 users walking a cycle of 40 items from a random start, 10 to 30 steps each. */
  private static InteractionData cycles(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    for (int u = 0; u < 300; u++) {
      int item = random.nextInt(ITEMS);
      int length = 10 + random.nextInt(21);
      for (int k = 0; k < length; k++) {
        b.add("u" + u, "i" + item, 1_000_000L + 60L * k, Optional.empty(), Double.NaN);
        item = (item + 1) % ITEMS;
      }
    }
    return b.build();
  }

  private static HrnnModel train(HrnnTrainer trainer, InteractionData data, Map<String, String> extra) {
    Map<String, String> given = new HashMap<>(Map.of("hidden_dimension", "32", "epochs", "6", "batch_size", "32", "bptt", "8", "threads", "2", "learning_rate", "0.01"));
    given.putAll(extra);
    Map<String, String> resolved = RecipeCatalog.byName(RecipeCatalog.HRNN).orElseThrow().resolve(given, Map.of());
    return (HrnnModel) trainer.train(new TrainingInput(data, resolved, 1), TrainingMonitor.NONE);
  }

  private static HrnnTrainer sparse() {
    return new HrnnTrainer(RecipeCatalog.HRNN, RecipeType.USER_PERSONALIZATION);
  }

  @Test
  void with_the_full_softmax_every_row_is_touched_and_sparse_steps_give_the_dense_model() {
    InteractionData data = cycles(1);
    HrnnModel sparse = train(sparse(), data, Map.of());
    HrnnModel dense = train(sparse().withDenseUpdates(), data, Map.of());
    for (String user : List.of("u0", "u3", "u150", "u299")) {
      assertThat(sparse.probabilities(UserQuery.of(user))).containsExactly(dense.probabilities(UserQuery.of(user)));
    }
  }

  @Test
  void item_weight_decay_shrinks_the_embeddings_alike_in_sparse_and_dense_steps() {
    InteractionData data = cycles(1);
    Map<String, String> decayed = Map.of("item_weight_decay", "5");
    HrnnModel sparse = train(sparse(), data, decayed);
    HrnnModel dense = train(sparse().withDenseUpdates(), data, decayed);
    HrnnModel plain = train(sparse(), data, Map.of());
    for (String user : List.of("u0", "u3", "u150")) {
      assertThat(sparse.probabilities(UserQuery.of(user))).containsExactly(dense.probabilities(UserQuery.of(user)));
      // Smaller item vectors spread the logits less: the likeliest next item gets less of the mass.
      assertThat(max(sparse.probabilities(UserQuery.of(user)))).isLessThan(max(plain.probabilities(UserQuery.of(user))));
    }
  }

  private static double max(double[] p) {
    return Arrays.stream(p).max().orElseThrow();
  }

  @Test
  void with_a_sampled_softmax_lazy_steps_differ_from_dense_ones_and_learn_as_well() {
    InteractionData data = cycles(2);
    Map<String, String> sampled = Map.of("full_softmax_max_items", "0", "negative_samples", "8", "epochs", "12");
    HrnnModel sparse = train(sparse(), data, sampled);
    HrnnModel dense = train(sparse().withDenseUpdates(), data, sampled);
    assertThat(sparse.probabilities(UserQuery.of("u3"))).isNotEqualTo(dense.probabilities(UserQuery.of("u3")));
    int sparseHits = hits(sparse);
    assertThat(sparseHits).as("next items among the top 3, out of %d", ITEMS).isGreaterThanOrEqualTo(ITEMS * 17 / 20);
    assertThat(sparseHits).isGreaterThanOrEqualTo(hits(dense) - 2);
  }

  private static int hits(HrnnModel model) {
    int hits = 0;
    for (int start = 0; start < ITEMS; start++) {
      int[] items = {start, (start + 1) % ITEMS};
      int[] indices = Arrays.stream(items).map(i -> model.items().indexOf("i" + i).orElseThrow()).toArray();
      History history = new History(indices, new long[] {5_000_000L, 5_000_060L});
      Ranking top = model.recommend(UserQuery.anonymous(history), 3, i -> true);
      int expected = model.items().indexOf("i" + (start + 2) % ITEMS).orElseThrow();
      if (Arrays.stream(top.items()).anyMatch(i -> i == expected)) {
        hits++;
      }
    }
    return hits;
  }
}

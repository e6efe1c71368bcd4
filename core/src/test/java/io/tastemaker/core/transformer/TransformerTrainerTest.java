package io.tastemaker.core.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.data.Metadata;
import io.tastemaker.core.model.History;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransformerTrainerTest {
  private static final int ITEMS = 20;

  /** 300 users walking a cycle of 20 items, i then i + 1, from a random start; 10 to 30 steps each. */
  private static InteractionData cycles(long seed) {
    return cycles(seed, 10, 30);
  }

  private static InteractionData cycles(long seed, int shortest, int longest) {
    return SequenceWalks.cycles(seed, ITEMS, shortest, longest);
  }

  private static Map<String, String> hyperparameters(String recipe, Map<String, String> extra) {
    Map<String, String> given = new HashMap<>(Map.of("hidden_dimension", "16", "epochs", "15", "batch_size", "32", "learning_rate", "0.01", "threads", "2", "dropout", "0.1"));
    given.putAll(extra);
    return RecipeCatalog.byName(recipe).orElseThrow().resolve(given, Map.of());
  }

  private static TransformerModel train(InteractionData data, Map<String, String> extra) {
    return (TransformerModel) new TransformerTrainer(RecipeCatalog.USER_PERSONALIZATION_V2, RecipeType.USER_PERSONALIZATION)
        .train(new TrainingInput(data, hyperparameters(RecipeCatalog.USER_PERSONALIZATION_V2, extra), 1), TrainingMonitor.NONE);
  }

  private static History history(Recommender model, int... items) {
    int[] indices = Arrays.stream(items).map(i -> model.items().indexOf("i" + i).orElseThrow()).toArray();
    long[] times = new long[items.length];
    Arrays.setAll(times, k -> 5_000_000L + 60L * k);
    return new History(indices, times);
  }

  @Test
  void it_learns_what_comes_next() {
    TransformerModel model = train(cycles(1), Map.of());
    int hits = 0;
    for (int start = 0; start < ITEMS; start++) {
      Ranking top = model.recommend(UserQuery.anonymous(history(model, start, (start + 1) % ITEMS, (start + 2) % ITEMS)), 1, i -> true);
      if (model.items().id(top.items()[0]).equals("i" + (start + 3) % ITEMS)) {
        hits++;
      }
    }
    assertThat(hits).as("next items right out of %d", ITEMS).isGreaterThanOrEqualTo(18);
  }

  @Test
  void the_sampled_softmax_learns_it_too() {
    // Ten sampled negatives teach less a step than the full softmax, and the rate falls linearly: 25 epochs.
    TransformerModel model = train(cycles(5), Map.of("full_softmax_max_items", "0", "negative_samples", "10", "epochs", "25"));
    int hits = 0;
    for (int start = 0; start < ITEMS; start++) {
      Ranking top = model.recommend(UserQuery.anonymous(history(model, start, (start + 1) % ITEMS, (start + 2) % ITEMS)), 1, i -> true);
      if (model.items().id(top.items()[0]).equals("i" + (start + 3) % ITEMS)) {
        hits++;
      }
    }
    assertThat(hits).as("next items right out of %d", ITEMS).isGreaterThanOrEqualTo(16);
  }

  private static InteractionData returns(long seed) {
    return SequenceWalks.returns(seed, ITEMS);
  }

  @Test
  void the_history_bias_learns_whether_users_come_back_to_their_items() {
    // Walks of 3 to 12 steps round a cycle of 20 never meet an item twice: what a user has is never next.
    InteractionData walks = cycles(8, 3, 12);
    TransformerModel onward = train(walks, Map.of("epochs", "40", "early_stopping_patience", "0"));
    assertThat(onward.historyBias()).isNegative();
    History walked = history(onward, 2, 3, 4, 5, 6, 7);
    assertThat(onward.recommend(UserQuery.anonymous(walked), 1, i -> true).items()).containsExactly(onward.items().indexOf("i8").orElseThrow());
    double[] p = onward.probabilities(UserQuery.anonymous(walked));
    assertThat(Arrays.stream(walked.items()).mapToDouble(i -> p[i]).sum()).as("the walk's own items").isLessThan(0.01);

    TransformerModel back = train(returns(9), Map.of());
    assertThat(back.historyBias()).isPositive();
    History visits = history(back, 4, 13, 4);
    assertThat(back.recommend(UserQuery.anonymous(visits), 1, i -> true).items()).containsExactly(back.items().indexOf("i13").orElseThrow());
  }

  @Test
  void scores_are_a_softmax_over_every_item_in_descending_order() {
    TransformerModel model = train(cycles(2), Map.of("epochs", "2"));
    double[] p = model.probabilities(UserQuery.of("u7"));
    assertThat(Arrays.stream(p).sum()).isCloseTo(1.0, within(1e-9));
    Ranking all = model.recommend(UserQuery.of("u7"), ITEMS, i -> true);
    assertThat(Arrays.stream(all.scores()).sum()).isCloseTo(1.0, within(1e-6));
    for (int k = 0; k < all.size(); k++) {
      assertThat(all.scores()[k]).isCloseTo(p[all.items()[k]], within(1e-6));
      if (k > 0) {
        assertThat(all.scores()[k]).isLessThanOrEqualTo(all.scores()[k - 1]);
      }
    }
    Ranking stranger = model.recommend(UserQuery.of("nobody"), ITEMS, i -> true);
    assertThat(Arrays.stream(stranger.scores()).sum()).isCloseTo(1.0, within(1e-6));
  }

  @Test
  void a_ranking_normalises_over_the_given_items_in_score_order() {
    TransformerModel model = train(cycles(3), Map.of("epochs", "2"));
    int[] candidates = {3, 7, 3, 11};
    Ranking r = model.rank(UserQuery.of("u1"), candidates);
    assertThat(r.items()).containsExactlyInAnyOrder(3, 7, 11);
    assertThat(Arrays.stream(r.scores()).sum()).isCloseTo(1.0, within(1e-9));
    double[] p = model.probabilities(UserQuery.of("u1"));
    double z = p[3] + p[7] + p[11];
    for (int k = 0; k < r.size(); k++) {
      assertThat(r.scores()[k]).isCloseTo(p[r.items()[k]] / z, within(1e-6));
    }
  }

  @Test
  void events_since_training_move_the_answer_whatever_their_session() {
    TransformerModel model = train(cycles(4), Map.of());
    // A walk of three items a day after the training history, in a session of its own.
    History events = new History(history(model, 4, 5, 6).items(), new long[] {9_000_000L, 9_000_060L, 9_000_120L}, new boolean[] {true, false, false});
    Ranking before = model.recommend(UserQuery.of("u3"), 1, i -> true);
    Ranking after = model.recommend(new UserQuery(Optional.of("u3"), events), 1, i -> true);
    assertThat(model.items().id(after.items()[0])).isEqualTo("i7");
    assertThat(after).isNotEqualTo(before);
  }

  @Test
  void the_same_seed_gives_the_same_model_on_one_thread_or_two() {
    InteractionData data = cycles(6);
    TransformerModel one = train(data, Map.of("epochs", "2", "threads", "1", "dropout", "0.3"));
    TransformerModel two = train(data, Map.of("epochs", "2", "threads", "2", "dropout", "0.3"));
    assertThat(two.probabilities(UserQuery.of("u9"))).containsExactly(one.probabilities(UserQuery.of("u9")));
    TransformerModel other = train(data, Map.of("epochs", "2", "threads", "2", "dropout", "0.3", "seed", "7"));
    assertThat(other.probabilities(UserQuery.of("u9"))).isNotEqualTo(one.probabilities(UserQuery.of("u9")));
  }

  @Test
  void a_window_of_one_item_or_of_no_weight_trains_on_the_next_item_alone() {
    InteractionData data = cycles(8);
    TransformerModel single = train(data, Map.of("epochs", "2", "dropout", "0.3", "target_window", "1"));
    TransformerModel weightless = train(data, Map.of("epochs", "2", "dropout", "0.3", "target_window_decay", "0"));
    TransformerModel windowed = train(data, Map.of("epochs", "2", "dropout", "0.3", "target_window", "8"));
    assertThat(weightless.probabilities(UserQuery.of("u9"))).containsExactly(single.probabilities(UserQuery.of("u9")));
    assertThat(windowed.probabilities(UserQuery.of("u9"))).isNotEqualTo(single.probabilities(UserQuery.of("u9")));
  }

  @Test
  void a_model_file_answers_as_the_model_did() throws Exception {
    InteractionData data = cycles(7);
    Map<String, List<String>> genres = new HashMap<>();
    for (int i = 0; i < ITEMS; i++) {
      genres.put("i" + i, List.of("GENRE=" + (i % 3)));
    }
    Metadata items = Metadata.of(genres);
    Recommender model =
        RecipeRegistry.standard().trainer(RecipeCatalog.PERSONALIZED_RANKING_V2).orElseThrow().train(
            new TrainingInput(data, hyperparameters(RecipeCatalog.PERSONALIZED_RANKING_V2, Map.of("epochs", "2")), 1, items, Metadata.EMPTY, Map.of(), 0),
            TrainingMonitor.NONE);
    assertThat(model.type()).isEqualTo(RecipeType.PERSONALIZED_RANKING);
    ModelCodec codec = RecipeRegistry.standard().codec();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    codec.write(model, bytes);
    Recommender read = codec.read(new ByteArrayInputStream(bytes.toByteArray()), "model");
    assertThat(read.recipe()).isEqualTo(RecipeCatalog.PERSONALIZED_RANKING_V2);
    int[] candidates = {0, 4, 9, 13};
    assertThat(read.rank(UserQuery.of("u2"), candidates)).isEqualTo(model.rank(UserQuery.of("u2"), candidates));
  }

  @Test
  void auto_knobs_follow_the_data() {
    int[] sparse = new int[100];
    Arrays.fill(sparse, 7);
    int[] dense = new int[100];
    Arrays.fill(dense, 400);
    TransformerConfig config = TransformerConfig.from(RecipeCatalog.byName(RecipeCatalog.USER_PERSONALIZATION_V2).orElseThrow().resolve(Map.of(), Map.of()));
    assertThat(config.resolve(sparse, 1_000).dropout()).isEqualTo(0.5);
    assertThat(config.resolve(sparse, 1_000).maxSequenceLength()).isEqualTo(20);
    assertThat(config.resolve(dense, 1_000).dropout()).isEqualTo(0.1);
    assertThat(config.resolve(dense, 1_000).maxSequenceLength()).isEqualTo(200);
    assertThat(config.resolve(dense, 1_000).validationUsers()).isEqualTo(10);
    assertThat(config.resolve(dense, 1_000).batchSize()).isEqualTo(8);
    List<Integer> many = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      many.add(9);
    }
    TransformerConfig large = config.resolve(many.stream().mapToInt(Integer::intValue).toArray(), 1_000);
    assertThat(large.validationUsers()).isEqualTo(TransformerConfig.MAX_AUTO_VALIDATION_USERS);
    assertThat(large.batchSize()).isEqualTo(128);
  }
}

package io.tastemaker.core.hrnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.io.BinaryReader;
import io.tastemaker.core.io.BinaryWriter;
import io.tastemaker.core.model.History;
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
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HrnnTrainerTest {
  private static final int ITEMS = 20;

  /** 300 users walking a cycle of 20 items, i then i + 1, from a random start; 10 to 30 steps each. */
  private static InteractionData cycles(long seed) {
    return cycles(seed, 10, 30);
  }

  private static InteractionData cycles(long seed, int shortest, int longest) {
    return SequenceWalks.cycles(seed, ITEMS, shortest, longest);
  }

  private static Map<String, String> hyperparameters(String recipe, Map<String, String> extra) {
    Map<String, String> given = new HashMap<>(Map.of("hidden_dimension", "32", "epochs", "12", "batch_size", "32", "bptt", "8", "threads", "2", "learning_rate", "0.01"));
    given.putAll(extra);
    return RecipeCatalog.byName(recipe).orElseThrow().resolve(given, Map.of());
  }

  private static HrnnModel train(InteractionData data, Map<String, String> extra) {
    return (HrnnModel) new HrnnTrainer(RecipeCatalog.HRNN, RecipeType.USER_PERSONALIZATION)
        .train(new TrainingInput(data, hyperparameters(RecipeCatalog.HRNN, extra), 1), TrainingMonitor.NONE);
  }

  private static History history(Recommender model, int... items) {
    int[] indices = Arrays.stream(items).map(i -> model.items().indexOf("i" + i).orElseThrow()).toArray();
    long[] times = new long[items.length];
    Arrays.setAll(times, k -> 5_000_000L + 60L * k);
    return new History(indices, times);
  }

  private static InteractionData returns(long seed) {
    return SequenceWalks.returns(seed, ITEMS);
  }

  @Test
  void the_history_bias_learns_whether_users_come_back_to_their_items() {
    // Walks of 3 to 12 steps round a cycle of 20 never meet an item twice: what a user has is never next.
    HrnnModel onward = train(cycles(8, 3, 12), Map.of());
    assertThat(onward.historyBias()).isNegative();
    History walked = history(onward, 2, 3, 4, 5, 6, 7);
    assertThat(onward.recommend(UserQuery.anonymous(walked), 1, i -> true).items()).containsExactly(onward.items().indexOf("i8").orElseThrow());
    double[] p = onward.probabilities(UserQuery.anonymous(walked));
    assertThat(Arrays.stream(walked.items()).mapToDouble(i -> p[i]).sum()).as("the walk's own items").isLessThan(0.02);

    HrnnModel back = train(returns(9), Map.of());
    assertThat(back.historyBias()).isPositive();
    History visits = history(back, 4, 13, 4);
    assertThat(back.recommend(UserQuery.anonymous(visits), 1, i -> true).items()).containsExactly(back.items().indexOf("i13").orElseThrow());
    // Every path adds the bias alike: the ranking of the user's own items and two others agrees with the softmax over every item.
    double[] q = back.probabilities(UserQuery.anonymous(visits));
    int[] list = {back.items().indexOf("i4").orElseThrow(), back.items().indexOf("i13").orElseThrow(), back.items().indexOf("i0").orElseThrow(),
        back.items().indexOf("i7").orElseThrow()};
    Ranking ranked = back.rank(UserQuery.anonymous(visits), list);
    double z = Arrays.stream(list).mapToDouble(i -> q[i]).sum();
    for (int k = 0; k < ranked.size(); k++) {
      assertThat(ranked.scores()[k]).isCloseTo(q[ranked.items()[k]] / z, within(1e-6));
    }
    assertThat(back.recommendAll(List.of(UserQuery.anonymous(visits)), 3, List.of(i -> true)).get(0)).isEqualTo(back.recommend(UserQuery.anonymous(visits), 3, i -> true));
  }

  @Test
  void it_learns_what_comes_next() {
    HrnnModel model = train(cycles(1), Map.of());
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
  void scores_are_a_softmax_over_every_item_in_descending_order() {
    HrnnModel model = train(cycles(2), Map.of("epochs", "3"));
    UserQuery query = UserQuery.of("u7");
    double[] p = model.probabilities(query);
    assertThat(Arrays.stream(p).sum()).isCloseTo(1.0, within(1e-9));
    assertThat(Arrays.stream(p).allMatch(v -> v > 0 && v < 1)).isTrue();
    Ranking top = model.recommend(query, ITEMS, i -> true);
    double[] scores = top.scores();
    assertThat(Arrays.stream(scores).sum()).isCloseTo(1.0, within(1e-6));
    for (int k = 1; k < scores.length; k++) {
      assertThat(scores[k]).isLessThanOrEqualTo(scores[k - 1]);
      assertThat(scores[k]).isEqualTo(p[top.items()[k]]);
    }
    int banned = top.items()[0];
    Ranking masked = model.recommend(query, 5, i -> i != banned);
    assertThat(masked.items()).doesNotContain(banned);
    assertThat(masked.scores()[0]).isEqualTo(scores[1]);
  }

  @Test
  void a_ranking_is_a_softmax_over_the_given_items_only() {
    HrnnModel model = train(cycles(3), Map.of("epochs", "3"));
    UserQuery query = UserQuery.of("u1");
    double[] all = model.probabilities(query);
    int[] candidates = {4, 9, 4, 13};
    Ranking ranked = model.rank(query, candidates);
    assertThat(ranked.items()).containsExactlyInAnyOrder(4, 9, 13);
    double sum = all[4] + all[9] + all[13];
    for (int k = 0; k < ranked.size(); k++) {
      assertThat(ranked.scores()[k]).isCloseTo(all[ranked.items()[k]] / sum, within(1e-6));
    }
    assertThat(Arrays.stream(ranked.scores()).sum()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void a_stranger_gets_popularity_as_scores_and_events_personalise_at_once() {
    HrnnModel model = train(cycles(4), Map.of("epochs", "6"));
    double[] stranger = model.probabilities(UserQuery.of("nobody"));
    assertThat(Arrays.stream(stranger).sum()).isCloseTo(1.0, within(1e-9));
    double[] afterEvents = model.probabilities(new UserQuery(Optional.of("nobody"), history(model, 3, 4)));
    int next = model.items().indexOf("i5").orElseThrow();
    assertThat(afterEvents[next]).isGreaterThan(stranger[next] * 3);
  }

  @Test
  void users_added_after_training_bring_their_state_and_their_items_popularity() {
    InteractionData trained = cycles(6);
    HrnnModel model = train(trained, Map.of("epochs", "2"));
    // A newcomer who played i0 forty times makes i0 the most popular item for strangers.
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    for (int u = 0; u < trained.userCount(); u++) {
      for (int i = trained.start(u); i < trained.end(u); i++) {
        b.add(trained.userId(u), trained.itemId(trained.item(i)), trained.timestamp(i), Optional.empty(), Double.NaN);
      }
    }
    for (int k = 0; k < 40; k++) {
      b.add("newcomer", "i0", 2_000_000L + 60L * k, Optional.empty(), Double.NaN);
    }
    HrnnModel served = (HrnnModel) model.withUsers(b.build());
    int i0 = served.items().indexOf("i0").orElseThrow();
    assertThat(served.recommend(UserQuery.of("nobody"), 1, i -> true).items()).containsExactly(i0);
    assertThat(served.probabilities(UserQuery.of("newcomer"))).isNotEqualTo(served.probabilities(UserQuery.of("nobody")));
    assertThat(model.probabilities(UserQuery.of("newcomer"))).isEqualTo(model.probabilities(UserQuery.of("nobody")));
  }

  @Test
  void users_whose_histories_the_model_holds_keep_their_states_and_answers_when_the_rest_are_added() {
    InteractionData all = cycles(8);
    int[] split = java.util.stream.IntStream.range(0, 200).toArray();
    HrnnModel model = train(all.subset(split), Map.of("epochs", "2"));
    HrnnModel recomputed = (HrnnModel) model.withUsers(all);
    HrnnModel kept = (HrnnModel) model.withUsers(all, u -> u < 200);
    for (int u = 0; u < all.userCount(); u++) {
      assertThat(kept.probabilities(UserQuery.of(all.userId(u)))).as(all.userId(u)).containsExactly(recomputed.probabilities(UserQuery.of(all.userId(u))));
    }
    // The held-out users were run through their histories, not left as strangers.
    assertThat(kept.probabilities(UserQuery.of("u250"))).isNotEqualTo(kept.probabilities(UserQuery.of("nobody")));
  }

  @Test
  void a_new_session_id_starts_a_session_as_a_long_gap_does() {
    HrnnModel model = train(cycles(9), Map.of("epochs", "2"));
    int a = model.items().indexOf("i3").orElseThrow();
    int b = model.items().indexOf("i4").orElseThrow();
    long t = 5_000_000L;
    double[] sameSession = model.probabilities(UserQuery.anonymous(new History(new int[] {a, b}, new long[] {t, t + 60})));
    double[] newSessionId = model.probabilities(UserQuery.anonymous(new History(new int[] {a, b}, new long[] {t, t + 60}, new boolean[] {false, true})));
    double[] longGap = model.probabilities(UserQuery.anonymous(new History(new int[] {a, b}, new long[] {t, t + 7_200})));
    assertThat(newSessionId).isNotEqualTo(sameSession).containsExactly(longGap);
  }

  @Test
  void zero_results_is_an_empty_ranking() {
    HrnnModel model = train(cycles(7), Map.of("epochs", "1"));
    assertThat(model.recommend(UserQuery.of("u1"), 0, i -> true).items()).isEmpty();
  }

  @Test
  void the_same_seed_gives_the_same_model_and_the_file_keeps_it() throws Exception {
    InteractionData data = cycles(5);
    HrnnModel a = train(data, Map.of("epochs", "2"));
    HrnnModel b = train(data, Map.of("epochs", "2"));
    assertThat(a.probabilities(UserQuery.of("u3"))).containsExactly(b.probabilities(UserQuery.of("u3")));
    ModelCodec codec = new ModelCodec(Map.of(RecipeCatalog.HRNN, new HrnnFormat(RecipeCatalog.HRNN)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    codec.write(a, out);
    Recommender read = codec.read(new ByteArrayInputStream(out.toByteArray()), "m");
    assertThat(((HrnnModel) read).probabilities(UserQuery.of("u3"))).containsExactly(a.probabilities(UserQuery.of("u3")));
    assertThat(read.recommend(UserQuery.of("u9"), 5, i -> true)).isEqualTo(a.recommend(UserQuery.of("u9"), 5, i -> true));
    HrnnModel other = train(data, Map.of("epochs", "2", "seed", "7"));
    assertThat(other.probabilities(UserQuery.of("u3"))).isNotEqualTo(a.probabilities(UserQuery.of("u3")));
  }

  @Test
  void a_model_file_whose_users_read_items_outside_the_catalogue_is_refused() throws Exception {
    // Each user's state and items read, from an untrained network: only the items read are looked at.
    int[] identity = IntStream.range(0, ITEMS).toArray();
    KnownUsers users = KnownUsers.of(cycles(5), new HrnnInference(new HrnnWeights(ITEMS, 4), new float[ITEMS][4], 1800), 4, identity, 200, Map.of(),
        KnownUsers.NONE, u -> false);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (BinaryWriter writer = new BinaryWriter(out, "users", 6)) {
      users.writeTo(writer);
      writer.finish();
    }
    BinaryReader whole = BinaryReader.open(new ByteArrayInputStream(out.toByteArray()), "test", "users", 6, 6);
    assertThat(KnownUsers.readFrom(whole, ITEMS).stateOf("u3", new int[0]).orElseThrow().seen).isNotEmpty().isSorted().doesNotHaveDuplicates();
    BinaryReader fewer = BinaryReader.open(new ByteArrayInputStream(out.toByteArray()), "test", "users", 6, 6);
    assertThatThrownBy(() -> KnownUsers.readFrom(fewer, 5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("model's 5");
  }

  @Test
  void without_validation_users_the_last_epoch_is_kept() {
    InteractionData data = cycles(8);
    Map<String, String> constantRate = Map.of("validation_users", "0", "learning_rate_schedule", "constant");
    HrnnModel one = train(data, with(constantRate, "epochs", "1"));
    HrnnModel three = train(data, with(constantRate, "epochs", "3"));
    // With a constant rate, the first epoch of both runs is the same; the third must have moved on.
    assertThat(three.probabilities(UserQuery.of("u3"))).isNotEqualTo(one.probabilities(UserQuery.of("u3")));
  }

  private static Map<String, String> with(Map<String, String> base, String name, String value) {
    Map<String, String> all = new HashMap<>(base);
    all.put(name, value);
    return all;
  }

  @Test
  void sampled_softmax_trains_too() {
    HrnnModel model = train(cycles(6), Map.of("full_softmax_max_items", "0", "negative_samples", "8"));
    int hits = 0;
    for (int start = 0; start < ITEMS; start++) {
      Ranking top = model.recommend(UserQuery.anonymous(history(model, start, (start + 1) % ITEMS)), 3, i -> true);
      int expected = model.items().indexOf("i" + (start + 2) % ITEMS).orElseThrow();
      if (Arrays.stream(top.items()).anyMatch(i -> i == expected)) {
        hits++;
      }
    }
    assertThat(hits).isGreaterThanOrEqualTo(17);
  }
}

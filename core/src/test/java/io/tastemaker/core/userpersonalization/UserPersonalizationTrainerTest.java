package io.tastemaker.core.userpersonalization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.tastemaker.core.data.Impressions;
import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.data.Metadata;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.ModelCodec;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.model.UserQuery;
import io.tastemaker.core.recipe.RecipeCatalog;
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
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UserPersonalizationTrainerTest {
  private static final int ITEMS = 20;
  /** A probability's or a sum's room for the rounding of the floats the model serves from. */
  private static final double FLOAT_PRECISION = 1e-6;
  private static final long START = 1_000_000L;

  /** 200 users choosing among items i0..i19 at random, except i0, which nobody chooses; i0 is always shown. */
  private static InteractionData interactions() {
    SplittableRandom random = new SplittableRandom(3);
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    for (int u = 0; u < 200; u++) {
      for (int k = 0; k < 12; k++) {
        b.add("u" + u, "i" + (1 + random.nextInt(ITEMS - 1)), START + 60L * k, Optional.empty(), Double.NaN);
      }
    }
    // i0 has a few interactions, so the network knows it as an ordinary item.
    for (int u = 0; u < 40; u++) {
      b.add("u" + u, "i0", START + 3600, Optional.empty(), Double.NaN);
    }
    return b.build();
  }

  /** Each interaction with i1..i19 was shown beside i0 and two others: i0 was passed over every time. */
  private static Impressions impressions(InteractionData data) {
    List<Impressions.Shown> shown = new ArrayList<>();
    for (int u = 0; u < data.userCount(); u++) {
      for (int i = data.start(u); i < data.end(u); i++) {
        String chosen = data.itemId(data.item(i));
        if (!chosen.equals("i0")) {
          shown.add(new Impressions.Shown(data.userId(u), chosen, List.of("i0", chosen, "i" + (1 + (i % 19)), "i" + (1 + ((i + 7) % 19))), data.timestamp(i)));
        }
      }
    }
    return new Impressions(shown);
  }

  static Map<String, String> hyperparameters(Map<String, String> extra) {
    Map<String, String> given = new HashMap<>(Map.of("hidden_dimension", "32", "epochs", "3", "batch_size", "32", "bptt", "8", "threads", "2"));
    given.putAll(extra);
    return RecipeCatalog.byName(RecipeCatalog.USER_PERSONALIZATION).orElseThrow().resolve(given, Map.of());
  }

  /** A genre for each of i0..i19 (i mod 3) and for the given items, which have no interactions. */
  private static Metadata genres(Map<String, String> newItems) {
    Map<String, List<String>> features = new HashMap<>();
    for (int i = 0; i < ITEMS; i++) {
      features.put("i" + i, List.of("GENRE=" + (i % 3)));
    }
    newItems.forEach((id, genre) -> features.put(id, List.of("GENRE=" + genre)));
    return Metadata.of(features);
  }

  private static UserPersonalizationModel train(InteractionData data, Impressions impressions, Metadata items) {
    return train(data, impressions, items, Map.of());
  }

  private static UserPersonalizationModel train(InteractionData data, Impressions impressions, Metadata items, Map<String, String> extra) {
    TrainingInput input = new TrainingInput(data, hyperparameters(extra), 7, items, Metadata.EMPTY, Map.of(), START + 7200, impressions);
    return (UserPersonalizationModel) new UserPersonalizationTrainer(RecipeCatalog.USER_PERSONALIZATION).train(input, TrainingMonitor.NONE);
  }

  @Test
  void the_transformer_expert_reshapes_the_known_items_and_leaves_the_cold_ones_their_share() {
    InteractionData data = interactions();
    Metadata genres = genres(Map.of("new1", "1", "new2", "2"));
    UserPersonalizationModel both = train(data, Impressions.NONE, genres);
    UserPersonalizationModel alone = train(data, Impressions.NONE, genres, Map.of("transformer_expert", "false"));
    assertThat(alone.transformerExpert()).isEmpty();
    assertThat(both.transformerExpert()).isPresent();
    // The same seed trains the same HRNN: without the expert, its probabilities are the answer (to a
    // float's precision: the model serves from floats, so that no request allocates the catalogue in doubles).
    UserQuery query = UserQuery.of("u4");
    double[] hrnn = both.relevance().probabilities(query);
    assertThat(alone.probabilities(query)).containsExactly(hrnn, within(FLOAT_PRECISION));
    double[] combined = both.probabilities(query);
    assertThat(Arrays.stream(combined).sum()).isCloseTo(1.0, within(FLOAT_PRECISION));
    double[] transformer = both.transformerExpert().orElseThrow().probabilities(query);
    double known = 0;
    double geometric = 0;
    for (int i = 0; i < ITEMS; i++) {
      int h = both.items().indexOf("i" + i).orElseThrow();
      int t = both.transformerExpert().orElseThrow().items().indexOf("i" + i).orElseThrow();
      known += hrnn[h];
      geometric += Math.sqrt(hrnn[h] * transformer[t]);
    }
    for (int i = 0; i < ITEMS; i++) {
      int h = both.items().indexOf("i" + i).orElseThrow();
      int t = both.transformerExpert().orElseThrow().items().indexOf("i" + i).orElseThrow();
      assertThat(combined[h]).as("i" + i).isCloseTo(Math.sqrt(hrnn[h] * transformer[t]) * known / geometric, withinPercentage(1e-4));
    }
    for (String cold : List.of("new1", "new2")) {
      int h = both.items().indexOf(cold).orElseThrow();
      assertThat(both.transformerExpert().orElseThrow().items().indexOf(cold)).isEmpty();
      assertThat(combined[h]).as(cold + " keeps the HRNN's probability").isCloseTo(hrnn[h], withinPercentage(1e-4)).isPositive();
    }
    assertThat(combined).isNotEqualTo(hrnn);
  }

  @Test
  void items_shown_and_passed_over_lose_probability() {
    InteractionData data = interactions();
    UserPersonalizationModel without = train(data, Impressions.NONE, Metadata.EMPTY);
    UserPersonalizationModel with = train(data, impressions(data), Metadata.EMPTY);
    int i0 = with.items().indexOf("i0").orElseThrow();
    assertThat(without.offset(i0)).isZero();
    assertThat(with.offset(i0)).as("offset of the item always passed over").isLessThan(-1f);
    double pWithout = without.probabilities(UserQuery.of("u150"))[i0];
    double pWith = with.probabilities(UserQuery.of("u150"))[i0];
    assertThat(pWith).isLessThan(pWithout / 2);
    assertThat(with.shown(i0)).isEqualTo(impressions(data).size());
    assertThat(with.chosen(i0)).isZero();
  }

  @Test
  void scores_are_a_softmax_over_every_item() {
    InteractionData data = interactions();
    UserPersonalizationModel model = train(data, impressions(data), Metadata.EMPTY);
    double[] p = model.probabilities(UserQuery.of("u3"));
    assertThat(Arrays.stream(p).sum()).isCloseTo(1.0, within(FLOAT_PRECISION));
    var top = model.recommend(UserQuery.of("u3"), 5, ItemMask.ALL);
    for (int k = 0; k < top.size(); k++) {
      assertThat(top.scores()[k]).isCloseTo(p[top.items()[k]], within(1e-12));
      if (k > 0) {
        assertThat(top.scores()[k]).isLessThanOrEqualTo(top.scores()[k - 1]);
      }
    }
  }

  @Test
  void items_known_only_from_metadata_are_scored_and_young() {
    InteractionData data = interactions();
    UserPersonalizationModel model = train(data, Impressions.NONE, genres(Map.of("new1", "1")));
    int fresh = model.items().indexOf("new1").orElseThrow();
    assertThat(model.probabilities(UserQuery.of("u1"))[fresh]).isPositive();
    assertThat(model.firstSeen(fresh)).as("first seen at the latest interaction").isEqualTo(model.latestInteraction());
  }

  @Test
  void the_model_file_keeps_everything() throws Exception {
    InteractionData data = interactions();
    UserPersonalizationModel model = train(data, impressions(data), Metadata.EMPTY);
    ModelCodec codec = new ModelCodec(Map.of(RecipeCatalog.USER_PERSONALIZATION, new UserPersonalizationFormat(RecipeCatalog.USER_PERSONALIZATION)));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    codec.write(model, bytes);
    Recommender read = codec.read(new ByteArrayInputStream(bytes.toByteArray()), "test");
    UserPersonalizationModel copy = (UserPersonalizationModel) read;
    assertThat(copy.probabilities(UserQuery.of("u9"))).containsExactly(model.probabilities(UserQuery.of("u9")));
    int i0 = model.items().indexOf("i0").orElseThrow();
    assertThat(copy.shown(i0)).isEqualTo(model.shown(i0));
    assertThat(copy.offset(i0)).isEqualTo(model.offset(i0));
    assertThat(copy.explorationDefaults()).isEqualTo(new ExplorationSettings(0.3, 30));
    var settings = new ExplorationSettings(0.5, 1);
    assertThat(copy.explore(UserQuery.of("u9"), 5, ItemMask.ALL, settings, 11).ranking())
        .isEqualTo(model.explore(UserQuery.of("u9"), 5, ItemMask.ALL, settings, 11).ranking());
  }

  @Test
  void new_items_join_without_retraining_and_are_first_seen_at_their_creation() {
    InteractionData data = interactions();
    Map<String, List<String>> features = new HashMap<>();
    for (int i = 0; i < ITEMS; i++) {
      features.put("i" + i, List.of("GENRE=" + (i % 3)));
    }
    UserPersonalizationModel model = train(data, Impressions.NONE, Metadata.of(features));
    features.put("later", List.of("GENRE=2"));
    UserPersonalizationModel grown = model.withNewItems(Metadata.of(features), List.of("later"), Map.of("later", START + 10_000));
    int later = grown.items().indexOf("later").orElseThrow();
    assertThat(grown.items().size()).isEqualTo(model.items().size() + 1);
    assertThat(grown.firstSeen(later)).isEqualTo(START + 10_000);
    assertThat(Arrays.stream(grown.probabilities(UserQuery.of("u1"))).sum()).isCloseTo(1.0, within(FLOAT_PRECISION));
    assertThat(grown.withNewItems(Metadata.of(features), List.of("later"), Map.of())).isSameAs(grown);
  }
}

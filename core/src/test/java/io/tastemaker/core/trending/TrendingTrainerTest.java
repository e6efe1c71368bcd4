package io.tastemaker.core.trending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.model.ModelCodec;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.model.UserQuery;
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

class TrendingTrainerTest {
  private static final long HOUR = 3600;
  /** The start of hour-window 1000. */
  private static final long BASE = 1000 * HOUR;

  private static int user;

  private static void add(InteractionData.Builder b, String item, long window, int times) {
    for (int k = 0; k < times; k++) {
      b.add("u" + user++, item, (1000 + window) * HOUR + k, Optional.of("Watch"), Double.NaN);
    }
  }

  /**
   * Hour windows relative to window 1000, which holds the newest interaction: "steady" 5 in each of
   * -3, -2 and -1; "rising" 1 in -2 and 6 in -1; "falling" 8 in -2 and 2 in -1; "old" 20 in -10;
   * "latest" 1 in window 0, which is not over yet.
   */
  private static InteractionData data() {
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    for (long w = -3; w <= -1; w++) {
      add(b, "steady", w, 5);
    }
    add(b, "rising", -2, 1);
    add(b, "rising", -1, 6);
    add(b, "falling", -2, 8);
    add(b, "falling", -1, 2);
    add(b, "old", -10, 20);
    add(b, "latest", 0, 1);
    return b.build();
  }

  private static TrendingModel train(String frequency) {
    Map<String, String> p = RecipeCatalog.byName(RecipeCatalog.TRENDING_NOW).orElseThrow().resolve(Map.of(), Map.of("trend_discovery_frequency", frequency));
    return new TrendingTrainer().train(new TrainingInput(data(), p, 1), TrainingMonitor.NONE);
  }

  private static List<String> ids(Recommender model, Ranking r) {
    assertThat(r.scored()).isFalse();
    return Arrays.stream(r.items()).mapToObj(i -> model.items().id(i)).toList();
  }

  @Test
  void the_fastest_growing_item_leads_then_the_rest_by_popularity() {
    TrendingModel model = train("1h");
    // Compared: window -1 against -2. rising +5; steady 0; falling -6; window 0 is not over.
    assertThat(ids(model, model.recommend(UserQuery.of("anyone"), 10, i -> true))).containsExactly("rising", "old", "steady", "falling", "latest");
    assertThat(ids(model, model.recommend(UserQuery.of("anyone"), 2, i -> true))).containsExactly("rising", "old");
  }

  @Test
  void a_longer_window_sees_another_trend() {
    // Day windows: all of it lies in one day but "old" (ten hours earlier, same day too): nothing grows.
    TrendingModel model = train("1 day");
    assertThat(ids(model, model.popular(3, i -> true))).containsExactly("old", "steady", "falling");
  }

  @Test
  void streamed_interactions_move_the_trend_without_retraining() {
    TrendingModel model = train("1h");
    LiveTrending live = model.live();
    for (int k = 0; k < 4; k++) {
      live.record("latest", BASE + 100 + k);
    }
    live.record("never-trained", BASE + 200);
    assertThat(ids(live, live.recommend(UserQuery.of("u"), 10, i -> true))).as("window 0 is still open")
        .containsExactly("rising", "old", "steady", "falling", "latest");
    // An interaction in window 1 closes window 0: "latest" grew from 0 to 5 against window -1.
    live.record("steady", BASE + HOUR + 1);
    assertThat(ids(live, live.recommend(UserQuery.of("u"), 10, i -> true))).containsExactly("latest", "old", "steady", "falling", "rising");
    int latest = live.items().indexOf("latest").orElseThrow();
    assertThat(ids(live, live.recommend(UserQuery.of("u"), 2, i -> i != latest))).containsExactly("old", "steady");
    assertThat(ids(model, model.recommend(UserQuery.of("u"), 1, i -> true))).as("the trained model is unchanged").containsExactly("rising");
  }

  @Test
  void a_model_reads_back_from_its_file() throws Exception {
    TrendingModel model = train("1h");
    ModelCodec codec = new ModelCodec(Map.of(RecipeCatalog.TRENDING_NOW, new TrendingFormat()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    codec.write(model, out);
    Recommender read = codec.read(new ByteArrayInputStream(out.toByteArray()), "m");
    assertThat(read.recommend(UserQuery.of("u"), 5, i -> true)).isEqualTo(model.recommend(UserQuery.of("u"), 5, i -> true));
    assertThat(((TrendingModel) read).windowSeconds()).isEqualTo(HOUR);
  }

  @Test
  void the_frequencies_are_the_guides_and_the_recipe_takes_only_them() {
    assertThat(TrendFrequency.wireValues()).containsExactly("30 min", "1h", "3h", "1 day");
    assertThat(TrendFrequency.of("30 MIN").seconds()).isEqualTo(1800);
    assertThat(RecipeCatalog.byName(RecipeCatalog.TRENDING_NOW).orElseThrow().parameter("trend_discovery_frequency").orElseThrow().values())
        .isEqualTo(TrendFrequency.wireValues());
    assertThatThrownBy(() -> RecipeCatalog.byName(RecipeCatalog.TRENDING_NOW).orElseThrow().resolve(Map.of(), Map.of("trend_discovery_frequency", "2h")))
        .hasMessage("trend_discovery_frequency must be one of [30 min, 1h, 3h, 1 day], got 2h");
  }
}

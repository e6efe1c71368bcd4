package io.tastemaker.core.nextbestaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.ModelCodec;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.sample.PlantedActions;
import io.tastemaker.core.training.DataRequirementException;
import io.tastemaker.core.training.RecipeRegistry;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NextBestActionTrainerTest {
  private static final long END = 1_750_000_000L;
  private static final PlantedActions PLANTED = new PlantedActions(600, 4, 0.2, END, 11);
  private static final NextBestActionTrainer TRAINER = new NextBestActionTrainer(RecipeCatalog.NEXT_BEST_ACTION);

  @TempDir static Path dir;
  private static TrainingInput input;
  private static NextBestActionModel model;

  @BeforeAll
  static void train() throws Exception {
    input = PlantedActionData.input(PLANTED, dir, Map.of());
    model = TRAINER.train(input, TrainingMonitor.NONE);
  }

  @Test
  void warm_and_cold_users_get_their_planted_action_first() {
    int warmHits = 0;
    int warm = 0;
    int coldHits = 0;
    int cold = 0;
    for (int u = 0; u < PLANTED.users(); u++) {
      List<RecommendedAction> answer = model.recommendActions(PLANTED.userId(u), Map.of(), END, 3, ItemMask.ALL);
      boolean hit = model.actions().id(answer.get(0).action()).equals(PLANTED.plantedAction(u));
      if (PLANTED.cold(u)) {
        cold++;
        coldHits += hit ? 1 : 0;
      } else {
        warm++;
        warmHits += hit ? 1 : 0;
      }
    }
    // A model without users ranks the broad actions first (0.25 against 0.19 overall), so it finds none.
    assertThat((double) warmHits / warm).isGreaterThan(0.9);
    assertThat((double) coldHits / cold).as("users known only by their items").isGreaterThan(0.9);
  }

  @Test
  void scores_are_propensities_near_the_planted_rates() {
    List<RecommendedAction> answer = model.recommendActions(PLANTED.userId(0), Map.of(), END, 10, ItemMask.ALL);
    assertThat(answer.get(0).score()).isBetween(PlantedActions.PLANTED_RATE - 0.2, PlantedActions.PLANTED_RATE + 0.2);
    RecommendedAction last = answer.get(answer.size() - 1);
    assertThat(last.score()).isLessThan(0.15);
    for (int i = 1; i < answer.size(); i++) {
      assertThat(answer.get(i).score()).isLessThanOrEqualTo(answer.get(i - 1).score());
    }
  }

  @Test
  void expired_actions_are_left_out_and_a_stranger_gets_the_actions_by_overall_rate() {
    int expired = model.actions().indexOf(PlantedActions.EXPIRED);
    assertThat(model.scored(expired)).isTrue();
    List<RecommendedAction> stranger = model.recommendActions("nobody", Map.of(), END, 10, ItemMask.ALL);
    assertThat(stranger).extracting(a -> model.actions().id(a.action())).doesNotContain(PlantedActions.EXPIRED).hasSize(PLANTED.actions().size() - 1);
    assertThat(model.actions().id(stranger.get(0).action())).isIn(PlantedActions.BROAD);
    // Before it expired, it was every user's best.
    List<RecommendedAction> before = model.recommendActions(PLANTED.userId(0), Map.of(), END - 3 * 86_400, 1, ItemMask.ALL);
    assertThat(model.actions().id(before.get(0).action())).isEqualTo(PlantedActions.EXPIRED);
  }

  @Test
  void an_action_taken_within_its_repeat_frequency_is_not_recommended_again() {
    ActionCatalog withRepeat = new ActionCatalog(
        input.actions().catalog().ids(), new double[model.actions().size()], new long[] {
          ActionCatalog.NEVER, ActionCatalog.NEVER, ActionCatalog.NEVER, ActionCatalog.NEVER, ActionCatalog.NEVER, ActionCatalog.NEVER, END - 1},
        new int[] {7, 0, 0, 0, 0, 0, 0});
    NextBestActionModel repeat = TRAINER.train(input.withActions(new ActionData(withRepeat, input.actions().events())), TrainingMonitor.NONE);
    int act0 = repeat.actions().indexOf("act-0");
    // A cold user of group 0 has act-0 first until they take it; then not for 7 days.
    int user = PLANTED.users() - 4;
    assertThat(PLANTED.plantedAction(user)).isEqualTo("act-0");
    assertThat(repeat.recommendActions(PLANTED.userId(user), Map.of(), END, 1, ItemMask.ALL).get(0).action()).isEqualTo(act0);
    Map<Integer, Long> takenToday = Map.of(act0, END - 3600);
    assertThat(repeat.recommendActions(PLANTED.userId(user), takenToday, END, 10, ItemMask.ALL)).extracting(RecommendedAction::action).doesNotContain(act0);
    assertThat(repeat.recommendActions(PLANTED.userId(user), takenToday, END + 7 * 86_400, 10, ItemMask.ALL)).extracting(RecommendedAction::action).contains(act0);
  }

  @Test
  void actions_without_fifty_interactions_of_each_kind_score_zero_after_the_scored_ones() throws Exception {
    PlantedActions small = new PlantedActions(60, 4, 0.0, END, 3);
    NextBestActionModel sparse = TRAINER.train(PlantedActionData.input(small, java.nio.file.Files.createDirectories(dir.resolve("small")), Map.of()), TrainingMonitor.NONE);
    List<RecommendedAction> answer = sparse.recommendActions(small.userId(0), Map.of(), END, 10, ItemMask.ALL);
    // Only the expired action (taken by 9 in 10) reaches 50 Taken; it is expired, so every other scores 0.0.
    assertThat(answer).allSatisfy(a -> assertThat(a.score()).isZero());
  }

  @Test
  void the_model_file_reads_back_to_the_same_answers_and_training_is_seeded() throws Exception {
    ModelCodec codec = RecipeRegistry.standard().codec();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    codec.write(model, bytes);
    Recommender read = codec.read(new ByteArrayInputStream(bytes.toByteArray()), "test");
    NextBestActionModel again = TRAINER.train(input, TrainingMonitor.NONE);
    for (int u = 0; u < 50; u++) {
      List<RecommendedAction> expected = model.recommendActions(PLANTED.userId(u), Map.of(), END, 5, ItemMask.ALL);
      assertThat(((NextBestActionModel) read).recommendActions(PLANTED.userId(u), Map.of(), END, 5, ItemMask.ALL)).isEqualTo(expected);
      assertThat(again.recommendActions(PLANTED.userId(u), Map.of(), END, 5, ItemMask.ALL)).isEqualTo(expected);
    }
  }

  @Test
  void without_actions_training_fails_saying_what_is_missing() {
    assertThatThrownBy(() -> TRAINER.train(input.withActions(ActionData.NONE), TrainingMonitor.NONE))
        .isInstanceOf(DataRequirementException.class)
        .hasMessageContaining("needs an Actions dataset");
  }

  @Test
  void evaluation_holds_out_users_and_finds_their_choices_from_their_items() {
    Map<String, Double> metrics = ActionEvaluation.run(TRAINER, input, TrainingMonitor.NONE);
    assertThat(metrics.get("action_auc")).isGreaterThan(0.8);
    assertThat(metrics.get("action_precision_at_1")).isGreaterThan(0.5);
  }

  @Test
  void auc_of_a_hand_computed_case() {
    // Positives at 0.9 and 0.4, negatives at 0.5 and 0.1: 3 of the 4 pairs are ordered right.
    assertThat(ActionEvaluation.auc(List.of(new double[] {0.9, 1}, new double[] {0.4, 1}, new double[] {0.5, 0}, new double[] {0.1, 0})).getAsDouble())
        .isEqualTo(3.0 / 4);
  }
}

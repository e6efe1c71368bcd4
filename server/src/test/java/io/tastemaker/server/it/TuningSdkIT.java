package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tastemaker.server.testing.GenreShop;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.Schemas;
import io.tastemaker.server.testing.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.CategoricalHyperParameterRange;
import software.amazon.awssdk.services.personalize.model.HPOConfig;
import software.amazon.awssdk.services.personalize.model.IntegerHyperParameterRange;
import software.amazon.awssdk.services.personalize.model.InvalidInputException;
import software.amazon.awssdk.services.personalize.model.SolutionVersion;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;
import software.amazon.awssdk.services.personalizeruntime.model.PredictedItem;

/**
 * Hyperparameter optimisation and AutoML through the AWS SDK for Java v2: the search runs and reports
 * what it tuned; AutoML trains its recipes and reports the one it chose.
 */
class TuningSdkIT {
  @TempDir Path dir;

  private static String unique(String prefix) {
    return Workflow.unique(prefix);
  }

  @Test
  void perform_auto_ml_trains_each_recipe_and_reports_the_best_one() throws Exception {
    try (RunningServer server = RunningServer.start(dir.resolve("data"));
        PersonalizeClient p = server.personalize();
        PersonalizeRuntimeClient runtime = server.runtime()) {
      String group = Workflow.activeGroup(p, "automl");
      Path csv = Files.createDirectories(dir.resolve("csv"));
      Workflow.importInto(p, group, "Interactions", Schemas.INTERACTIONS, GenreShop.generate().writeInteractions(csv.resolve("interactions.csv")));
      Workflow.importInto(p, group, "Items", Schemas.ITEMS, GenreShop.writeItems(csv.resolve("items.csv")));
      List<String> recipes = List.of("arn:aws:personalize:::recipe/aws-hrnn", "arn:aws:personalize:::recipe/aws-hrnn-metadata");
      String solution = p.createSolution(r -> r.name(unique("auto")).datasetGroupArn(group).performAutoML(true)
          .solutionConfig(c -> c.autoMLConfig(a -> a.metricName("normalized_discounted_cumulative_gain_at_10").recipeList(recipes)))).solutionArn();
      SolutionVersion trained = Workflow.trainedVersion(p, solution);
      String best = p.describeSolution(r -> r.solutionArn(solution)).solution().autoMLResult().bestRecipeArn();
      assertThat(best).isIn(recipes);
      assertThat(trained.recipeArn()).isEqualTo(best);
      String campaign = Workflow.activeCampaign(p, trained.solutionVersionArn());
      List<PredictedItem> items = runtime.getRecommendations(r -> r.campaignArn(campaign).userId("user-001").numResults(500)).itemList();
      assertThat(items.stream().mapToDouble(PredictedItem::score).sum()).as("an HRNN answer: every item's score, summing to 1").isCloseTo(1.0, within(1e-6));
    }
  }

  @Test
  void perform_hpo_trains_each_trial_and_reports_the_tuned_values_within_their_ranges() throws Exception {
    try (RunningServer server = RunningServer.start(dir.resolve("data"));
        PersonalizeClient p = server.personalize()) {
      String group = Workflow.activeGroup(p, "hpo");
      Path csv = GenreShop.generate().writeInteractions(Files.createDirectories(dir.resolve("csv")).resolve("interactions.csv"));
      Workflow.importInto(p, group, "Interactions", Schemas.INTERACTIONS, csv);

      HPOConfig hpo = HPOConfig.builder()
          .hpoObjective(o -> o.type("Maximize").metricName("normalized_discounted_cumulative_gain_at_10"))
          .hpoResourceConfig(r -> r.maxNumberOfTrainingJobs("3").maxParallelTrainingJobs("1"))
          .algorithmHyperParameterRanges(r -> r
              .integerHyperParameterRanges(
                  IntegerHyperParameterRange.builder().name("hidden_dimension").minValue(32).maxValue(48).build(),
                  IntegerHyperParameterRange.builder().name("bptt").minValue(4).maxValue(8).build())
              .categoricalHyperParameterRanges(CategoricalHyperParameterRange.builder().name("recency_mask").values("true", "false").build()))
          .build();
      String solution = p.createSolution(r -> r.name(unique("sol")).datasetGroupArn(group).recipeArn("arn:aws:personalize:::recipe/aws-hrnn").performHPO(true)
          .solutionConfig(c -> c.hpoConfig(hpo).algorithmHyperParameters(Map.of("epochs", "4", "batch_size", "32", "threads", "2")))).solutionArn();
      SolutionVersion trained = Workflow.trainedVersion(p, solution);
      String version = trained.solutionVersionArn();
      assertThat(trained.performHPO()).isTrue();
      Map<String, String> tuned = trained.tunedHPOParams().algorithmHyperParameters();
      assertThat(tuned).containsOnlyKeys("hidden_dimension", "bptt", "recency_mask");
      assertThat(Integer.parseInt(tuned.get("hidden_dimension"))).isBetween(32, 48);
      assertThat(Integer.parseInt(tuned.get("bptt"))).isBetween(4, 8);
      assertThat(tuned.get("recency_mask")).isIn("true", "false");
      assertThat(p.getSolutionMetrics(r -> r.solutionVersionArn(version)).metrics()).containsKey("normalized_discounted_cumulative_gain_at_10");

      assertThatThrownBy(() -> p.createSolution(r -> r.name(unique("bad")).datasetGroupArn(group).recipeArn("arn:aws:personalize:::recipe/aws-hrnn").performHPO(true)
              .solutionConfig(c -> c.hpoConfig(h -> h.hpoResourceConfig(res -> res.maxNumberOfTrainingJobs("41"))))))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("maxNumberOfTrainingJobs").hasMessageContaining("41");
      assertThatThrownBy(() -> p.createSolution(r -> r.name(unique("bad")).datasetGroupArn(group).recipeArn("arn:aws:personalize:::recipe/aws-hrnn").performHPO(true)
              .solutionConfig(c -> c.hpoConfig(h -> h.hpoObjective(o -> o.metricName("accuracy"))))))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("accuracy");
    }
  }
}

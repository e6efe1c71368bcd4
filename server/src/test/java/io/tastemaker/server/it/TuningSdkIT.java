package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.GenreShop;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.Schemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
  private static final Duration WAIT = Duration.ofSeconds(60);
  @TempDir Path dir;

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void perform_auto_ml_trains_each_recipe_and_reports_the_best_one() throws Exception {
    try (RunningServer server = RunningServer.start(dir.resolve("data"));
        PersonalizeClient p = server.personalize();
        PersonalizeRuntimeClient runtime = server.runtime()) {
      String group = p.createDatasetGroup(r -> r.name(unique("automl"))).datasetGroupArn();
      Await.finalStatus(() -> p.describeDatasetGroup(r -> r.datasetGroupArn(group)).datasetGroup().status(), WAIT);
      Path csv = Files.createDirectories(dir.resolve("csv"));
      importInto(p, group, "Interactions", Schemas.INTERACTIONS, GenreShop.generate().writeInteractions(csv.resolve("interactions.csv")));
      importInto(p, group, "Items", Schemas.ITEMS, GenreShop.writeItems(csv.resolve("items.csv")));
      List<String> recipes = List.of("arn:aws:personalize:::recipe/aws-hrnn", "arn:aws:personalize:::recipe/aws-hrnn-metadata");
      String solution = p.createSolution(r -> r.name(unique("auto")).datasetGroupArn(group).performAutoML(true)
          .solutionConfig(c -> c.autoMLConfig(a -> a.metricName("normalized_discounted_cumulative_gain_at_10").recipeList(recipes)))).solutionArn();
      Await.finalStatus(() -> p.describeSolution(r -> r.solutionArn(solution)).solution().status(), WAIT);
      String version = p.createSolutionVersion(r -> r.solutionArn(solution)).solutionVersionArn();
      Await.finalStatus(() -> p.describeSolutionVersion(r -> r.solutionVersionArn(version)).solutionVersion().status(), Duration.ofMinutes(5));
      SolutionVersion trained = p.describeSolutionVersion(r -> r.solutionVersionArn(version)).solutionVersion();
      assertThat(trained.status()).as(trained.failureReason()).isEqualTo("ACTIVE");
      String best = p.describeSolution(r -> r.solutionArn(solution)).solution().autoMLResult().bestRecipeArn();
      assertThat(best).isIn(recipes);
      assertThat(trained.recipeArn()).isEqualTo(best);
      String campaign = p.createCampaign(r -> r.name(unique("camp")).solutionVersionArn(version)).campaignArn();
      Await.finalStatus(() -> p.describeCampaign(r -> r.campaignArn(campaign)).campaign().status(), WAIT);
      List<PredictedItem> items = runtime.getRecommendations(r -> r.campaignArn(campaign).userId("user-001").numResults(500)).itemList();
      assertThat(items.stream().mapToDouble(PredictedItem::score).sum()).as("an HRNN answer: every item's score, summing to 1").isCloseTo(1.0, within(1e-6));
    }
  }

  private static void importInto(PersonalizeClient p, String group, String type, String schemaText, Path file) {
    String schema = p.createSchema(r -> r.name(unique("schema")).schema(schemaText)).schemaArn();
    String dataset = p.createDataset(r -> r.name(unique("ds")).datasetGroupArn(group).datasetType(type).schemaArn(schema)).datasetArn();
    Await.finalStatus(() -> p.describeDataset(r -> r.datasetArn(dataset)).dataset().status(), WAIT);
    String job = p.createDatasetImportJob(r -> r.jobName(unique("import")).datasetArn(dataset).dataSource(s -> s.dataLocation(file.toUri().toString())))
        .datasetImportJobArn();
    assertThat(Await.finalStatus(() -> p.describeDatasetImportJob(r -> r.datasetImportJobArn(job)).datasetImportJob().status(), WAIT)).isEqualTo("ACTIVE");
  }

  @Test
  void perform_hpo_trains_each_trial_and_reports_the_tuned_values_within_their_ranges() throws Exception {
    try (RunningServer server = RunningServer.start(dir.resolve("data"));
        PersonalizeClient p = server.personalize()) {
      String group = p.createDatasetGroup(r -> r.name(unique("hpo"))).datasetGroupArn();
      Await.finalStatus(() -> p.describeDatasetGroup(r -> r.datasetGroupArn(group)).datasetGroup().status(), WAIT);
      String schema = p.createSchema(r -> r.name(unique("schema")).schema(Schemas.INTERACTIONS)).schemaArn();
      String dataset = p.createDataset(r -> r.name(unique("ds")).datasetGroupArn(group).datasetType("Interactions").schemaArn(schema)).datasetArn();
      Await.finalStatus(() -> p.describeDataset(r -> r.datasetArn(dataset)).dataset().status(), WAIT);
      Path csv = GenreShop.generate().writeInteractions(Files.createDirectories(dir.resolve("csv")).resolve("interactions.csv"));
      String job = p.createDatasetImportJob(r -> r.jobName(unique("import")).datasetArn(dataset).dataSource(s -> s.dataLocation(csv.toUri().toString())))
          .datasetImportJobArn();
      assertThat(Await.finalStatus(() -> p.describeDatasetImportJob(r -> r.datasetImportJobArn(job)).datasetImportJob().status(), WAIT)).isEqualTo("ACTIVE");

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
      Await.finalStatus(() -> p.describeSolution(r -> r.solutionArn(solution)).solution().status(), WAIT);
      String version = p.createSolutionVersion(r -> r.solutionArn(solution)).solutionVersionArn();
      Await.finalStatus(() -> p.describeSolutionVersion(r -> r.solutionVersionArn(version)).solutionVersion().status(), Duration.ofMinutes(5));
      SolutionVersion trained = p.describeSolutionVersion(r -> r.solutionVersionArn(version)).solutionVersion();
      assertThat(trained.status()).as(trained.failureReason()).isEqualTo("ACTIVE");
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

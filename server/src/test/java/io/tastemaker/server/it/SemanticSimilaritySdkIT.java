package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.PlantedCatalogue;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.Schemas;
import io.tastemaker.server.testing.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.BatchInferenceJob;
import software.amazon.awssdk.services.personalize.model.InvalidInputException;
import software.amazon.awssdk.services.personalize.model.Recipe;
import software.amazon.awssdk.services.personalize.model.SolutionVersion;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;
import software.amazon.awssdk.services.personalizeruntime.model.PredictedItem;

/**
 * aws-semantic-similarity through the AWS SDK for Java v2 on {@link PlantedCatalogue}: a group with
 * the Items dataset and interactions on two thirds of the items, a group with the Items dataset alone,
 * and one whose Items dataset has no textual field. Checks the recipe's description and its
 * hyperparameter check, similar items of items nobody interacted with, CurrentItem filters,
 * GetSolutionMetrics, a batch job of itemId lines, training without interactions and the failure
 * without text.
 */
class SemanticSimilaritySdkIT {
  private static final String RECIPE = "arn:aws:personalize:::recipe/aws-semantic-similarity";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static RunningServer server;
  private static PersonalizeClient personalize;
  private static PersonalizeRuntimeClient runtime;
  private static Path dir;
  private static String group;
  private static String version;
  private static String campaign;

  @BeforeAll
  static void deploy() throws Exception {
    server = RunningServer.start();
    personalize = server.personalize();
    runtime = server.runtime();
    dir = Files.createDirectories(server.localData().resolve("semantic"));
    group = Workflow.activeGroup(personalize, "semantic");
    Workflow.importInto(personalize, group, "Interactions", Schemas.INTERACTIONS, PlantedCatalogue.writeInteractions(dir.resolve("interactions.csv")));
    Workflow.importInto(personalize, group, "Items", PlantedCatalogue.ITEMS_SCHEMA, PlantedCatalogue.writeItems(dir.resolve("items.csv"), true));
    version = Workflow.trainedVersion(personalize, group, "aws-semantic-similarity", Map.of("embedding_dimension", "8"));
    campaign = Workflow.activeCampaign(personalize, version);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      runtime.close();
      personalize.close();
      server.close();
    }
  }

  private static List<String> top(String campaignArn, String item, int n, String filter) {
    List<PredictedItem> items = runtime.getRecommendations(r -> r.campaignArn(campaignArn).itemId(item).numResults(n).filterArn(filter)).itemList();
    assertThat(items).allSatisfy(i -> assertThat(i.score()).isNull());
    return items.stream().map(PredictedItem::itemId).toList();
  }

  private static long inTopic(List<String> items, String topic) {
    return items.stream().filter(i -> PlantedCatalogue.topicOf(i).equals(topic)).count();
  }

  @Test
  void the_recipe_is_described_with_its_arns_and_checked_hyperparameters() {
    Recipe recipe = personalize.describeRecipe(r -> r.recipeArn(RECIPE)).recipe();
    assertThat(recipe.recipeType()).isEqualTo("RELATED_ITEMS");
    assertThat(recipe.algorithmArn()).isEqualTo("arn:aws:personalize:::algorithm/aws-semantic-similarity");
    assertThat(recipe.featureTransformationArn()).isEqualTo("arn:aws:personalize:::feature-transformation/semantic-similarity");
    var algorithm = personalize.describeAlgorithm(r -> r.algorithmArn(recipe.algorithmArn())).algorithm();
    assertThat(algorithm.defaultHyperParameters()).containsEntry("embedding_dimension", "64");
    assertThatThrownBy(
            () -> personalize.createSolution(r -> r.name(Workflow.unique("bad")).datasetGroupArn(group).recipeArn(RECIPE)
                .solutionConfig(c -> c.algorithmHyperParameters(Map.of("embedding_dimension", "1")))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("embedding_dimension must be in [2, 512], got 1");
  }

  @Test
  void items_nobody_interacted_with_get_items_of_their_topic() {
    long alike = 0;
    for (int t = 0; t < PlantedCatalogue.TOPICS.size(); t++) {
      for (int k = 10; k < PlantedCatalogue.PER_TOPIC; k++) {
        String cold = PlantedCatalogue.itemId(t, k);
        List<String> answer = top(campaign, cold, 10, null);
        assertThat(answer).hasSize(10).doesNotContain(cold);
        alike += inTopic(answer, PlantedCatalogue.TOPICS.get(t));
      }
    }
    // 30 cold items x 10 answers; a topic is a third of the catalogue, so chance gives about 90.
    assertThat(alike).isGreaterThanOrEqualTo(270);
  }

  @Test
  void current_item_filters_test_the_query_item() {
    String otherBrands = personalize.createFilter(r -> r.name(Workflow.unique("brand")).datasetGroupArn(group)
        .filterExpression("EXCLUDE ItemID WHERE Items.BRAND IN CurrentItem.BRAND")).filterArn();
    Await.finalStatus(() -> personalize.describeFilter(r -> r.filterArn(otherBrands)).filter().status(), Workflow.WAIT);
    List<String> unfiltered = top(campaign, "garden-15", 40, null);
    List<String> filtered = top(campaign, "garden-15", 10, otherBrands);
    assertThat(filtered).hasSize(10);
    String brand = brandOf("garden-15");
    assertThat(filtered).noneSatisfy(i -> assertThat(brandOf(i)).isEqualTo(brand));
    assertThat(unfiltered).anySatisfy(i -> assertThat(brandOf(i)).isEqualTo(brand));
  }

  private static String brandOf(String item) {
    try {
      return Files.readAllLines(dir.resolve("items.csv")).stream().filter(l -> l.startsWith(item + ",")).findFirst().orElseThrow().split(",")[1];
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void solution_metrics_are_those_of_a_related_items_recipe() {
    Map<String, Double> metrics = personalize.getSolutionMetrics(r -> r.solutionVersionArn(version)).metrics();
    assertThat(metrics).containsKeys("coverage", "mean_reciprocal_rank_at_25", "normalized_discounted_cumulative_gain_at_10", "precision_at_5", "precision_at_25");
  }

  @Test
  void a_batch_job_answers_item_id_lines() throws Exception {
    Path in = Files.createDirectories(server.localData().resolve("semantic-batch-in"));
    List<String> items = List.of("kitchen-12", "camping-03", "nobody-knows-this");
    Files.writeString(in.resolve("items.json"), String.join("\n", items.stream().map(i -> "{\"itemId\": \"" + i + "\"}").toList()) + "\n");
    Path out = server.localData().resolve("semantic-batch-out");
    String arn = personalize.createBatchInferenceJob(r -> r.jobName(Workflow.unique("job")).solutionVersionArn(version).numResults(5)
        .roleArn("arn:aws:iam::000000000000:role/batch")
        .jobInput(i -> i.s3DataSource(s -> s.path(in.toUri().toString()))).jobOutput(o -> o.s3DataDestination(s -> s.path(out.toUri().toString())))).batchInferenceJobArn();
    Await.finalStatus(() -> personalize.describeBatchInferenceJob(r -> r.batchInferenceJobArn(arn)).batchInferenceJob().status(), Workflow.WAIT);
    BatchInferenceJob job = personalize.describeBatchInferenceJob(r -> r.batchInferenceJobArn(arn)).batchInferenceJob();
    assertThat(job.status()).as(job.failureReason()).isEqualTo("ACTIVE");
    List<String> lines = Files.readAllLines(out.resolve("items.json.out"));
    assertThat(lines).hasSize(items.size());
    for (int k = 0; k < items.size(); k++) {
      JsonNode line = JSON.readTree(lines.get(k));
      assertThat(line.get("input").get("itemId").asText()).isEqualTo(items.get(k));
      List<String> recommended = new ArrayList<>();
      line.get("output").get("recommendedItems").forEach(v -> recommended.add(v.asText()));
      assertThat(recommended).as(items.get(k)).hasSize(5);
      if (k < 2) {
        assertThat(recommended).isEqualTo(top(campaign, items.get(k), 5, null));
      }
    }
  }

  @Test
  void the_items_dataset_alone_trains_and_serves_without_metrics() throws Exception {
    String itemsOnly = Workflow.activeGroup(personalize, "semantic-items-only");
    Workflow.importInto(personalize, itemsOnly, "Items", PlantedCatalogue.ITEMS_SCHEMA, PlantedCatalogue.writeItems(dir.resolve("items-only.csv"), true));
    String trained = Workflow.trainedVersion(personalize, itemsOnly, "aws-semantic-similarity", Map.of("embedding_dimension", "8"));
    assertThat(personalize.getSolutionMetrics(r -> r.solutionVersionArn(trained)).metrics()).isEmpty();
    String deployed = Workflow.activeCampaign(personalize, trained);
    assertThat(inTopic(top(deployed, "camping-17", 10, null), "camping")).isGreaterThanOrEqualTo(9);
  }

  @Test
  void an_items_dataset_without_text_fails_training_saying_so() throws Exception {
    String untexted = Workflow.activeGroup(personalize, "semantic-no-text");
    Workflow.importInto(personalize, untexted, "Items", PlantedCatalogue.UNTEXTED_SCHEMA, PlantedCatalogue.writeItems(dir.resolve("untexted.csv"), false));
    String solution = personalize.createSolution(r -> r.name(Workflow.unique("sol")).datasetGroupArn(untexted).recipeArn(RECIPE)).solutionArn();
    Await.finalStatus(() -> personalize.describeSolution(r -> r.solutionArn(solution)).solution().status(), Workflow.WAIT);
    String failed = personalize.createSolutionVersion(r -> r.solutionArn(solution)).solutionVersionArn();
    Await.finalStatus(() -> personalize.describeSolutionVersion(r -> r.solutionVersionArn(failed)).solutionVersion().status(), Workflow.TRAINING);
    SolutionVersion described = personalize.describeSolutionVersion(r -> r.solutionVersionArn(failed)).solutionVersion();
    assertThat(described.status()).isEqualTo("CREATE FAILED");
    assertThat(described.failureReason()).contains("aws-semantic-similarity").contains("\"textual\": true");
  }
}

package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.GenreShop;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.Schemas;
import io.tastemaker.server.testing.Workflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.BatchInferenceJob;
import software.amazon.awssdk.services.personalize.model.InvalidInputException;
import software.amazon.awssdk.services.personalize.model.Recipe;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;
import software.amazon.awssdk.services.personalizeruntime.model.GetRecommendationsRequest;
import software.amazon.awssdk.services.personalizeruntime.model.PredictedItem;
import software.amazon.awssdk.services.personalizeruntime.model.Promotion;

/**
 * aws-similar-items through the AWS SDK for Java v2 on the genre shop ({@link GenreShop}): 120 movies
 * watched in runs of one genre and 120 new movies only the Items dataset knows. Items carry a
 * categorical GENRES and a textual DESCRIPTION made of words of their genre and words every item
 * has; new-060..new-119 have no GENRES, only the text. Checks the recipe's description, its
 * hyperparameter checks, cold items answered and answering by their metadata (where aws-sims, trained
 * on the same group, can only give popular movies), CurrentItem filters, promotions, metadata columns,
 * GetSolutionMetrics and a batch job of itemId lines.
 */
class SimilarItemsSdkIT {
  private static final String RECIPES = "arn:aws:personalize:::recipe/";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ITEMS_SCHEMA =
      """
      {"type":"record","name":"Items","namespace":"com.amazonaws.personalize.schema","fields":[
        {"name":"ITEM_ID","type":"string"},
        {"name":"GENRES","type":["null","string"],"categorical":true},
        {"name":"DESCRIPTION","type":["null","string"],"textual":true},
        {"name":"CREATION_TIMESTAMP","type":"long"}],"version":"1.0"}""";
  /** Five words of each genre's descriptions, in GenreShop.GENRES order. */
  private static final List<List<String>> WORDS =
      List.of(
          List.of("explosions", "chase", "heist", "mercenary", "showdown"),
          List.of("wedding", "hilarious", "prank", "roommates", "mixup"),
          List.of("archival", "interviews", "expedition", "wildlife", "history"),
          List.of("grief", "family", "courtroom", "betrayal", "redemption"),
          List.of("haunted", "ghost", "slasher", "cursed", "possession"),
          List.of("spaceship", "android", "galaxy", "timeline", "alien"));

  private static RunningServer server;
  private static PersonalizeClient personalize;
  private static PersonalizeRuntimeClient runtime;
  private static String group;
  private static String similarVersion;
  private static String similar;
  private static String withMetadata;
  private static String sims;
  private static String genreFilter;

  @BeforeAll
  static void deploy() throws Exception {
    server = RunningServer.start();
    personalize = server.personalize();
    runtime = server.runtime();
    Path dir = Files.createDirectories(server.localData().resolve("similar"));
    group = Workflow.activeGroup(personalize, "similar");
    Workflow.importInto(personalize, group, "Interactions", Schemas.INTERACTIONS, GenreShop.generate().writeInteractions(dir.resolve("interactions.csv")));
    Workflow.importInto(personalize, group, "Items", ITEMS_SCHEMA, writeItems(dir.resolve("items.csv")));
    similarVersion = Workflow.trainedVersion(personalize, group, "aws-similar-items", Map.of());
    similar = Workflow.activeCampaign(personalize, similarVersion);
    withMetadata = campaign(similarVersion, c -> c.enableMetadataWithRecommendations(true));
    sims = Workflow.deployed(personalize, group, "aws-sims", Map.of());
    genreFilter = personalize.createFilter(r -> r.name(Workflow.unique("genre")).datasetGroupArn(group).filterExpression("INCLUDE ItemID WHERE Items.GENRES IN ($GENRE)"))
        .filterArn();
    Await.finalStatus(() -> personalize.describeFilter(r -> r.filterArn(genreFilter)).filter().status(), Workflow.WAIT);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      runtime.close();
      personalize.close();
      server.close();
    }
  }

  /** Every movie and new movie with three words of its genre and two every item has; new-060 on without GENRES. */
  private static Path writeItems(Path file) throws IOException {
    StringBuilder csv = new StringBuilder("ITEM_ID,GENRES,DESCRIPTION,CREATION_TIMESTAMP\n");
    List<String> all = new ArrayList<>(GenreShop.movies());
    all.addAll(GenreShop.newMovies());
    for (String id : all) {
      int n = Integer.parseInt(id.substring(id.indexOf('-') + 1));
      List<String> words = WORDS.get(n / GenreShop.PER_GENRE);
      String description = "A film about " + words.get(n % 5) + ", " + words.get((n + 1) % 5) + " and " + words.get((n + 3) % 5) + ": the story";
      boolean textOnly = id.startsWith("new-") && n >= 60;
      csv.append(id).append(',').append(textOnly ? "" : GenreShop.genreOf(id)).append(",\"").append(description).append("\",").append(GenreShop.BASE).append('\n');
    }
    return Files.writeString(file, csv);
  }

  private static String campaign(String version, Consumer<software.amazon.awssdk.services.personalize.model.CampaignConfig.Builder> config) {
    String arn = personalize.createCampaign(r -> r.name(Workflow.unique("camp")).solutionVersionArn(version).campaignConfig(config)).campaignArn();
    assertThat(Await.finalStatus(() -> personalize.describeCampaign(r -> r.campaignArn(arn)).campaign().status(), Workflow.WAIT)).isEqualTo("ACTIVE");
    return arn;
  }

  private static List<PredictedItem> related(Consumer<GetRecommendationsRequest.Builder> request) {
    return runtime.getRecommendations(request).itemList();
  }

  private static List<String> ids(List<PredictedItem> items) {
    return items.stream().map(PredictedItem::itemId).toList();
  }

  private static List<String> top(String campaign, String item, int n) {
    return ids(related(r -> r.campaignArn(campaign).itemId(item).numResults(n)));
  }

  private static long ofGenre(List<String> items, String genre) {
    return items.stream().filter(i -> GenreShop.genreOf(i).equals(genre)).count();
  }

  @Test
  void the_recipe_is_described_with_its_arns_and_checked_hyperparameters() {
    Recipe recipe = personalize.describeRecipe(r -> r.recipeArn(RECIPES + "aws-similar-items")).recipe();
    assertThat(recipe.recipeType()).isEqualTo("RELATED_ITEMS");
    assertThat(recipe.algorithmArn()).isEqualTo("arn:aws:personalize:::algorithm/aws-similar-items");
    assertThat(recipe.featureTransformationArn()).isEqualTo("arn:aws:personalize:::feature-transformation/similar-items");
    var algorithm = personalize.describeAlgorithm(r -> r.algorithmArn(recipe.algorithmArn())).algorithm();
    assertThat(algorithm.defaultHyperParameters())
        .containsEntry("item_id_hidden_dim", "100").containsEntry("item_metadata_hidden_dim", "100").containsEntry("popularity_discount_factor", "0.0");
    assertThatThrownBy(
            () -> personalize.createSolution(r -> r.name(Workflow.unique("bad")).datasetGroupArn(group).recipeArn(RECIPES + "aws-similar-items")
                .solutionConfig(c -> c.algorithmHyperParameters(Map.of("item_id_hidden_dim", "500")))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("item_id_hidden_dim must be in [30, 200], got 500");
  }

  @Test
  void cold_items_get_similar_items_of_their_genre_where_aws_sims_gives_popular_ones() {
    long similarShare = 0;
    long simsShare = 0;
    for (int g = 0; g < 3; g++) {
      String cold = GenreShop.newMovieId(g * GenreShop.PER_GENRE + 5);
      String genre = GenreShop.genreOf(cold);
      List<PredictedItem> answer = related(r -> r.campaignArn(similar).itemId(cold).numResults(10));
      assertThat(answer).hasSize(10).allSatisfy(i -> assertThat(i.score()).isNull());
      assertThat(ids(answer)).doesNotContain(cold);
      similarShare += ofGenre(ids(answer), genre);
      simsShare += ofGenre(top(sims, cold, 10), genre);
    }
    assertThat(similarShare).isEqualTo(30);
    assertThat(simsShare).isLessThan(15);
  }

  @Test
  void text_alone_makes_cold_items_similar() {
    // new-070 is a Drama without GENRES: only its description's words say so.
    assertThat(top(similar, "new-070", 10)).hasSize(10).allSatisfy(i -> assertThat(GenreShop.genreOf(i)).isEqualTo("Drama"));
  }

  @Test
  void cold_items_are_similar_items_of_warm_ones() {
    List<String> answer = top(similar, "movie-045", 25);
    assertThat(ofGenre(answer, "Documentary")).isGreaterThanOrEqualTo(20);
    assertThat(answer).anySatisfy(i -> assertThat(i).startsWith("new-04"));
  }

  @Test
  void current_item_filters_test_the_query_item() {
    String sameGenre = personalize.createFilter(r -> r.name(Workflow.unique("same")).datasetGroupArn(group)
        .filterExpression("EXCLUDE ItemID WHERE Items.GENRES IN CurrentItem.GENRES")).filterArn();
    Await.finalStatus(() -> personalize.describeFilter(r -> r.filterArn(sameGenre)).filter().status(), Workflow.WAIT);
    List<String> others = ids(related(r -> r.campaignArn(similar).itemId("new-005").numResults(10).filterArn(sameGenre)));
    assertThat(others).hasSize(10).noneSatisfy(i -> assertThat(GenreShop.genreOf(i)).isEqualTo("Action"));
  }

  @Test
  void promotions_and_metadata_columns_apply_as_for_aws_sims() {
    List<PredictedItem> answer = related(r -> r.campaignArn(withMetadata).itemId("new-005").numResults(10)
        .metadataColumns(Map.of("ITEMS", List.of("GENRES")))
        .promotions(Promotion.builder().name("horror-night").percentPromotedItems(20).filterArn(genreFilter).filterValues(Map.of("GENRE", "\"Horror\"")).build()));
    assertThat(answer).hasSize(10);
    List<PredictedItem> promoted = answer.stream().filter(i -> "horror-night".equals(i.promotionName())).toList();
    assertThat(promoted).hasSize(2).allSatisfy(i -> assertThat(i.metadata()).containsEntry("GENRES", "Horror"));
    assertThat(answer.stream().filter(i -> i.promotionName() == null)).hasSize(8).allSatisfy(i -> assertThat(i.metadata()).containsEntry("GENRES", "Action"));
  }

  @Test
  void an_unknown_item_gets_popular_items() {
    assertThat(top(similar, "nobody-knows-this", 10)).hasSize(10).doesNotHaveDuplicates();
  }

  @Test
  void solution_metrics_are_those_of_a_related_items_recipe() {
    Map<String, Double> metrics = personalize.getSolutionMetrics(r -> r.solutionVersionArn(similarVersion)).metrics();
    assertThat(metrics).containsKeys("coverage", "mean_reciprocal_rank_at_25", "normalized_discounted_cumulative_gain_at_10", "precision_at_5", "precision_at_25");
    assertThat(metrics.get("precision_at_5")).isGreaterThan(0.0);
  }

  @Test
  void a_batch_job_answers_item_id_lines() throws Exception {
    Path in = Files.createDirectories(server.localData().resolve("similar-batch-in"));
    List<String> items = List.of("new-025", "movie-045", "new-090", "nobody-knows-this");
    Files.writeString(in.resolve("items.json"), String.join("\n", items.stream().map(i -> "{\"itemId\": \"" + i + "\"}").toList()) + "\n");
    Path out = server.localData().resolve("similar-batch-out");
    String arn = personalize.createBatchInferenceJob(r -> r.jobName(Workflow.unique("job")).solutionVersionArn(similarVersion).numResults(5)
        .roleArn("arn:aws:iam::000000000000:role/batch")
        .jobInput(i -> i.s3DataSource(s -> s.path(in.toUri().toString()))).jobOutput(o -> o.s3DataDestination(s -> s.path(out.toUri().toString())))).batchInferenceJobArn();
    Await.finalStatus(() -> personalize.describeBatchInferenceJob(r -> r.batchInferenceJobArn(arn)).batchInferenceJob().status(), Workflow.WAIT);
    BatchInferenceJob job = personalize.describeBatchInferenceJob(r -> r.batchInferenceJobArn(arn)).batchInferenceJob();
    assertThat(job.status()).as(job.failureReason()).isEqualTo("ACTIVE");
    List<String> lines = Files.readAllLines(out.resolve("items.json.out"));
    assertThat(lines).hasSize(items.size());
    for (int k = 0; k < items.size(); k++) {
      JsonNode line = JSON.readTree(lines.get(k));
      String item = items.get(k);
      assertThat(line.get("input").get("itemId").asText()).isEqualTo(item);
      List<String> recommended = new ArrayList<>();
      line.get("output").get("recommendedItems").forEach(v -> recommended.add(v.asText()));
      assertThat(recommended).as(item).hasSize(5);
      assertThat(line.get("output").has("scores")).isFalse();
      if (!item.startsWith("nobody")) {
        assertThat(recommended).as(item).isEqualTo(top(similar, item, 5));
      }
    }
    assertThat(ofGenre(top(similar, "new-025", 5), "Comedy")).isEqualTo(5);
  }
}

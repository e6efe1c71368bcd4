package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tastemaker.server.store.Database;
import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.GenreShop;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.Recipe;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeevents.model.Event;
import software.amazon.awssdk.services.personalizeevents.model.Item;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;
import software.amazon.awssdk.services.personalizeruntime.model.GetRecommendationsResponse;
import software.amazon.awssdk.services.personalizeruntime.model.PredictedItem;

/**
 * aws-user-personalization through the AWS SDK for Java v2 on the genre shop ({@link GenreShop}):
 * movies created 200 days before its interactions, new movies created 30 days after them (young,
 * known only from the Items dataset), and an IMPRESSION column in which {@link #DUD} is shown beside
 * every choice and never chosen. The server refreshes its campaigns' new items every second.
 */
class UserPersonalizationSdkIT {
  private static final String RECIPE = "arn:aws:personalize:::recipe/aws-user-personalization";
  /** Shown in every impression, chosen in none. */
  private static final String DUD = "movie-007";
  private static final String INTERACTIONS_SCHEMA =
      """
      {"type":"record","name":"Interactions","namespace":"com.amazonaws.personalize.schema","fields":[
        {"name":"USER_ID","type":"string"},
        {"name":"ITEM_ID","type":"string"},
        {"name":"EVENT_TYPE","type":"string"},
        {"name":"TIMESTAMP","type":"long"},
        {"name":"IMPRESSION","type":["null","string"]}],"version":"1.0"}""";
  private static final String ITEMS_SCHEMA =
      """
      {"type":"record","name":"Items","namespace":"com.amazonaws.personalize.schema","fields":[
        {"name":"ITEM_ID","type":"string"},
        {"name":"GENRES","type":["null","string"],"categorical":true},
        {"name":"CREATION_TIMESTAMP","type":"long"}],"version":"1.0"}""";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final GenreShop SHOP = GenreShop.generate();

  private static RunningServer server;
  private static PersonalizeClient personalize;
  private static PersonalizeRuntimeClient runtime;
  private static PersonalizeEventsClient events;
  private static String group;
  private static String itemsDataset;
  private static String solution;
  private static String version;
  private static String relevance;
  private static String exploring;
  private static String withoutImpressions;

  @BeforeAll
  static void trainAndDeploy() throws Exception {
    Path dataDir = Files.createTempDirectory("tastemaker-it").resolve("data");
    server = RunningServer.start(RunningServer.config(dataDir).withNewItemsInterval(Duration.ofSeconds(1)));
    personalize = server.personalize();
    runtime = server.runtime();
    events = server.events();
    Path dir = Files.createDirectories(server.localData().resolve("fixture"));
    group = Workflow.activeGroup(personalize, "up");
    Workflow.importInto(personalize, group, "Interactions", INTERACTIONS_SCHEMA, writeInteractions(dir.resolve("interactions.csv"), true));
    itemsDataset = Workflow.importInto(personalize, group, "Items", ITEMS_SCHEMA, GenreShop.writeItems(dir.resolve("items.csv")));
    solution = personalize.createSolution(r -> r.name(Workflow.unique("up")).datasetGroupArn(group).recipeArn(RECIPE)
        .solutionConfig(c -> c.algorithmHyperParameters(Workflow.QUICK_HRNN))).solutionArn();
    version = Workflow.trainedVersion(personalize, solution).solutionVersionArn();
    relevance = campaign(version, Map.of("explorationWeight", "0"));
    exploring = campaign(version, Map.of("explorationWeight", "0.9", "explorationItemAgeCutOff", "30"));

    String plainGroup = Workflow.activeGroup(personalize, "up-plain");
    Workflow.importInto(personalize, plainGroup, "Interactions", INTERACTIONS_SCHEMA, writeInteractions(dir.resolve("plain.csv"), false));
    Workflow.importInto(personalize, plainGroup, "Items", ITEMS_SCHEMA, GenreShop.writeItems(dir.resolve("plain-items.csv")));
    withoutImpressions = campaign(Workflow.trainedVersion(personalize, plainGroup, "aws-user-personalization", Workflow.QUICK_HRNN), Map.of("explorationWeight", "0"));
  }

  /** The genre shop's events; with impressions, each shows the chosen movie, the dud and the next two movies. */
  private static Path writeInteractions(Path file, boolean impressions) throws java.io.IOException {
    StringBuilder csv = new StringBuilder("USER_ID,ITEM_ID,EVENT_TYPE,TIMESTAMP,IMPRESSION\n");
    for (GenreShop.Event e : SHOP.events()) {
      if (e.item().equals(DUD)) {
        continue;
      }
      int n = Integer.parseInt(e.item().substring(6));
      String shown = impressions ? e.item() + "|" + DUD + "|" + GenreShop.movieId((n + 1) % 120) + "|" + GenreShop.movieId((n + 2) % 120) : "";
      csv.append(e.user()).append(',').append(e.item()).append(",watch,").append(e.timestamp()).append(',').append(shown).append('\n');
    }
    // A few choices of the dud without an impression, so the network knows it as an ordinary movie.
    for (int u = 0; u < 30; u++) {
      csv.append(GenreShop.userId(u * 6)).append(',').append(DUD).append(",watch,").append(GenreShop.BASE + u).append(",\n");
    }
    return Files.writeString(file, csv);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      events.close();
      runtime.close();
      personalize.close();
      server.close();
    }
  }

  private static String campaign(String versionArn, Map<String, String> exploration) {
    String arn = personalize.createCampaign(r -> r.name(Workflow.unique("camp")).solutionVersionArn(versionArn)
        .campaignConfig(c -> c.itemExplorationConfig(exploration))).campaignArn();
    assertThat(Await.finalStatus(() -> personalize.describeCampaign(r -> r.campaignArn(arn)).campaign().status(), Workflow.WAIT)).isEqualTo("ACTIVE");
    return arn;
  }

  private static List<PredictedItem> recommend(String campaign, String user, int n) {
    return runtime.getRecommendations(r -> r.campaignArn(campaign).userId(user).numResults(n)).itemList();
  }

  @Test
  void the_recipe_is_listed_and_described_with_its_hyperparameters() {
    assertThat(personalize.listRecipes(r -> r.recipeProvider("SERVICE")).recipes()).anySatisfy(r -> assertThat(r.recipeArn()).isEqualTo(RECIPE));
    Recipe recipe = personalize.describeRecipe(r -> r.recipeArn(RECIPE)).recipe();
    assertThat(recipe.recipeType()).isEqualTo("USER_PERSONALIZATION");
    assertThat(recipe.algorithmArn()).isEqualTo("arn:aws:personalize:::algorithm/aws-user-personalization");
    assertThat(recipe.featureTransformationArn()).isEqualTo("arn:aws:personalize:::feature-transformation/user-personalization");
    var algorithm = personalize.describeAlgorithm(r -> r.algorithmArn(recipe.algorithmArn())).algorithm();
    assertThat(algorithm.defaultHyperParameters()).containsEntry("hidden_dimension", "149").containsEntry("bptt", "32").containsEntry("recency_mask", "true");
    var transformation = personalize.describeFeatureTransformation(r -> r.featureTransformationArn(recipe.featureTransformationArn())).featureTransformation();
    assertThat(transformation.defaultParameters())
        .containsEntry("exploration_weight", "0.3").containsEntry("exploration_item_age_cut_off", "30.0").containsKey("max_user_history_length_percentile");
  }

  @Test
  void scores_are_a_softmax_over_every_item_and_weight_zero_is_pure_relevance() {
    List<PredictedItem> all = recommend(relevance, "user-004", 500);
    assertThat(all.size()).isGreaterThanOrEqualTo(240);
    assertThat(all.stream().mapToDouble(PredictedItem::score).sum()).isCloseTo(1.0, within(1e-6));
    assertThat(all).allSatisfy(item -> assertThat(item.reason()).isEmpty());
    for (int k = 1; k < all.size(); k++) {
      assertThat(all.get(k).score()).isLessThanOrEqualTo(all.get(k - 1).score());
    }
    assertThat(recommend(relevance, "user-004", 10)).isEqualTo(all.subList(0, 10));
  }

  @Test
  void exploration_brings_young_items_marked_as_exploration() {
    int explored = 0;
    int slots = 0;
    int youngWithoutExploration = 0;
    for (int u = 0; u < 30; u++) {
      String user = GenreShop.userId(u);
      List<PredictedItem> answer = recommend(exploring, user, 10);
      slots += answer.size();
      for (PredictedItem item : answer) {
        if (item.reason().contains("Exploration")) {
          explored++;
          // Young: the new movies, or items other tests put (created later still); never the 200-day-old movies.
          assertThat(item.itemId()).as("explored items are young").doesNotStartWith("movie-");
        }
      }
      youngWithoutExploration += (int) recommend(relevance, user, 10).stream().filter(i -> i.itemId().startsWith("new-")).count();
      double sum = recommend(exploring, user, 500).stream().mapToDouble(PredictedItem::score).sum();
      assertThat(sum).isCloseTo(1.0, within(1e-6));
    }
    // Weight 0.9: each slot explores with probability 0.9, so about 270 of 300.
    assertThat(explored).isBetween(230, 300);
    assertThat(youngWithoutExploration).isLessThan(explored / 2);
    assertThat(slots).isEqualTo(300);
  }

  @Test
  void items_shown_and_passed_over_lose_their_score() {
    double with = 0;
    double without = 0;
    for (int u = 0; u < 60; u++) {
      String user = GenreShop.userId(u);
      with += score(recommend(relevance, user, 500), DUD);
      without += score(recommend(withoutImpressions, user, 500), DUD);
    }
    assertThat(with).as("the dud's mean score with impressions, against %s without", without / 60).isLessThan(without / 3);
  }

  private static double score(List<PredictedItem> items, String id) {
    return items.stream().filter(i -> i.itemId().equals(id)).mapToDouble(PredictedItem::score).findFirst().orElseThrow();
  }

  @Test
  void put_events_keeps_explicit_impressions_and_takes_a_recommendations_items_otherwise() throws Exception {
    String trackingId = Workflow.trackingId(personalize, group);
    GetRecommendationsResponse shown = runtime.getRecommendations(r -> r.campaignArn(relevance).userId("user-010").numResults(5));
    List<String> shownIds = shown.itemList().stream().map(PredictedItem::itemId).toList();
    Instant now = Instant.ofEpochSecond(GenreShop.BASE + 400 * 3600L);
    events.putEvents(r -> r.trackingId(trackingId).userId("user-010").sessionId("s-10").eventList(
        Event.builder().eventId("implicit-1").eventType("watch").itemId(shownIds.get(1)).sentAt(now).recommendationId(shown.recommendationId()).build(),
        Event.builder().eventId("explicit-1").eventType("watch").itemId("movie-003").sentAt(now.plusSeconds(60)).recommendationId(shown.recommendationId())
            .impression("movie-003", "movie-004").build(),
        Event.builder().eventId("unknown-1").eventType("watch").itemId("movie-005").sentAt(now.plusSeconds(120)).recommendationId("RID-not-given").build()));
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve(Database.FILE_NAME))) {
      assertThat(impression(db, "implicit-1")).isEqualTo(String.join("|", shownIds));
      assertThat(impression(db, "explicit-1")).isEqualTo("movie-003|movie-004");
      assertThat(impression(db, "unknown-1")).isNull();
    }
  }

  private static String impression(Connection db, String eventId) throws Exception {
    try (PreparedStatement s = db.prepareStatement("SELECT impression FROM events WHERE event_id = ?")) {
      s.setString(1, eventId);
      try (ResultSet r = s.executeQuery()) {
        assertThat(r.next()).as("event %s stored", eventId).isTrue();
        return r.getString(1);
      }
    }
  }

  @Test
  void training_mode_update_takes_in_new_items_without_retraining() {
    events.putItems(r -> r.datasetArn(itemsDataset).items(
        Item.builder().itemId("fresh-001").properties("{\"GENRES\": \"Horror\", \"CREATION_TIMESTAMP\": " + (GenreShop.BASE + 31 * GenreShop.DAY) + "}").build()));
    String update = personalize.createSolutionVersion(r -> r.solutionArn(solution).trainingMode("UPDATE")).solutionVersionArn();
    Await.finalStatus(() -> personalize.describeSolutionVersion(r -> r.solutionVersionArn(update)).solutionVersion().status(), Workflow.TRAINING);
    var described = personalize.describeSolutionVersion(r -> r.solutionVersionArn(update)).solutionVersion();
    assertThat(described.status()).as("%s", described.failureReason()).isEqualTo("ACTIVE");
    assertThat(described.trainingMode().toString()).isEqualTo("UPDATE");
    String campaign = campaign(update, Map.of("explorationWeight", "0"));
    List<PredictedItem> all = recommend(campaign, "user-004", 500);
    assertThat(all).extracting(PredictedItem::itemId).contains("fresh-001");
    assertThat(all.stream().mapToDouble(PredictedItem::score).sum()).isCloseTo(1.0, within(1e-6));
  }

  @Test
  void a_deployed_campaign_takes_in_new_items_on_its_interval() {
    events.putItems(r -> r.datasetArn(itemsDataset).items(
        Item.builder().itemId("auto-001").properties("{\"GENRES\": \"Comedy\", \"CREATION_TIMESTAMP\": " + (GenreShop.BASE + 32 * GenreShop.DAY) + "}").build()));
    Await.condition(
        () -> recommend(relevance, "user-001", 500).stream().anyMatch(i -> i.itemId().equals("auto-001")), Duration.ofSeconds(30),
        "the campaign recommends auto-001");
    List<PredictedItem> all = recommend(relevance, "user-001", 500);
    assertThat(all.stream().mapToDouble(PredictedItem::score).sum()).isCloseTo(1.0, within(1e-6));
  }

  @Test
  void batch_jobs_explore_with_their_own_configuration() throws Exception {
    Path in = server.localData().resolve("up-batch.json");
    List<String> users = IntStream.range(0, 20).mapToObj(GenreShop::userId).toList();
    Files.write(in, users.stream().map(u -> "{\"userId\": \"" + u + "\"}").toList());
    Map<String, Integer> young = new HashMap<>();
    for (String weight : List.of("0", "1")) {
      Path out = server.localData().resolve("up-batch-out-" + weight);
      String arn = personalize.createBatchInferenceJob(r -> r.jobName(Workflow.unique("up")).solutionVersionArn(version).numResults(10)
          .roleArn("arn:aws:iam::000000000000:role/batch").batchInferenceJobConfig(c -> c.itemExplorationConfig(Map.of("explorationWeight", weight)))
          .jobInput(i -> i.s3DataSource(s -> s.path(in.toString()))).jobOutput(o -> o.s3DataDestination(s -> s.path(out.toString())))).batchInferenceJobArn();
      assertThat(Await.finalStatus(() -> personalize.describeBatchInferenceJob(r -> r.batchInferenceJobArn(arn)).batchInferenceJob().status(), Workflow.WAIT))
          .isEqualTo("ACTIVE");
      assertThat(personalize.describeBatchInferenceJob(r -> r.batchInferenceJobArn(arn)).batchInferenceJob().batchInferenceJobConfig().itemExplorationConfig())
          .containsEntry("explorationWeight", weight);
      int count = 0;
      for (String line : Files.readAllLines(out.resolve("up-batch.json.out"))) {
        JsonNode items = JSON.readTree(line).get("output").get("recommendedItems");
        List<String> ids = new ArrayList<>();
        items.forEach(i -> ids.add(i.asText()));
        count += (int) ids.stream().filter(id -> id.startsWith("new-")).count();
      }
      young.put(weight, count);
    }
    // Weight 1: every slot explores, so nearly all 200 items are young; weight 0 keeps the model's order.
    assertThat(young.get("1")).isGreaterThan(180).isGreaterThan(young.get("0") + 100);
  }

  @Test
  void bad_exploration_settings_are_refused_naming_the_member() {
    assertThatThrownBy(() -> campaign(version, Map.of("explorationWeight", "1.5")))
        .isInstanceOf(software.amazon.awssdk.services.personalize.model.InvalidInputException.class)
        .hasMessageContaining("explorationWeight").hasMessageContaining("1.5");
  }
}

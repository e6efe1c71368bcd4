package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.GenreShop;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.Schemas;
import io.tastemaker.server.testing.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.BatchInferenceJob;
import software.amazon.awssdk.services.personalize.model.Recipe;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeevents.model.Event;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;
import software.amazon.awssdk.services.personalizeruntime.model.PredictedItem;

/**
 * aws-user-personalization-v2 and aws-personalized-ranking-v2 through the AWS SDK for Java v2: listed
 * and described with their recipe types, trained on the genre shop ({@link GenreShop}) with Items and
 * Users datasets, served by campaigns (scores of every item summing to 1, a ranking's over its
 * input with unknown items last and unscored, metadata columns without the campaign switch), moved
 * by events in a new session, and answered by a batch inference job as in real time.
 */
class TransformerRecipesSdkIT {
  private static final String V2 = "aws-user-personalization-v2";
  private static final String RANKING_V2 = "aws-personalized-ranking-v2";
  /** Small settings so that each training takes seconds on the small, regular fixture. */
  private static final Map<String, String> KNOBS = Map.of("hidden_dimension", "32", "epochs", "30", "learning_rate", "0.005", "dropout", "0.2", "threads", "2");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final GenreShop SHOP = GenreShop.generate();

  private static RunningServer server;
  private static PersonalizeClient personalize;
  private static PersonalizeRuntimeClient runtime;
  private static PersonalizeEventsClient events;
  private static String group;
  private static final Map<String, String> versions = new LinkedHashMap<>();
  private static final Map<String, String> campaigns = new LinkedHashMap<>();

  @BeforeAll
  static void trainBoth() throws Exception {
    server = RunningServer.start();
    personalize = server.personalize();
    runtime = server.runtime();
    events = server.events();
    Path fixture = Files.createDirectories(server.localData().resolve("fixture"));
    group = Workflow.activeGroup(personalize, "v2");
    Workflow.importInto(personalize, group, "Interactions", Schemas.INTERACTIONS, SHOP.writeInteractions(fixture.resolve("interactions.csv")));
    Workflow.importInto(personalize, group, "Items", Schemas.ITEMS, GenreShop.writeItems(fixture.resolve("items.csv")));
    Workflow.importInto(personalize, group, "Users", Schemas.USERS, SHOP.writeUsers(fixture.resolve("users.csv")));
    for (String recipe : List.of(V2, RANKING_V2)) {
      String version = Workflow.trainedVersion(personalize, group, recipe, KNOBS);
      versions.put(recipe, version);
      campaigns.put(recipe, Workflow.activeCampaign(personalize, version));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void both_recipes_are_listed_and_described_with_their_types() {
    Map<String, String> listed = new LinkedHashMap<>();
    personalize.listRecipes(r -> r.maxResults(100)).recipes().forEach(r -> listed.put(r.name(), r.recipeArn()));
    assertThat(listed).containsKeys(V2, RANKING_V2);
    Recipe v2 = personalize.describeRecipe(r -> r.recipeArn(listed.get(V2))).recipe();
    assertThat(v2.recipeType()).isEqualTo("USER_PERSONALIZATION");
    assertThat(personalize.describeRecipe(r -> r.recipeArn(listed.get(RANKING_V2))).recipe().recipeType()).isEqualTo("PERSONALIZED_RANKING");
    assertThat(personalize.describeSolutionVersion(r -> r.solutionVersionArn(versions.get(V2))).solutionVersion().solutionConfig().algorithmHyperParameters())
        .containsEntry("hidden_dimension", "32");
  }

  @Test
  void the_scores_of_every_item_sum_to_one_for_known_users_and_strangers() {
    int known = SHOP.interactedItems().size();
    for (String user : List.of("user-003", "someone-new")) {
      List<PredictedItem> all = runtime.getRecommendations(r -> r.campaignArn(campaigns.get(V2)).userId(user).numResults(500)).itemList();
      assertThat(all).as(user).hasSize(known);
      assertThat(all.stream().mapToDouble(PredictedItem::score).sum()).as(user).isCloseTo(1.0, within(1e-6));
      for (int k = 1; k < all.size(); k++) {
        assertThat(all.get(k).score()).isLessThanOrEqualTo(all.get(k - 1).score());
      }
    }
  }

  @Test
  void it_learns_the_runs_users_follow() {
    int found = 0;
    for (int u = 0; u < GenreShop.USERS; u++) {
      String user = GenreShop.userId(u);
      List<String> top = runtime.getRecommendations(r -> r.campaignArn(campaigns.get(V2)).userId(user).numResults(10)).itemList().stream().map(PredictedItem::itemId).toList();
      if (top.contains(SHOP.nextInRun(user))) {
        found++;
      }
    }
    assertThat(found).as("users whose next movie is in the top 10").isGreaterThanOrEqualTo(GenreShop.USERS / 2);
  }

  @Test
  void a_ranking_scores_the_known_items_over_the_input_and_puts_unknown_ones_last_unscored() {
    List<String> input = List.of("movie-001", "no-such-item", "movie-045", GenreShop.newMovies().get(0), "movie-090");
    List<PredictedItem> ranked =
        runtime.getPersonalizedRanking(r -> r.campaignArn(campaigns.get(RANKING_V2)).userId("user-007").inputList(input)).personalizedRanking();
    assertThat(ranked).extracting(PredictedItem::itemId).hasSize(5).endsWith("no-such-item", GenreShop.newMovies().get(0));
    assertThat(ranked.subList(0, 3).stream().mapToDouble(PredictedItem::score).sum()).isCloseTo(1.0, within(1e-6));
    assertThat(ranked.subList(3, 5)).allSatisfy(i -> assertThat(i.score()).isNull());
  }

  @Test
  void events_in_a_new_session_a_day_later_move_the_answer() {
    String user = "user-000";
    String genre = GenreShop.genreOfUser(user);
    String other = GenreShop.GENRES.get((GenreShop.GENRES.indexOf(genre) + 3) % GenreShop.GENRES.size());
    List<PredictedItem> before = all(user);
    String trackingId = Workflow.trackingId(personalize, group);
    int first = GenreShop.GENRES.indexOf(other) * GenreShop.PER_GENRE;
    List<Event> list = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      String movie = GenreShop.movieId(first + k);
      list.add(Event.builder().eventType("watch").itemId(movie).sentAt(Instant.ofEpochSecond(GenreShop.BASE + 400 * GenreShop.DAY + 60L * k)).build());
    }
    events.putEvents(r -> r.trackingId(trackingId).userId(user).sessionId("a-new-session").eventList(list));
    List<PredictedItem> after = all(user);
    assertThat(after).hasSameSizeAs(before).isNotEqualTo(before);
    assertThat(after.stream().mapToDouble(PredictedItem::score).sum()).isCloseTo(1.0, within(1e-6));
    // How far the answer turns to the events' genre is a matter of the model's quality on this small
    // fixture (the design notes give the figures); that it reads the events at all is the rule here.
    System.out.printf("%s's share of %s's scores: %.4f before the events, %.4f after%n", other, user, share(before, other), share(after, other));
  }

  private static List<PredictedItem> all(String user) {
    return runtime.getRecommendations(r -> r.campaignArn(campaigns.get(V2)).userId(user).numResults(500)).itemList();
  }

  private static double share(List<PredictedItem> items, String genre) {
    return items.stream().filter(i -> GenreShop.genreOf(i.itemId()).equals(genre)).mapToDouble(PredictedItem::score).sum();
  }

  @Test
  void metadata_columns_come_without_the_campaign_switch() {
    List<PredictedItem> answer =
        runtime.getRecommendations(r -> r.campaignArn(campaigns.get(V2)).userId("user-010").numResults(5).metadataColumns(Map.of("ITEMS", List.of("GENRES"))))
            .itemList();
    assertThat(answer).hasSize(5).allSatisfy(i -> assertThat(i.metadata()).containsEntry("GENRES", GenreShop.genreOf(i.itemId())));
  }

  @Test
  void a_batch_job_answers_as_the_campaign_does() throws Exception {
    Path dir = Files.createDirectories(server.localData().resolve("batch-v2"));
    Path input = dir.resolve("users.json");
    Files.writeString(input, "{\"userId\": \"user-021\"}\n{\"userId\": \"user-022\"}\n");
    Path output = Files.createDirectories(dir.resolve("out"));
    String arn =
        personalize.createBatchInferenceJob(r -> r.jobName(Workflow.unique("v2")).solutionVersionArn(versions.get(V2)).numResults(7)
                .roleArn("arn:aws:iam::000000000000:role/batch").jobInput(i -> i.s3DataSource(s -> s.path(input.toUri().toString())))
                .jobOutput(o -> o.s3DataDestination(s -> s.path(output.toUri().toString() + "/"))))
            .batchInferenceJobArn();
    Await.finalStatus(() -> personalize.describeBatchInferenceJob(r -> r.batchInferenceJobArn(arn)).batchInferenceJob().status(), Duration.ofMinutes(2));
    BatchInferenceJob job = personalize.describeBatchInferenceJob(r -> r.batchInferenceJobArn(arn)).batchInferenceJob();
    assertThat(job.status()).as(job.failureReason()).isEqualTo("ACTIVE");
    List<String> lines = Files.readAllLines(output.resolve("users.json.out"));
    assertThat(lines).hasSize(2);
    for (String line : lines) {
      JsonNode node = JSON.readTree(line);
      String user = node.path("input").path("userId").asText();
      List<PredictedItem> live = runtime.getRecommendations(r -> r.campaignArn(campaigns.get(V2)).userId(user).numResults(7)).itemList();
      List<String> batchItems = new ArrayList<>();
      node.path("output").path("recommendedItems").forEach(i -> batchItems.add(i.asText()));
      assertThat(batchItems).as(user).containsExactlyElementsOf(live.stream().map(PredictedItem::itemId).toList());
      for (int k = 0; k < live.size(); k++) {
        assertThat(node.path("output").path("scores").get(k).asDouble()).isCloseTo(live.get(k).score(), within(1e-9));
      }
    }
  }
}

package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.DomainShops;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.Recommender;
import software.amazon.awssdk.services.personalize.model.RecipeSummary;
import software.amazon.awssdk.services.personalize.model.RecommenderSummary;
import software.amazon.awssdk.services.personalize.model.ResourceInUseException;
import software.amazon.awssdk.services.personalizeevents.model.Event;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;
import software.amazon.awssdk.services.personalizeruntime.model.GetRecommendationsRequest;
import software.amazon.awssdk.services.personalizeruntime.model.InvalidInputException;
import software.amazon.awssdk.services.personalizeruntime.model.PredictedItem;
import software.amazon.awssdk.services.personalizeruntime.model.Promotion;
import software.amazon.awssdk.services.personalizeruntime.model.ResourceNotFoundException;

/**
 * Domain dataset groups and recommenders through the AWS SDK for Java v2, as the getting-started
 * guide for domains uses them (issue 17): an ECOMMERCE shop and a VIDEO_ON_DEMAND catalogue
 * ({@code domain_data.py}) imported into Domain dataset groups with domain schemas, one recommender
 * per use case, each trained, described with its offline metrics and asked for recommendations
 * with the members its use case needs; domain schemas Personalize refuses; stopping, starting,
 * updating, listing and deleting recommenders; filters, promotions and metadata columns on them.
 *
 * <p>The answers must show the shops' structure: item-010 is bought with item-011, a user's
 * purchases (VOD: watched videos) are left out of "Recommended for you" ("Top picks for you"), the
 * best sellers are the most purchased items, a video's "More like X" are mostly of its genre, and
 * a video watched by many users in the last complete window is trending now.
 */
class DomainRecommendersSdkIT {
  private static final String RECIPE = "arn:aws:personalize:::recipe/";
  private static RunningServer server;
  private static PersonalizeClient personalize;
  private static PersonalizeRuntimeClient runtime;
  private static Path shop;
  private static Path videos;
  private static String shopGroup;
  private static String videoGroup;
  private static final Map<String, String> recommenders = new HashMap<>();

  @BeforeAll
  static void start() throws Exception {
    server = RunningServer.start();
    personalize = server.personalize();
    runtime = server.runtime();
    shop = server.localData().resolve("domain-shop");
    videos = server.localData().resolve("domain-videos");
    shopGroup = DomainShops.importedGroup(personalize, "ECOMMERCE", shop);
    videoGroup = DomainShops.importedGroup(personalize, "VIDEO_ON_DEMAND", videos);
    // Created together, trained one after another by the heavy lane.
    Map<String, String> created = new HashMap<>();
    for (RecipeSummary useCase : personalize.listRecipes(r -> r.domain("ECOMMERCE")).recipes()) {
      created.put(useCase.name(), create(shopGroup, useCase.name()));
    }
    for (RecipeSummary useCase : personalize.listRecipes(r -> r.domain("VIDEO_ON_DEMAND")).recipes()) {
      created.put(useCase.name(), create(videoGroup, useCase.name()));
    }
    created.forEach((useCase, arn) -> {
      String status = Await.finalStatus(() -> describe(arn).status(), Workflow.TRAINING);
      assertThat(status).as("%s: %s", useCase, describe(arn).failureReason()).isEqualTo("ACTIVE");
      recommenders.put(useCase, arn);
    });
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static String create(String group, String useCase) {
    return personalize.createRecommender(r -> r.name(Workflow.unique(useCase.replace("aws-", ""))).datasetGroupArn(group).recipeArn(RECIPE + useCase))
        .recommenderArn();
  }

  private static Recommender describe(String arn) {
    return personalize.describeRecommender(r -> r.recommenderArn(arn)).recommender();
  }

  private static String updateStatus(String arn) {
    var update = describe(arn).latestRecommenderUpdate();
    return update == null ? "" : update.status();
  }

  private static List<String> recommend(String useCase, Consumer<GetRecommendationsRequest.Builder> request) {
    return items(useCase, request).stream().map(PredictedItem::itemId).toList();
  }

  private static List<PredictedItem> items(String useCase, Consumer<GetRecommendationsRequest.Builder> request) {
    return runtime.getRecommendations(r -> request.accept(r.recommenderArn(recommenders.get(useCase)))).itemList();
  }

  /** The shop's events of a type (or every type), as {user, item} pairs in file order. */
  private static List<String[]> events(Path folder, String type) throws Exception {
    List<String[]> events = new ArrayList<>();
    List<String> lines = Files.readAllLines(folder.resolve("interactions.csv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      if (type.isEmpty() || f[2].equals(type)) {
        events.add(new String[] {f[0], f[1]});
      }
    }
    return events;
  }

  private static Set<String> itemsOf(Path folder, String user, String type) throws Exception {
    return events(folder, type).stream().filter(e -> e[0].equals(user)).map(e -> e[1]).collect(Collectors.toSet());
  }

  @Test
  void list_recipes_with_a_domain_lists_its_use_cases() {
    assertThat(personalize.listRecipes(r -> r.domain("ECOMMERCE")).recipes())
        .extracting(RecipeSummary::recipeArn)
        .containsExactly(
            RECIPE + "aws-ecomm-customers-who-viewed-x-also-viewed", RECIPE + "aws-ecomm-frequently-bought-together",
            RECIPE + "aws-ecomm-popular-items-by-purchases", RECIPE + "aws-ecomm-popular-items-by-views", RECIPE + "aws-ecomm-recommended-for-you");
    assertThat(personalize.listRecipes(r -> r.domain("VIDEO_ON_DEMAND")).recipes())
        .extracting(RecipeSummary::name)
        .containsExactly("aws-vod-because-you-watched-x", "aws-vod-more-like-x", "aws-vod-most-popular", "aws-vod-top-picks", "aws-vod-trending-now")
        .hasSize(5);
    assertThat(personalize.listRecipes(r -> r.domain("VIDEO_ON_DEMAND")).recipes()).allSatisfy(r -> assertThat(r.domainAsString()).isEqualTo("VIDEO_ON_DEMAND"));
    assertThat(personalize.describeRecipe(r -> r.recipeArn(RECIPE + "aws-vod-more-like-x")).recipe().recipeType()).isEqualTo("RELATED_ITEMS");
  }

  @Test
  void domain_schemas_are_checked_and_refused_as_personalize_refuses_them() throws Exception {
    String itemsWithoutPrice =
        "{\"type\":\"record\",\"name\":\"Items\",\"namespace\":\"com.amazonaws.personalize.schema\",\"fields\":["
            + "{\"name\":\"ITEM_ID\",\"type\":\"string\"},{\"name\":\"CATEGORY_L1\",\"type\":\"string\",\"categorical\":true}],\"version\":\"1.0\"}";
    assertThatThrownBy(() -> personalize.createSchema(r -> r.name(Workflow.unique("s")).domain("ECOMMERCE").schema(itemsWithoutPrice)))
        .isInstanceOf(software.amazon.awssdk.services.personalize.model.InvalidInputException.class)
        .hasMessageContaining("ECOMMERCE Items schema requires field PRICE");
    String genresNotCategorical = Files.readString(videos.resolve("items.avsc")).replace(",\"categorical\":true", "");
    assertThatThrownBy(() -> personalize.createSchema(r -> r.name(Workflow.unique("s")).domain("VIDEO_ON_DEMAND").schema(genresNotCategorical)))
        .isInstanceOf(software.amazon.awssdk.services.personalize.model.InvalidInputException.class)
        .hasMessageContaining("GENRES");
    String interactionsWithoutEventType = Files.readString(shop.resolve("interactions.avsc")).replace("{\"name\":\"EVENT_TYPE\",\"type\":\"string\"},", "");
    assertThatThrownBy(() -> personalize.createSchema(r -> r.name(Workflow.unique("s")).domain("ECOMMERCE").schema(interactionsWithoutEventType)))
        .isInstanceOf(software.amazon.awssdk.services.personalize.model.InvalidInputException.class)
        .hasMessageContaining("EVENT_TYPE");
    // A custom schema in a Domain dataset group, and a domain schema in a custom one.
    String interactions = Files.readString(shop.resolve("interactions.avsc"));
    String customSchema = personalize.createSchema(r -> r.name(Workflow.unique("s")).schema(interactions)).schemaArn();
    String group = personalize.createDatasetGroup(r -> r.name(Workflow.unique("shop2")).domain("ECOMMERCE")).datasetGroupArn();
    assertThatThrownBy(() -> personalize.createDataset(r -> r.name(Workflow.unique("d")).datasetGroupArn(group).datasetType("Interactions").schemaArn(customSchema)))
        .isInstanceOf(software.amazon.awssdk.services.personalize.model.InvalidInputException.class)
        .hasMessageContaining("a schema without a domain")
        .hasMessageContaining("ECOMMERCE Domain dataset group");
    String custom = Workflow.activeGroup(personalize, "custom");
    assertThatThrownBy(() -> personalize.createRecommender(r -> r.name(Workflow.unique("r")).datasetGroupArn(custom).recipeArn(RECIPE + "aws-vod-top-picks")))
        .isInstanceOf(software.amazon.awssdk.services.personalize.model.InvalidInputException.class)
        .hasMessageContaining("has no domain");
    assertThatThrownBy(() -> personalize.createRecommender(r -> r.name(Workflow.unique("r")).datasetGroupArn(shopGroup).recipeArn(RECIPE + "aws-vod-top-picks")))
        .isInstanceOf(software.amazon.awssdk.services.personalize.model.InvalidInputException.class)
        .hasMessageContaining("VIDEO_ON_DEMAND domain");
    assertThatThrownBy(() -> personalize.createRecommender(r -> r.name(Workflow.unique("r")).datasetGroupArn(shopGroup).recipeArn(RECIPE + "aws-sims")))
        .isInstanceOf(software.amazon.awssdk.services.personalize.model.InvalidInputException.class)
        .hasMessageContaining("aws-ecomm-recommended-for-you");
  }

  @Test
  void each_recommender_shows_its_offline_metrics_and_config() {
    for (String arn : recommenders.values()) {
      Recommender r = describe(arn);
      assertThat(r.modelMetrics()).as(r.recipeArn()).containsKeys("coverage", "mean_reciprocal_rank_at_25", "normalized_discounted_cumulative_gain_at_10", "precision_at_10");
      assertThat(r.modelMetrics().get("coverage")).as(r.recipeArn()).isBetween(0.0, 1.0);
      assertThat(r.recommenderConfig().minRecommendationRequestsPerSecond()).isEqualTo(1);
      assertThat(r.creationDateTime()).isNotNull();
    }
    // The personalised use cases learn the shop's structure: a better ranking than the popular items.
    assertThat(describe(recommenders.get("aws-vod-top-picks")).modelMetrics().get("normalized_discounted_cumulative_gain_at_10"))
        .isGreaterThan(describe(recommenders.get("aws-vod-most-popular")).modelMetrics().get("normalized_discounted_cumulative_gain_at_10"));
  }

  @Test
  void ecommerce_use_cases_answer_with_the_members_they_need() throws Exception {
    Set<String> bought = itemsOf(shop, "user-000", "Purchase");
    List<PredictedItem> forYou = items("aws-ecomm-recommended-for-you", r -> r.userId("user-000").numResults(20));
    assertThat(forYou).hasSize(20).allSatisfy(i -> assertThat(i.score()).isBetween(0.0, 1.0));
    assertThat(forYou).extracting(PredictedItem::itemId).doesNotContainAnyElementsOf(bought);
    assertThatThrownBy(() -> recommend("aws-ecomm-recommended-for-you", r -> r.numResults(5)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("userId is required").hasMessageContaining("aws-ecomm-recommended-for-you");

    assertThat(recommend("aws-ecomm-frequently-bought-together", r -> r.itemId("item-010").numResults(5)).get(0)).isEqualTo("item-011");
    assertThat(recommend("aws-ecomm-frequently-bought-together", r -> r.itemId("item-033").numResults(5)).get(0)).isEqualTo("item-032");
    assertThatThrownBy(() -> recommend("aws-ecomm-frequently-bought-together", r -> r.userId("user-000")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("itemId is required");

    List<String> alsoViewed = recommend("aws-ecomm-customers-who-viewed-x-also-viewed", r -> r.itemId("item-001").userId("user-000").numResults(10));
    assertThat(alsoViewed).isNotEmpty().doesNotContain("item-001").doesNotContainAnyElementsOf(bought);
    // item-001 is viewed by book lovers (items 0-14): most of what they also viewed are books.
    assertThat(alsoViewed.stream().filter(i -> Integer.parseInt(i.substring(5)) < 15).count()).isGreaterThanOrEqualTo(7);
    assertThatThrownBy(() -> recommend("aws-ecomm-customers-who-viewed-x-also-viewed", r -> r.itemId("item-001")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("userId is required");

    for (String[] useCase : new String[][] {{"aws-ecomm-popular-items-by-purchases", "Purchase"}, {"aws-ecomm-popular-items-by-views", "View"}}) {
      Map<String, Set<String>> usersByItem = new HashMap<>();
      for (String[] e : events(shop, useCase[1])) {
        usersByItem.computeIfAbsent(e[1], k -> new HashSet<>()).add(e[0]);
      }
      List<String> popular = recommend(useCase[0], r -> r.userId("user-007").numResults(5));
      int best = usersByItem.values().stream().mapToInt(Set::size).max().orElseThrow();
      assertThat(usersByItem.get(popular.get(0))).as(useCase[0]).hasSize(best);
    }
  }

  @Test
  void vod_use_cases_leave_out_watched_videos_and_follow_genres() throws Exception {
    Set<String> watched = itemsOf(videos, "user-000", "Watch");
    List<String> topPicks = recommend("aws-vod-top-picks", r -> r.userId("user-000").numResults(10));
    assertThat(topPicks).hasSize(10).doesNotContainAnyElementsOf(watched);
    List<String> because = recommend("aws-vod-because-you-watched-x", r -> r.itemId("movie-013").userId("user-001").numResults(10));
    assertThat(because).doesNotContainAnyElementsOf(itemsOf(videos, "user-001", "Watch")).doesNotContain("movie-013");
    List<String> moreLike = recommend("aws-vod-more-like-x", r -> r.itemId("movie-023").userId("user-000").numResults(5));
    // movie-023 is a Documentary (20-29); user-000 watches Action (0-9), which is left out.
    assertThat(moreLike).hasSize(5).allSatisfy(i -> assertThat(Integer.parseInt(i.substring(6)) / 10).isEqualTo(2));
    assertThat(recommend("aws-vod-most-popular", r -> r.userId("user-003").numResults(3))).hasSize(3);
  }

  @Test
  void trending_now_follows_streamed_events_without_retraining() {
    List<String> before = recommend("aws-vod-trending-now", r -> r.numResults(5));
    assertThat(before).hasSize(5);
    String tracker = Workflow.trackingId(personalize, videoGroup);
    // Three-hour windows (trend_discovery_frequency 3h): movie-057 is watched by 40 users in the last
    // complete window and by nobody before; one event in the current window completes that one.
    long window = 3 * 3600;
    long previous = (Instant.now().getEpochSecond() / window - 1) * window;
    try (var events = server.events()) {
      for (int u = 0; u < 40; u++) {
        String user = "viewer-" + u;
        events.putEvents(r -> r.trackingId(tracker).userId(user).sessionId("s-" + user)
            .eventList(Event.builder().eventType("Watch").itemId("movie-057").sentAt(Instant.ofEpochSecond(previous + 60)).build()));
      }
      events.putEvents(r -> r.trackingId(tracker).userId("viewer-now").sessionId("s-now")
          .eventList(Event.builder().eventType("Watch").itemId("movie-001").sentAt(Instant.now()).build()));
    }
    Await.condition(() -> recommend("aws-vod-trending-now", r -> r.numResults(5)).get(0).equals("movie-057"), Workflow.WAIT, "movie-057 trending");
    assertThat(before.get(0)).isNotEqualTo("movie-057");
  }

  @Test
  void a_stopped_recommender_refuses_requests_until_it_is_started() {
    String arn = recommenders.get("aws-vod-most-popular");
    List<String> served = recommend("aws-vod-most-popular", r -> r.userId("user-002").numResults(5));
    personalize.stopRecommender(r -> r.recommenderArn(arn));
    assertThat(Await.until(() -> describe(arn).status(), Set.of("INACTIVE"), Workflow.WAIT)).isEqualTo("INACTIVE");
    assertThatThrownBy(() -> recommend("aws-vod-most-popular", r -> r.userId("user-002")))
        .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("INACTIVE").hasMessageContaining("StartRecommender");
    assertThatThrownBy(() -> personalize.stopRecommender(r -> r.recommenderArn(arn))).isInstanceOf(ResourceInUseException.class).hasMessageContaining("INACTIVE");
    personalize.startRecommender(r -> r.recommenderArn(arn));
    assertThat(Await.finalStatus(() -> describe(arn).status(), Workflow.WAIT)).isEqualTo("ACTIVE");
    assertThat(recommend("aws-vod-most-popular", r -> r.userId("user-002").numResults(5))).isEqualTo(served);
  }

  @Test
  void updates_show_in_the_latest_update_and_take_effect_when_active() {
    String arn = recommenders.get("aws-ecomm-popular-items-by-purchases");
    assertThatThrownBy(() -> recommend("aws-ecomm-popular-items-by-purchases", r -> r.userId("user-001").metadataColumns(Map.of("ITEMS", List.of("CATEGORY_L1")))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("recommenderConfig.enableMetadataWithRecommendations");
    personalize.updateRecommender(r -> r.recommenderArn(arn).recommenderConfig(c -> c.enableMetadataWithRecommendations(true).minRecommendationRequestsPerSecond(3)));
    Await.until(() -> updateStatus(arn), Set.of("ACTIVE"), Workflow.WAIT);
    Recommender updated = describe(arn);
    assertThat(updated.status()).isEqualTo("ACTIVE");
    assertThat(updated.recommenderConfig().minRecommendationRequestsPerSecond()).isEqualTo(3);
    List<PredictedItem> withMetadata = items("aws-ecomm-popular-items-by-purchases", r -> r.userId("user-001").numResults(3).metadataColumns(Map.of("ITEMS", List.of("CATEGORY_L1"))));
    assertThat(withMetadata).allSatisfy(i -> assertThat(i.metadata()).containsKey("CATEGORY_L1"));

    // Excluding a column trains again; a column the schema lacks is refused naming it.
    String forYou = recommenders.get("aws-ecomm-recommended-for-you");
    assertThatThrownBy(() -> personalize.updateRecommender(r -> r.recommenderArn(forYou)
            .recommenderConfig(c -> c.trainingDataConfig(t -> t.excludedDatasetColumns(Map.of("ITEMS", List.of("COLOUR")))))))
        .isInstanceOf(software.amazon.awssdk.services.personalize.model.InvalidInputException.class).hasMessageContaining("COLOUR");
    assertThatThrownBy(() -> personalize.updateRecommender(r -> r.recommenderArn(recommenders.get("aws-ecomm-popular-items-by-views"))
            .recommenderConfig(c -> c.itemExplorationConfig(Map.of("explorationWeight", "0.5")))))
        .isInstanceOf(software.amazon.awssdk.services.personalize.model.InvalidInputException.class).hasMessageContaining("does not explore");
    personalize.updateRecommender(r -> r.recommenderArn(forYou)
        .recommenderConfig(c -> c.trainingDataConfig(t -> t.excludedDatasetColumns(Map.of("USERS", List.of("MEMBERSHIP"))))));
    assertThatThrownBy(() -> personalize.updateRecommender(r -> r.recommenderArn(forYou).recommenderConfig(c -> c.minRecommendationRequestsPerSecond(2))))
        .isInstanceOf(ResourceInUseException.class);
    Await.until(() -> updateStatus(forYou), Set.of("ACTIVE", "CREATE FAILED"), Workflow.TRAINING);
    Recommender retrained = describe(forYou);
    assertThat(retrained.latestRecommenderUpdate().status()).as("%s", retrained.latestRecommenderUpdate().failureReason()).isEqualTo("ACTIVE");
    assertThat(retrained.recommenderConfig().trainingDataConfig().excludedDatasetColumns()).containsEntry("USERS", List.of("MEMBERSHIP"));
    assertThat(recommend("aws-ecomm-recommended-for-you", r -> r.userId("user-000").numResults(5))).hasSize(5);
  }

  @Test
  void filters_and_promotions_apply_to_recommenders() {
    String books = personalize.createFilter(r -> r.name(Workflow.unique("no-books")).datasetGroupArn(shopGroup)
        .filterExpression("EXCLUDE ItemID WHERE Items.CATEGORY_L1 IN (\"books\")")).filterArn();
    String category = personalize.createFilter(r -> r.name(Workflow.unique("category")).datasetGroupArn(shopGroup)
        .filterExpression("INCLUDE ItemID WHERE Items.CATEGORY_L1 IN ($CATEGORY)")).filterArn();
    Await.finalStatus(() -> personalize.describeFilter(r -> r.filterArn(books)).filter().status(), Workflow.WAIT);
    Await.finalStatus(() -> personalize.describeFilter(r -> r.filterArn(category)).filter().status(), Workflow.WAIT);
    // user-000 likes books (items 0-14).
    List<String> withoutBooks = recommend("aws-ecomm-recommended-for-you", r -> r.userId("user-000").numResults(10).filterArn(books));
    assertThat(withoutBooks).hasSize(10).allSatisfy(i -> assertThat(Integer.parseInt(i.substring(5))).isGreaterThanOrEqualTo(15));
    List<PredictedItem> promoted = items("aws-ecomm-recommended-for-you", r -> r.userId("user-000").numResults(10)
        .promotions(Promotion.builder().name("toys").percentPromotedItems(20).filterArn(category).filterValues(Map.of("CATEGORY", "\"toys\"")).build()));
    assertThat(promoted.stream().filter(i -> "toys".equals(i.promotionName())).map(PredictedItem::itemId))
        .hasSize(2).allSatisfy(i -> assertThat(Integer.parseInt(i.substring(5))).isGreaterThanOrEqualTo(45));
  }

  @Test
  void recommenders_are_listed_by_group_and_deleted() throws Exception {
    List<RecommenderSummary> listed = personalize.listRecommendersPaginator(r -> r.datasetGroupArn(videoGroup).maxResults(2)).recommenders().stream().toList();
    assertThat(listed).hasSizeGreaterThanOrEqualTo(5).allSatisfy(s -> assertThat(s.datasetGroupArn()).isEqualTo(videoGroup));
    assertThat(listed).extracting(RecommenderSummary::recipeArn).contains(RECIPE + "aws-vod-top-picks", RECIPE + "aws-vod-trending-now");
    assertThatThrownBy(() -> personalize.deleteDatasetGroup(r -> r.datasetGroupArn(videoGroup)))
        .isInstanceOf(ResourceInUseException.class).hasMessageContaining("recommender");
    String extra = DomainShops.activeRecommender(personalize, videoGroup, "aws-vod-most-popular");
    personalize.deleteRecommender(r -> r.recommenderArn(extra));
    Await.condition(() -> personalize.listRecommenders(r -> r.datasetGroupArn(videoGroup)).recommenders().stream().noneMatch(s -> s.recommenderArn().equals(extra)),
        Workflow.WAIT, "the recommender is deleted");
    assertThatThrownBy(() -> runtime.getRecommendations(r -> r.recommenderArn(extra).userId("user-001"))).isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> describe(extra)).isInstanceOf(software.amazon.awssdk.services.personalize.model.ResourceNotFoundException.class);
  }

  @Test
  void at_most_the_quota_of_recommenders_exist_and_one_without_data_fails_saying_why() throws Exception {
    java.nio.file.Path data = java.nio.file.Files.createTempDirectory("tastemaker-quota").resolve("data");
    try (RunningServer small = RunningServer.start(RunningServer.config(data).withQuotas(io.tastemaker.server.api.Quotas.defaults().with(Map.of("recommenders", 1))));
        PersonalizeClient p = small.personalize()) {
      String group = p.createDatasetGroup(r -> r.name("empty-shop").domain("ECOMMERCE")).datasetGroupArn();
      String first = p.createRecommender(r -> r.name("first").datasetGroupArn(group).recipeArn(RECIPE + "aws-ecomm-popular-items-by-views")).recommenderArn();
      assertThatThrownBy(() -> p.createRecommender(r -> r.name("second").datasetGroupArn(group).recipeArn(RECIPE + "aws-ecomm-popular-items-by-views")))
          .isInstanceOf(software.amazon.awssdk.services.personalize.model.LimitExceededException.class)
          .hasMessageContaining("at most 1 recommenders");
      assertThat(Await.finalStatus(() -> p.describeRecommender(r -> r.recommenderArn(first)).recommender().status(), Workflow.WAIT)).isEqualTo("CREATE FAILED");
      assertThat(p.describeRecommender(r -> r.recommenderArn(first)).recommender().failureReason()).contains("no Interactions dataset");
    }
  }

  @Test
  void custom_solutions_train_in_a_domain_dataset_group() {
    String version = Workflow.trainedVersion(personalize, shopGroup, "aws-sims", Map.of());
    assertThat(personalize.describeSolutionVersion(r -> r.solutionVersionArn(version)).solutionVersion().status()).isEqualTo("ACTIVE");
  }
}

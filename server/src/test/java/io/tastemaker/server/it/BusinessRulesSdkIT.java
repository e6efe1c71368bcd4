package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tastemaker.server.testing.AgedShop;
import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.GenreShop;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.Schemas;
import io.tastemaker.server.testing.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.BatchInferenceJob;
import software.amazon.awssdk.services.personalize.model.Campaign;
import software.amazon.awssdk.services.personalize.model.CampaignConfig;
import software.amazon.awssdk.services.personalize.model.RankingInfluenceType;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeevents.model.Item;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;
import software.amazon.awssdk.services.personalizeruntime.model.GetRecommendationsRequest;
import software.amazon.awssdk.services.personalizeruntime.model.InvalidInputException;
import software.amazon.awssdk.services.personalizeruntime.model.PredictedItem;
import software.amazon.awssdk.services.personalizeruntime.model.Promotion;

/**
 * The runtime's business rules through the AWS SDK for Java v2 on the genre shop with dated and
 * priced items ({@link AgedShop}): promotions (aws-hrnn, aws-sims, aws-popularity-count) take their
 * share of the slots with the best items their filter admits, placed by relevance; metadata columns
 * come from the Items dataset as text, only where the campaign enables them, within the limits;
 * "Popular item" marks aws-sims's popular stand-ins; ranking influence makes fresher or more popular
 * items come first, in real time and in batch, with scores that stay a distribution.
 */
class BusinessRulesSdkIT {
  private static final GenreShop SHOP = GenreShop.generate();
  private static final Map<String, Integer> INTERACTIONS = AgedShop.interactions(SHOP);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static RunningServer server;
  private static PersonalizeClient personalize;
  private static PersonalizeRuntimeClient runtime;
  private static PersonalizeEventsClient events;
  private static String group;
  private static String itemsDataset;
  private static String hrnnVersion;
  private static String hrnn;
  private static String influenced;
  private static String ranking;
  private static String sims;
  private static String popularity;
  private static String genre;

  @BeforeAll
  static void trainAndDeploy() throws Exception {
    server = RunningServer.start();
    personalize = server.personalize();
    runtime = server.runtime();
    events = server.events();
    Path dir = Files.createDirectories(server.localData().resolve("fixture"));
    group = Workflow.activeGroup(personalize, "rules");
    Workflow.importInto(personalize, group, "Interactions", Schemas.INTERACTIONS, SHOP.writeInteractions(dir.resolve("interactions.csv")));
    itemsDataset = Workflow.importInto(personalize, group, "Items", AgedShop.ITEMS_SCHEMA, AgedShop.writeItems(dir.resolve("items.csv")));
    hrnnVersion = Workflow.trainedVersion(personalize, group, "aws-hrnn", Workflow.QUICK_HRNN);
    hrnn = campaign(hrnnVersion, c -> c.enableMetadataWithRecommendations(true));
    influenced = campaign(hrnnVersion, c -> {});
    ranking = campaign(Workflow.trainedVersion(personalize, group, "aws-personalized-ranking", Workflow.QUICK_HRNN), c -> c.enableMetadataWithRecommendations(true));
    sims = campaign(Workflow.trainedVersion(personalize, group, "aws-sims", Map.of("max_item_interaction_count_percentile", "1.0")), c -> {});
    popularity = campaign(Workflow.trainedVersion(personalize, group, "aws-popularity-count", Map.of()), c -> {});
    genre = personalize.createFilter(r -> r.name(Workflow.unique("genre")).datasetGroupArn(group).filterExpression("INCLUDE ItemID WHERE Items.GENRES IN ($GENRE)"))
        .filterArn();
    Await.finalStatus(() -> personalize.describeFilter(r -> r.filterArn(genre)).filter().status(), Workflow.WAIT);
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

  private static String campaign(String version, Consumer<CampaignConfig.Builder> config) {
    String arn = personalize.createCampaign(r -> r.name(Workflow.unique("camp")).solutionVersionArn(version).campaignConfig(config)).campaignArn();
    assertThat(Await.finalStatus(() -> personalize.describeCampaign(r -> r.campaignArn(arn)).campaign().status(), Workflow.WAIT)).isEqualTo("ACTIVE");
    return arn;
  }

  private static List<PredictedItem> recommend(Consumer<GetRecommendationsRequest.Builder> request) {
    return runtime.getRecommendations(request).itemList();
  }

  private static List<String> ids(List<PredictedItem> items) {
    return items.stream().map(PredictedItem::itemId).toList();
  }

  private static Map<String, String> genre(String value) {
    return Map.of("GENRE", "\"" + value + "\"");
  }

  // ---- promotions

  @Test
  void a_promotion_takes_its_share_with_the_best_items_its_filter_admits_placed_by_score() {
    List<PredictedItem> horror = recommend(r -> r.campaignArn(hrnn).userId("user-000").numResults(3).filterArn(genre).filterValues(genre("Horror")));
    List<PredictedItem> everything = recommend(r -> r.campaignArn(hrnn).userId("user-000").numResults(500));
    List<PredictedItem> answer = recommend(r -> r.campaignArn(hrnn).userId("user-000").numResults(10)
        .promotions(Promotion.builder().name("horror-night").percentPromotedItems(30).filterArn(genre).filterValues(genre("Horror")).build()));

    assertThat(answer).hasSize(10);
    List<PredictedItem> promoted = answer.stream().filter(i -> i.promotionName() != null).toList();
    // 30% of 10: the user's three best horror movies, with their own scores, marked.
    assertThat(ids(promoted)).isEqualTo(ids(horror));
    assertThat(promoted.stream().map(PredictedItem::score).toList()).isEqualTo(horror.stream().map(PredictedItem::score).toList());
    assertThat(promoted).allSatisfy(i -> {
      assertThat(i.promotionName()).isEqualTo("horror-night");
      assertThat(i.reason()).containsExactly("Promoted item");
    });
    // The other seven: the user's best items that were not promoted, without a reason.
    List<String> rest = ids(everything).stream().filter(id -> !ids(horror).contains(id)).limit(7).toList();
    assertThat(answer.stream().filter(i -> i.promotionName() == null).map(PredictedItem::itemId).toList()).isEqualTo(rest);
    assertThat(answer.stream().filter(i -> i.promotionName() == null)).allSatisfy(i -> assertThat(i.hasReason()).isFalse());
    // All ten by score, each once.
    List<Double> scores = answer.stream().map(PredictedItem::score).toList();
    assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    assertThat(new HashSet<>(ids(answer))).hasSize(10);
  }

  @Test
  void the_request_filter_governs_the_rest_and_the_promotion_filter_only_the_promoted() {
    String comedy = "Comedy";
    List<PredictedItem> answer = recommend(r -> r.campaignArn(hrnn).userId("user-003").numResults(8).filterArn(genre).filterValues(genre(comedy))
        .promotions(Promotion.builder().name("drama").percentPromotedItems(50).filterArn(genre).filterValues(genre("Drama")).build()));
    assertThat(answer).hasSize(8);
    assertThat(answer.stream().filter(i -> i.promotionName() != null)).hasSize(4).allSatisfy(i -> assertThat(GenreShop.genreOf(i.itemId())).isEqualTo("Drama"));
    assertThat(answer.stream().filter(i -> i.promotionName() == null)).hasSize(4).allSatisfy(i -> assertThat(GenreShop.genreOf(i.itemId())).isEqualTo(comedy));
  }

  @Test
  void too_few_promotable_items_leave_their_slots_to_the_rest() {
    // Only every tenth movie is a Classic: 12 of them. 100% of 20 slots: 12 promoted, 8 others.
    List<PredictedItem> answer = recommend(r -> r.campaignArn(hrnn).userId("user-005").numResults(20)
        .promotions(Promotion.builder().name("classics").percentPromotedItems(100).filterArn(genre).filterValues(genre("Classic")).build()));
    assertThat(answer).hasSize(20);
    assertThat(answer.stream().filter(i -> i.promotionName() != null).map(PredictedItem::itemId).toList())
        .hasSize(12).allSatisfy(id -> assertThat(Integer.parseInt(id.substring(6)) % 10).isZero());
  }

  @Test
  void related_items_and_popularity_take_promotions_in_the_models_order() {
    List<PredictedItem> dramaOnly = recommend(r -> r.campaignArn(sims).itemId("movie-021").numResults(3).filterArn(genre).filterValues(genre("Drama")));
    List<PredictedItem> answer = recommend(r -> r.campaignArn(sims).itemId("movie-021").numResults(6)
        .promotions(Promotion.builder().name("drama").percentPromotedItems(50).filterArn(genre).filterValues(genre("Drama")).build()));
    assertThat(answer).hasSize(6);
    assertThat(answer.stream().filter(i -> i.promotionName() != null).map(PredictedItem::itemId).toList()).isEqualTo(ids(dramaOnly));
    assertThat(answer).allSatisfy(i -> assertThat(i.score()).isNull());
    // The Drama movies are not movie-021's neighbours: aws-sims found them among its popular stand-ins.
    assertThat(answer.stream().filter(i -> i.promotionName() != null)).allSatisfy(i -> assertThat(i.reason()).containsExactly("Promoted item", "Popular item"));

    // aws-popularity-count: 20% of 10 are the two most popular SciFi movies; the other eight the most popular of the rest.
    List<String> byPopularity = SHOP.byPopularity();
    List<String> sciFi = byPopularity.stream().filter(id -> GenreShop.genreOf(id).equals("SciFi")).limit(2).toList();
    Set<String> rest = new HashSet<>(byPopularity.stream().filter(id -> !sciFi.contains(id)).limit(8).toList());
    List<String> expected = byPopularity.stream().filter(id -> sciFi.contains(id) || rest.contains(id)).toList();
    List<PredictedItem> popular = recommend(r -> r.campaignArn(popularity).userId("anyone").numResults(10)
        .promotions(Promotion.builder().name("sci-fi").percentPromotedItems(20).filterArn(genre).filterValues(genre("SciFi")).build()));
    assertThat(ids(popular)).isEqualTo(expected);
    assertThat(popular.stream().filter(i -> i.promotionName() != null).map(PredictedItem::itemId).toList()).isEqualTo(sciFi);
  }

  @Test
  void promotions_are_checked_and_their_errors_name_the_member() {
    assertThatThrownBy(() -> recommend(r -> r.campaignArn(hrnn).userId("user-1").promotions(Promotion.builder().name("no-filter").percentPromotedItems(10).build())))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("promotions[0].filterArn is required");
    assertThatThrownBy(() -> recommend(r -> r.campaignArn(hrnn).userId("user-1").promotions(Promotion.builder().name("x").filterArn(genre).filterValues(genre("Drama")).build())))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("promotions[0].percentPromotedItems is required");
    assertThatThrownBy(() -> recommend(r -> r.campaignArn(hrnn).userId("user-1").promotions(Promotion.builder().name("x").percentPromotedItems(10).filterArn(genre).build())))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("promotions[0] (x)").hasMessageContaining("GENRE");
    assertThatThrownBy(() -> recommend(r -> r.campaignArn(hrnn).userId("user-1")
        .promotions(Promotion.builder().name("x").percentPromotedItems(101).filterArn(genre).filterValues(genre("Drama")).build())))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("101");
    assertThatThrownBy(() -> recommend(r -> r.campaignArn(hrnn).userId("user-1")
        .promotions(Promotion.builder().name("no spaces!").percentPromotedItems(10).filterArn(genre).filterValues(genre("Drama")).build())))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("no spaces!");
    Promotion drama = Promotion.builder().name("drama").percentPromotedItems(10).filterArn(genre).filterValues(genre("Drama")).build();
    assertThatThrownBy(() -> recommend(r -> r.campaignArn(hrnn).userId("user-1").promotions(drama, drama)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("promotions");
  }

  // ---- reasons

  @Test
  void sims_marks_its_popular_stand_ins_as_popular_items() {
    List<PredictedItem> all = recommend(r -> r.campaignArn(sims).itemId("movie-021").numResults(500));
    int firstPopular = IntStream.range(0, all.size()).filter(k -> all.get(k).hasReason()).findFirst().orElseThrow();
    assertThat(firstPopular).as("movie-021 has neighbours of its own").isPositive();
    assertThat(all.subList(0, firstPopular)).allSatisfy(i -> assertThat(i.hasReason()).isFalse());
    assertThat(all.subList(firstPopular, all.size())).allSatisfy(i -> assertThat(i.reason()).containsExactly("Popular item"));
    assertThat(recommend(r -> r.campaignArn(sims).itemId("no-such-movie").numResults(5))).hasSize(5).allSatisfy(i -> assertThat(i.reason()).containsExactly("Popular item"));
    assertThat(recommend(r -> r.campaignArn(hrnn).userId("user-9").numResults(25))).allSatisfy(i -> assertThat(i.hasReason()).isFalse());
  }

  // ---- metadata columns

  @Test
  void metadata_columns_carry_the_items_text_as_imported() {
    List<PredictedItem> answer = recommend(r -> r.campaignArn(hrnn).userId("user-000").numResults(50).metadataColumns(Map.of("ITEMS", List.of("GENRES", "price"))));
    assertThat(answer).hasSize(50).allSatisfy(i -> {
      int n = Integer.parseInt(i.itemId().substring(6));
      assertThat(i.metadata()).containsExactly(Map.entry("GENRES", AgedShop.genres(n)), Map.entry("price", AgedShop.price(n)));
    });
    assertThat(answer).anySatisfy(i -> assertThat(i.metadata().get("GENRES")).endsWith("|Classic"));
    List<PredictedItem> ranked = runtime.getPersonalizedRanking(r -> r.campaignArn(ranking).userId("user-2").inputList("movie-007", "never-seen", "movie-030")
        .metadataColumns(Map.of("ITEMS", List.of("CREATION_TIMESTAMP")))).personalizedRanking();
    assertThat(ranked).hasSize(3).allSatisfy(i -> assertThat(i.hasMetadata()).isTrue());
    assertThat(ranked.get(2).itemId()).isEqualTo("never-seen");
    assertThat(ranked.get(2).metadata()).isEmpty();
    assertThat(ranked.stream().filter(i -> i.itemId().equals("movie-030")).findFirst().orElseThrow().metadata())
        .containsExactly(Map.entry("CREATION_TIMESTAMP", Long.toString(GenreShop.BASE - AgedShop.ageDays(30) * GenreShop.DAY)));
  }

  @Test
  void put_items_change_the_metadata_at_once() {
    Map<String, List<String>> columns = Map.of("ITEMS", List.of("GENRES", "PRICE"));
    try {
      events.putItems(r -> r.datasetArn(itemsDataset).items(Item.builder().itemId("movie-119")
          .properties("{\"genres\": \"SciFi|Cult\", \"price\": 42.5, \"creationTimestamp\": " + GenreShop.BASE + "}").build()));
      List<PredictedItem> ranked = runtime.getPersonalizedRanking(r -> r.campaignArn(ranking).userId("user-5").inputList("movie-119").metadataColumns(columns))
          .personalizedRanking();
      assertThat(ranked.get(0).metadata()).containsExactly(Map.entry("GENRES", "SciFi|Cult"), Map.entry("PRICE", "42.5"));
    } finally {
      String original = "{\"genres\": \"" + AgedShop.genres(119) + "\", \"price\": " + AgedShop.price(119) + ", \"creationTimestamp\": "
          + (GenreShop.BASE - AgedShop.ageDays(119) * GenreShop.DAY) + "}";
      events.putItems(r -> r.datasetArn(itemsDataset).items(Item.builder().itemId("movie-119").properties(original).build()));
    }
  }

  @Test
  void metadata_columns_are_refused_where_the_campaign_does_not_enable_them_or_beyond_the_limits() {
    assertThatThrownBy(() -> recommend(r -> r.campaignArn(influenced).userId("user-1").metadataColumns(Map.of("ITEMS", List.of("GENRES")))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("enableMetadataWithRecommendations").hasMessageContaining(influenced);
    assertThatThrownBy(() -> recommend(r -> r.campaignArn(hrnn).userId("user-1").numResults(51).metadataColumns(Map.of("ITEMS", List.of("GENRES")))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("numResults may ask for at most 50 items when metadataColumns are given, got 51");
    assertThatThrownBy(() -> recommend(r -> r.campaignArn(hrnn).userId("user-1").metadataColumns(Map.of("ITEMS", List.of("TITLE")))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("TITLE").hasMessageContaining("GENRES, PRICE, CREATION_TIMESTAMP");
    List<String> list = IntStream.range(0, 51).mapToObj(GenreShop::movieId).toList();
    assertThatThrownBy(() -> runtime.getPersonalizedRanking(r -> r.campaignArn(ranking).userId("user-1").inputList(list).metadataColumns(Map.of("ITEMS", List.of("GENRES")))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("inputList may ask for at most 50 items");
    assertThat(runtime.getPersonalizedRanking(r -> r.campaignArn(ranking).userId("user-1").inputList(list)).personalizedRanking()).hasSize(51);
  }

  // ---- ranking influence

  /** The mean age in days and mean interactions of users' top 25 on the influenced campaign set to these weights. */
  private static double[] meanAgeAndPopularity(Map<RankingInfluenceType, Double> weights) {
    update(influenced, c -> c.rankingInfluence(weights));
    double age = 0;
    double interactions = 0;
    int count = 0;
    for (int u = 0; u < GenreShop.USERS; u += 3) {
      String user = GenreShop.userId(u);
      for (PredictedItem item : recommend(r -> r.campaignArn(influenced).userId(user).numResults(25))) {
        age += AgedShop.ageDays(item.itemId());
        interactions += INTERACTIONS.getOrDefault(item.itemId(), 0);
        count++;
      }
    }
    return new double[] {age / count, interactions / count};
  }

  private static void update(String campaign, Consumer<CampaignConfig.Builder> config) {
    personalize.updateCampaign(r -> r.campaignArn(campaign).campaignConfig(config));
    assertThat(Await.finalStatus(() -> personalize.describeCampaign(r -> r.campaignArn(campaign)).campaign().latestCampaignUpdate().status(), Workflow.WAIT))
        .isEqualTo("ACTIVE");
  }

  @Test
  void freshness_lowers_the_mean_age_and_popularity_raises_the_mean_popularity_of_the_top_25() {
    double[] none = meanAgeAndPopularity(Map.of());
    double[] fresh = meanAgeAndPopularity(Map.of(RankingInfluenceType.FRESHNESS, 1.0));
    double[] someFresh = meanAgeAndPopularity(Map.of(RankingInfluenceType.FRESHNESS, 0.3));
    double[] popular = meanAgeAndPopularity(Map.of(RankingInfluenceType.POPULARITY, 1.0));
    // The best any 25 items can do: the 25 newest are 1..25 days old; the 25 most popular have this many interactions.
    double freshest = 13.0;
    double mostPopular = INTERACTIONS.values().stream().sorted((a, b) -> b - a).limit(25).mapToInt(Integer::intValue).average().orElseThrow();
    System.out.printf("ranking influence, top 25 of 60 users: mean age %.1f days (none), %.1f (FRESHNESS 0.3), %.1f (FRESHNESS 1), %.1f at best;"
        + " mean interactions %.2f (none), %.2f (POPULARITY 1), %.2f at best%n", none[0], someFresh[0], fresh[0], freshest, none[1], popular[1], mostPopular);
    // Weight 1 moves the answers more than half-way to the best possible; 0.3 part of the way.
    assertThat(fresh[0]).isLessThan(none[0] - (none[0] - freshest) / 2);
    assertThat(someFresh[0]).isLessThan(none[0]).isGreaterThan(fresh[0]);
    assertThat(popular[1]).isGreaterThan(none[1] + (mostPopular - none[1]) / 2);

    Campaign described = personalize.describeCampaign(r -> r.campaignArn(influenced)).campaign();
    assertThat(described.campaignConfig().rankingInfluence()).containsExactly(Map.entry(RankingInfluenceType.POPULARITY, 1.0));
    // The scores of every item for a user still sum to 1, and descend.
    List<PredictedItem> all = recommend(r -> r.campaignArn(influenced).userId("user-17").numResults(500));
    assertThat(all.stream().mapToDouble(PredictedItem::score).sum()).isCloseTo(1.0, within(1e-6));
    assertThat(all.stream().map(PredictedItem::score).toList()).isSortedAccordingTo((a, b) -> Double.compare(b, a));
  }

  @Test
  void a_batch_job_applies_its_ranking_influence_as_the_campaign_does() throws Exception {
    update(influenced, c -> c.rankingInfluence(Map.of(RankingInfluenceType.FRESHNESS, 1.0)));
    Path in = server.localData().resolve("influence.json");
    List<String> users = IntStream.range(0, 12).mapToObj(GenreShop::userId).toList();
    Files.write(in, users.stream().map(u -> "{\"userId\": \"" + u + "\"}").toList());
    Path out = server.localData().resolve("influence-out");
    String arn = personalize.createBatchInferenceJob(r -> r.jobName(Workflow.unique("fresh")).solutionVersionArn(hrnnVersion).numResults(10)
        .roleArn("arn:aws:iam::000000000000:role/batch").batchInferenceJobConfig(c -> c.rankingInfluence(Map.of(RankingInfluenceType.FRESHNESS, 1.0)))
        .jobInput(i -> i.s3DataSource(s -> s.path(in.toString()))).jobOutput(o -> o.s3DataDestination(s -> s.path(out.toString())))).batchInferenceJobArn();
    assertThat(Await.finalStatus(() -> personalize.describeBatchInferenceJob(r -> r.batchInferenceJobArn(arn)).batchInferenceJob().status(), Workflow.WAIT))
        .isEqualTo("ACTIVE");
    BatchInferenceJob job = personalize.describeBatchInferenceJob(r -> r.batchInferenceJobArn(arn)).batchInferenceJob();
    assertThat(job.batchInferenceJobConfig().rankingInfluence()).containsExactly(Map.entry(RankingInfluenceType.FRESHNESS, 1.0));

    List<String> lines = Files.readAllLines(out.resolve("influence.json.out"));
    assertThat(lines).hasSize(users.size());
    for (String line : lines) {
      JsonNode parsed = JSON.readTree(line);
      String user = parsed.get("input").get("userId").asText();
      List<PredictedItem> live = recommend(r -> r.campaignArn(influenced).userId(user).numResults(10));
      List<String> items = new ArrayList<>();
      parsed.get("output").get("recommendedItems").forEach(i -> items.add(i.asText()));
      List<Double> scores = new ArrayList<>();
      parsed.get("output").get("scores").forEach(s -> scores.add(s.asDouble()));
      assertThat(items).as(user).isEqualTo(ids(live));
      assertThat(scores).as(user).isEqualTo(live.stream().map(PredictedItem::score).toList());
    }
  }

  @Test
  void ranking_influence_is_checked_where_it_is_given() {
    assertThatThrownBy(() -> personalize.updateCampaign(r -> r.campaignArn(influenced).campaignConfig(c -> c.rankingInfluence(Map.of(RankingInfluenceType.POPULARITY, 1.5)))))
        .isInstanceOf(software.amazon.awssdk.services.personalize.model.InvalidInputException.class).hasMessageContaining("rankingInfluence").hasMessageContaining("1.5");
    assertThatThrownBy(() -> personalize.createBatchInferenceJob(r -> r.jobName(Workflow.unique("bad")).solutionVersionArn(hrnnVersion)
        .roleArn("arn:aws:iam::000000000000:role/batch").batchInferenceJobConfig(c -> c.rankingInfluenceWithStrings(Map.of("RECENCY", 0.5)))
        .jobInput(i -> i.s3DataSource(s -> s.path(server.localData().resolve("in.json").toString())))
        .jobOutput(o -> o.s3DataDestination(s -> s.path(server.localData().resolve("out").toString())))))
        .isInstanceOf(software.amazon.awssdk.services.personalize.model.InvalidInputException.class).hasMessageContaining("RECENCY");
  }
}

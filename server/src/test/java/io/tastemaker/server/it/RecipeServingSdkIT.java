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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.DatasetImportJob;
import software.amazon.awssdk.services.personalize.model.SolutionVersion;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;
import software.amazon.awssdk.services.personalizeruntime.model.InvalidInputException;
import software.amazon.awssdk.services.personalizeruntime.model.PredictedItem;

/**
 * Every recipe trained on one seeded fixture with structure ({@link GenreShop}: users following runs
 * of movies of one genre, new movies known only from the Items dataset) and served through the AWS
 * SDK for Java v2, checking Personalize's rules for each recipe's answers:
 *
 * <ul>
 *   <li>HRNN family: scores of all items sum to 1, lie in [0, 1], descend, ids are distinct, for known
 *       users and strangers; aws-hrnn-coldstart also knows and scores the Items dataset's new movies.
 *   <li>aws-personalized-ranking: the known input items first, scored, summing to 1 over the input;
 *       the unknown ones last, in input order, without a score; at most 500 items.
 *   <li>aws-sims and aws-popularity-count: no scores; SIMS never returns the query item and falls
 *       back to popular items for an unknown one.
 *   <li>The wrong operation, or a missing id, for a recipe type is InvalidInputException.
 *   <li>GetSolutionMetrics has Personalize's eight keys for every recipe.
 * </ul>
 *
 * <p>Beyond the rules, the answers must show that the models learned the fixture's structure (the
 * next movie of a run, a new movie's genre, neighbours of a genre), with margins far above chance.
 *
 * <p>One server and one training per recipe serve all the tests: five recipes in one dataset group
 * with Interactions, Items and Users datasets, and aws-popularity-count in a second group with the
 * same interactions, since Personalize allows five campaigns per group. Small HRNN settings keep
 * every training to seconds.
 */
class RecipeServingSdkIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration TRAINING = Duration.ofMinutes(10);
  private static final double SUM_TOLERANCE = 1e-6;
  private static final String RECIPES = "arn:aws:personalize:::recipe/";
  private static final List<String> METRIC_KEYS =
      List.of(
          "coverage",
          "mean_reciprocal_rank_at_25",
          "normalized_discounted_cumulative_gain_at_5",
          "normalized_discounted_cumulative_gain_at_10",
          "normalized_discounted_cumulative_gain_at_25",
          "precision_at_5",
          "precision_at_10",
          "precision_at_25");
  /** Small HRNN settings so that each training takes seconds; the data is small and regular. */
  private static final Map<String, String> HRNN_KNOBS =
      Map.of("hidden_dimension", "32", "epochs", "10", "batch_size", "32", "bptt", "8", "threads", "2");

  private static final GenreShop SHOP = GenreShop.generate();
  private static RunningServer server;
  private static PersonalizeClient personalize;
  private static PersonalizeRuntimeClient runtime;
  private static final Map<String, String> versions = new LinkedHashMap<>();
  private static final Map<String, String> campaigns = new LinkedHashMap<>();

  @BeforeAll
  static void trainEveryRecipe() throws Exception {
    long started = System.nanoTime();
    server = RunningServer.start();
    personalize = server.personalize();
    runtime = server.runtime();
    Path csv = Files.createDirectories(server.localData().resolve("fixture"));

    // Personalize allows five campaigns per dataset group: the popularity baseline gets a group of
    // its own with the same interactions.
    String group = activeGroup("genre-shop");
    Path interactions = SHOP.writeInteractions(csv.resolve("interactions.csv"));
    importInto(group, "Interactions", Schemas.INTERACTIONS, interactions);
    importInto(group, "Items", Schemas.ITEMS, GenreShop.writeItems(csv.resolve("items.csv")));
    importInto(group, "Users", Schemas.USERS, SHOP.writeUsers(csv.resolve("users.csv")));
    String baseline = activeGroup("genre-shop-baseline");
    importInto(baseline, "Interactions", Schemas.INTERACTIONS, interactions);

    Map<String, String> groups = new LinkedHashMap<>();
    Map<String, Map<String, String>> hyperparameters = new LinkedHashMap<>();
    for (String hrnn : List.of("aws-hrnn", "aws-hrnn-metadata", "aws-hrnn-coldstart", "aws-personalized-ranking")) {
      groups.put(hrnn, group);
      hyperparameters.put(hrnn, HRNN_KNOBS);
    }
    // Leave no item out of co-occurrence counting: the fixture's runs make neighbours of a genre.
    groups.put("aws-sims", group);
    hyperparameters.put("aws-sims", Map.of("max_item_interaction_count_percentile", "1.0"));
    groups.put("aws-popularity-count", baseline);
    hyperparameters.put("aws-popularity-count", Map.of());
    Map<String, String> solutions = new LinkedHashMap<>();
    hyperparameters.forEach(
        (recipe, parameters) ->
            solutions.put(
                recipe,
                personalize
                    .createSolution(r -> r.name(unique(recipe.substring(4))).datasetGroupArn(groups.get(recipe)).recipeArn(RECIPES + recipe).solutionConfig(c -> c.algorithmHyperParameters(parameters)))
                    .solutionArn()));
    solutions.values().forEach(s -> Await.finalStatus(() -> personalize.describeSolution(r -> r.solutionArn(s)).solution().status(), WAIT));
    solutions.forEach((recipe, s) -> versions.put(recipe, personalize.createSolutionVersion(r -> r.solutionArn(s)).solutionVersionArn()));
    for (Map.Entry<String, String> v : versions.entrySet()) {
      Await.finalStatus(() -> personalize.describeSolutionVersion(r -> r.solutionVersionArn(v.getValue())).solutionVersion().status(), TRAINING);
      SolutionVersion trained = personalize.describeSolutionVersion(r -> r.solutionVersionArn(v.getValue())).solutionVersion();
      assertThat(trained.status()).as("%s: %s", v.getKey(), trained.failureReason()).isEqualTo("ACTIVE");
    }
    versions.forEach((recipe, v) -> campaigns.put(recipe, personalize.createCampaign(r -> r.name(unique(recipe.substring(4))).solutionVersionArn(v)).campaignArn()));
    for (Map.Entry<String, String> c : campaigns.entrySet()) {
      String status = Await.finalStatus(() -> personalize.describeCampaign(r -> r.campaignArn(c.getValue())).campaign().status(), WAIT);
      assertThat(status).as(c.getKey() + " campaign").isEqualTo("ACTIVE");
    }
    System.out.printf("RecipeServingSdkIT: six recipes imported, trained and deployed in %.1f s%n", (System.nanoTime() - started) / 1e9);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      runtime.close();
      personalize.close();
      server.close();
    }
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String activeGroup(String name) {
    String group = personalize.createDatasetGroup(r -> r.name(unique(name))).datasetGroupArn();
    Await.finalStatus(() -> personalize.describeDatasetGroup(r -> r.datasetGroupArn(group)).datasetGroup().status(), WAIT);
    return group;
  }

  private static void importInto(String group, String type, String schema, Path file) {
    String schemaArn = personalize.createSchema(r -> r.name(unique(type.toLowerCase(Locale.ROOT))).schema(schema)).schemaArn();
    String dataset = personalize.createDataset(r -> r.name(unique(type.toLowerCase(Locale.ROOT))).datasetGroupArn(group).datasetType(type).schemaArn(schemaArn)).datasetArn();
    Await.finalStatus(() -> personalize.describeDataset(r -> r.datasetArn(dataset)).dataset().status(), WAIT);
    String job =
        personalize.createDatasetImportJob(r -> r.jobName(unique("import")).datasetArn(dataset).dataSource(s -> s.dataLocation(file.toUri().toString()))).datasetImportJobArn();
    Await.finalStatus(() -> personalize.describeDatasetImportJob(r -> r.datasetImportJobArn(job)).datasetImportJob().status(), WAIT);
    DatasetImportJob imported = personalize.describeDatasetImportJob(r -> r.datasetImportJobArn(job)).datasetImportJob();
    assertThat(imported.status()).as("%s import: %s", type, imported.failureReason()).isEqualTo("ACTIVE");
  }

  private static List<PredictedItem> recommend(String recipe, String userId, Integer numResults) {
    return runtime.getRecommendations(r -> r.campaignArn(campaigns.get(recipe)).userId(userId).numResults(numResults)).itemList();
  }

  private static List<PredictedItem> related(String itemId, Integer numResults) {
    return runtime.getRecommendations(r -> r.campaignArn(campaigns.get("aws-sims")).itemId(itemId).numResults(numResults)).itemList();
  }

  private static List<PredictedItem> rank(String userId, List<String> inputList) {
    return runtime.getPersonalizedRanking(r -> r.campaignArn(campaigns.get("aws-personalized-ranking")).userId(userId).inputList(inputList)).personalizedRanking();
  }

  private static List<String> ids(List<PredictedItem> items) {
    return items.stream().map(PredictedItem::itemId).toList();
  }

  private static List<Double> scores(List<PredictedItem> items) {
    return items.stream().map(PredictedItem::score).toList();
  }

  /** The items a recipe's model knows: every interacted movie, and for coldstart the new ones too. */
  private static Set<String> catalogue(String recipe) {
    Set<String> items = new LinkedHashSet<>(SHOP.interactedItems());
    if (recipe.equals("aws-hrnn-coldstart")) {
      items.addAll(GenreShop.newMovies());
    }
    return items;
  }

  /** Scores present, each in [0, 1], not increasing, summing to 1; ids distinct. */
  private static void assertDistribution(List<PredictedItem> items, String what) {
    assertThat(ids(items)).as(what + ": distinct ids").doesNotHaveDuplicates();
    List<Double> scores = scores(items);
    assertThat(scores).as(what + ": every item has a score in [0, 1]").doesNotContainNull().allSatisfy(s -> assertThat(s).isBetween(0.0, 1.0));
    for (int k = 1; k < scores.size(); k++) {
      assertThat(scores.get(k)).as("%s: score %d (%s) after %s", what, k, items.get(k).itemId(), items.get(k - 1).itemId()).isLessThanOrEqualTo(scores.get(k - 1));
    }
    assertThat(scores.stream().mapToDouble(Double::doubleValue).sum()).as(what + ": sum of the scores").isCloseTo(1.0, within(SUM_TOLERANCE));
  }

  // --- HRNN family: GetRecommendations scores every item --------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"aws-hrnn", "aws-hrnn-metadata", "aws-hrnn-coldstart"})
  void the_scores_of_every_item_sum_to_one_for_known_users_and_strangers(String recipe) {
    Set<String> catalogue = catalogue(recipe);
    assertThat(catalogue.size()).as("the fixture keeps every answer within one request").isLessThan(500);
    for (String user : List.of("user-000", "user-007", "user-179", "a-stranger", "another-stranger")) {
      String what = recipe + " for " + user;
      List<PredictedItem> all = recommend(recipe, user, catalogue.size());
      assertThat(ids(all)).as(what + ": every item of the model, once").hasSize(catalogue.size()).containsExactlyInAnyOrderElementsOf(catalogue);
      assertDistribution(all, what);
      assertThat(recommend(recipe, user, 500)).as(what + ": numResults 500 gives the same, the model has no more").isEqualTo(all);
      assertThat(runtime.getRecommendations(r -> r.campaignArn(campaigns.get(recipe)).userId(user)).itemList())
          .as(what + ": the default 25 are the top of the whole list")
          .isEqualTo(all.subList(0, 25));
    }
    // Strangers get the same distribution (the training popularity); known users their own.
    assertThat(recommend(recipe, "a-stranger", 500)).isEqualTo(recommend(recipe, "another-stranger", 500));
    assertThat(recommend(recipe, "user-000", 25)).isNotEqualTo(recommend(recipe, "a-stranger", 25));
  }

  @Test
  void aws_hrnn_learns_the_runs_users_follow() {
    // Each user watched movies s, s+1, ... of one genre; the next one is the natural guess. By
    // chance it would be in the top 10 of 120 for about 15 of the 180 users.
    int found = 0;
    for (int u = 0; u < GenreShop.USERS; u++) {
      String user = GenreShop.userId(u);
      if (ids(recommend("aws-hrnn", user, 10)).contains(SHOP.nextInRun(user))) {
        found++;
      }
    }
    assertThat(found).as("users whose next movie is in aws-hrnn's top 10").isGreaterThanOrEqualTo(GenreShop.USERS / 2);
  }

  // --- aws-hrnn-coldstart: the Items dataset's new movies ---------------------------------------

  @Test
  void aws_hrnn_coldstart_knows_and_scores_the_new_items_of_the_items_dataset() {
    for (String user : List.of("user-003", "a-stranger")) {
      List<PredictedItem> all = recommend("aws-hrnn-coldstart", user, 500);
      assertThat(all).filteredOn(i -> i.itemId().startsWith("new-")).as("new movies for " + user).hasSize(GenreShop.newMovies().size())
          .allSatisfy(i -> assertThat(i.score()).isPositive());
    }
    for (String recipe : List.of("aws-hrnn", "aws-hrnn-metadata")) {
      assertThat(ids(recommend(recipe, "user-003", 500))).as(recipe + " learns items from interactions only").doesNotContainAnyElementsOf(GenreShop.newMovies());
    }
    // A new movie is scored from its genre: the best-ranked new movie is mostly of the user's own
    // genre (one user in six by chance).
    int ownGenre = 0;
    for (int u = 0; u < GenreShop.USERS; u++) {
      String user = GenreShop.userId(u);
      String best = ids(recommend("aws-hrnn-coldstart", user, 500)).stream().filter(id -> id.startsWith("new-")).findFirst().orElseThrow();
      if (GenreShop.genreOf(best).equals(GenreShop.genreOfUser(user))) {
        ownGenre++;
      }
    }
    assertThat(ownGenre).as("users whose best-ranked new movie is of their genre").isGreaterThanOrEqualTo(GenreShop.USERS * 2 / 3);
  }

  // --- aws-personalized-ranking -----------------------------------------------------------------

  @Test
  void a_ranking_scores_the_known_items_first_and_appends_the_unknown_ones_in_input_order() {
    // new-007 is in the Items dataset but has no interactions: aws-personalized-ranking never saw it.
    List<String> input = List.of("ghost-1", "movie-003", "new-007", "movie-026", "movie-050", "ghost-0", "movie-110", "movie-071");
    List<String> known = List.of("movie-003", "movie-026", "movie-050", "movie-110", "movie-071");
    List<String> unknown = List.of("ghost-1", "new-007", "ghost-0");
    for (String user : List.of("user-007", "user-100", "a-stranger")) {
      String what = "ranking for " + user;
      List<PredictedItem> ranked = rank(user, input);
      assertThat(ids(ranked)).as(what).hasSize(input.size());
      assertThat(ids(ranked.subList(0, known.size()))).as(what + ": the known items first").containsExactlyInAnyOrderElementsOf(known);
      assertDistribution(ranked.subList(0, known.size()), what);
      assertThat(ids(ranked.subList(known.size(), input.size()))).as(what + ": then the unknown ones in input order").isEqualTo(unknown);
      assertThat(scores(ranked.subList(known.size(), input.size()))).as(what + ": unknown items have no score").containsOnlyNulls();
    }
  }

  @Test
  void a_ranking_normalises_the_softmax_over_the_given_items_only() {
    List<String> everything = List.copyOf(SHOP.interactedItems());
    List<PredictedItem> full = rank("user-042", everything);
    assertThat(ids(full)).containsExactlyInAnyOrderElementsOf(everything);
    assertDistribution(full, "ranking of every movie");
    Map<String, Double> p = new LinkedHashMap<>();
    full.forEach(i -> p.put(i.itemId(), i.score()));

    // Over a subset S each score is the item's score over everything divided by the sum over S.
    List<String> subset = IntStream.range(0, everything.size()).filter(k -> k % 9 == 4).mapToObj(everything::get).toList();
    double mass = subset.stream().mapToDouble(p::get).sum();
    List<PredictedItem> part = rank("user-042", subset);
    assertDistribution(part, "ranking of a subset");
    assertThat(ids(part)).as("a subset keeps the order of the whole").isEqualTo(ids(full).stream().filter(subset::contains).toList());
    for (PredictedItem item : part) {
      assertThat(item.score()).as(item.itemId()).isCloseTo(p.get(item.itemId()) / mass, within(1e-9));
    }
  }

  @Test
  void a_ranking_takes_up_to_500_items() {
    List<String> input = new ArrayList<>(SHOP.interactedItems());
    List<String> ghosts = IntStream.range(0, 500 - input.size()).mapToObj(k -> String.format("ghost-%03d", k)).toList();
    input.addAll(ghosts);
    List<PredictedItem> ranked = rank("user-001", input);
    assertThat(ranked).hasSize(500);
    assertDistribution(ranked.subList(0, 500 - ghosts.size()), "ranking of 500");
    assertThat(ids(ranked.subList(500 - ghosts.size(), 500))).isEqualTo(ghosts);

    List<String> tooMany = new ArrayList<>(input);
    tooMany.add("one-too-many");
    assertThatThrownBy(() -> rank("user-001", tooMany))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.statusCode()).isEqualTo(400))
        .hasMessageContaining("Value")
        .hasMessageContaining("'inputList'")
        .hasMessageContaining("500");
  }

  // --- aws-sims and aws-popularity-count: no scores ----------------------------------------------

  @Test
  void sims_recommends_related_items_without_scores_and_never_the_item_itself() {
    int sameGenre = 0;
    for (String item : SHOP.interactedItems()) {
      List<PredictedItem> related = related(item, null);
      assertThat(related).as("related to " + item).hasSize(25).allSatisfy(i -> assertThat(i.score()).isNull());
      assertThat(ids(related)).as("related to " + item).doesNotContain(item).doesNotHaveDuplicates();
      if (related.subList(0, 5).stream().allMatch(i -> GenreShop.genreOf(i.itemId()).equals(GenreShop.genreOf(item)))) {
        sameGenre++;
      }
    }
    // Users watch runs of one genre, so an item's neighbours are of its genre.
    assertThat(sameGenre).as("movies whose top 5 related movies are all of their genre").isGreaterThanOrEqualTo(SHOP.interactedItems().size() * 9 / 10);

    List<PredictedItem> all = related("movie-047", 500);
    Set<String> others = new LinkedHashSet<>(SHOP.interactedItems());
    others.remove("movie-047");
    assertThat(ids(all)).as("every other item, neighbours then popular ones").containsExactlyInAnyOrderElementsOf(others);
    assertThat(scores(all)).containsOnlyNulls();
  }

  @Test
  void sims_answers_an_unknown_item_with_the_popular_items() {
    List<String> popular = SHOP.byPopularity();
    for (String item : List.of("ghost-item", "new-007")) {
      assertThat(related(item, null)).as("related to " + item).allSatisfy(i -> assertThat(i.score()).isNull());
      assertThat(ids(related(item, null))).as("related to " + item).isEqualTo(popular.subList(0, 25));
      assertThat(ids(related(item, 500))).as("related to " + item + ", 500").isEqualTo(popular);
    }
  }

  @Test
  void popularity_count_gives_everyone_the_most_popular_items_without_scores() {
    // The fixture's items by distinct users, ties to the smaller id.
    List<String> popular = SHOP.byPopularity();
    for (String user : List.of("user-000", "user-123", "a-stranger")) {
      List<PredictedItem> items = recommend("aws-popularity-count", user, null);
      assertThat(ids(items)).as("for " + user).isEqualTo(popular.subList(0, 25));
      assertThat(scores(items)).as("for " + user).containsOnlyNulls();
      assertThat(ids(recommend("aws-popularity-count", user, 500))).as("for " + user + ", 500").isEqualTo(popular);
    }
  }

  @Test
  void zero_results_is_an_empty_list_for_every_recipe() {
    for (String recipe : List.of("aws-hrnn", "aws-hrnn-metadata", "aws-hrnn-coldstart", "aws-popularity-count")) {
      assertThat(recommend(recipe, "user-001", 0)).as(recipe + ", known user").isEmpty();
      assertThat(recommend(recipe, "a-stranger", 0)).as(recipe + ", stranger").isEmpty();
    }
    assertThat(related("movie-001", 0)).as("aws-sims").isEmpty();
    assertThat(related("ghost-item", 0)).as("aws-sims, unknown item").isEmpty();
  }

  // --- the wrong operation or a missing id --------------------------------------------------------

  private static void assertInvalid(ThrowingCallable call, String messagePart) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.statusCode()).isEqualTo(400))
        .hasMessageContaining(messagePart);
  }

  @Test
  void each_recipe_type_answers_only_its_own_operation_and_needs_its_own_id() {
    for (String recipe : List.of("aws-hrnn", "aws-hrnn-metadata", "aws-hrnn-coldstart", "aws-popularity-count", "aws-sims")) {
      String campaign = campaigns.get(recipe);
      assertInvalid(() -> runtime.getPersonalizedRanking(r -> r.campaignArn(campaign).userId("user-001").inputList("movie-001", "movie-002")), "call GetRecommendations");
    }
    String ranking = campaigns.get("aws-personalized-ranking");
    assertInvalid(() -> runtime.getRecommendations(r -> r.campaignArn(ranking).userId("user-001")), "call GetPersonalizedRanking");
    assertInvalid(() -> runtime.getRecommendations(r -> r.campaignArn(ranking).itemId("movie-001")), "call GetPersonalizedRanking");
    for (String recipe : List.of("aws-hrnn", "aws-hrnn-metadata", "aws-hrnn-coldstart", "aws-popularity-count")) {
      String campaign = campaigns.get(recipe);
      assertInvalid(() -> runtime.getRecommendations(r -> r.campaignArn(campaign).itemId("movie-001")), "userId is required");
      assertInvalid(() -> runtime.getRecommendations(r -> r.campaignArn(campaign)), "userId is required");
    }
    String sims = campaigns.get("aws-sims");
    assertInvalid(() -> runtime.getRecommendations(r -> r.campaignArn(sims).userId("user-001")), "itemId is required");
    assertInvalid(() -> runtime.getRecommendations(r -> r.campaignArn(sims)), "itemId is required");
  }

  // --- GetSolutionMetrics ----------------------------------------------------------------------

  @Test
  void every_recipe_reports_the_eight_offline_metrics_and_beats_the_popularity_baseline() {
    Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
    versions.forEach((recipe, v) -> metrics.put(recipe, personalize.getSolutionMetrics(r -> r.solutionVersionArn(v)).metrics()));
    metrics.forEach(
        (recipe, m) -> {
          assertThat(m.keySet()).as(recipe).containsExactlyInAnyOrderElementsOf(METRIC_KEYS);
          assertThat(m.values()).as(recipe).allSatisfy(value -> assertThat(value).isBetween(0.0, 1.0));
        });
    // Popularity recommends the same 25 of the 120 items to every held-out user.
    assertThat(metrics.get("aws-popularity-count")).containsEntry("coverage", Math.round(25.0 / 120 * 10_000) / 10_000.0);
    double baseline = metrics.get("aws-popularity-count").get("normalized_discounted_cumulative_gain_at_10");
    for (String recipe : List.of("aws-hrnn", "aws-hrnn-metadata", "aws-hrnn-coldstart", "aws-personalized-ranking", "aws-sims")) {
      assertThat(metrics.get(recipe).get("normalized_discounted_cumulative_gain_at_10")).as(recipe + " NDCG@10 against popularity's").isGreaterThan(baseline);
    }
  }
}

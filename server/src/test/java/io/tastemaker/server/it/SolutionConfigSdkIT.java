package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.GenreShop;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.Schemas;
import io.tastemaker.server.testing.Workflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.EventParameters;
import software.amazon.awssdk.services.personalize.model.InvalidInputException;
import software.amazon.awssdk.services.personalize.model.ObjectiveSensitivity;
import software.amazon.awssdk.services.personalize.model.SolutionConfig;
import software.amazon.awssdk.services.personalize.model.SolutionVersion;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;
import software.amazon.awssdk.services.personalizeruntime.model.PredictedItem;

/**
 * The solution configuration users send today, through the AWS SDK for Java v2, each changing what
 * a trained model answers: {@code eventsConfig} weights move aws-popularity-count's first item from
 * the most clicked to the most bought; with {@code trainingDataConfig} excluding GENRES, the
 * aws-hrnn-metadata models of two groups whose items differ only in GENRES answer identically (and
 * differently without it); {@code optimizationObjective} PRICE HIGH raises the mean price of users'
 * top 25. Unknown columns, a non-numeric item attribute and a missing dataset are refused, or fail
 * the version, naming the member and the value.
 */
class SolutionConfigSdkIT {
  private static final String ITEMS_SCHEMA =
      """
      {"type":"record","name":"Items","namespace":"com.amazonaws.personalize.schema","fields":[
        {"name":"ITEM_ID","type":"string"},
        {"name":"GENRES","type":["null","string"],"categorical":true},
        {"name":"PRICE","type":"float"},
        {"name":"CREATION_TIMESTAMP","type":"long"}],"version":"1.0"}""";

  @TempDir static Path dir;
  private static RunningServer server;
  private static PersonalizeClient personalize;
  private static PersonalizeRuntimeClient runtime;
  private static Path fixture;
  private static String events;
  private static String shop;
  private static String shuffled;
  private static final Map<String, Double> PRICE = new HashMap<>();

  @BeforeAll
  static void start() throws Exception {
    server = RunningServer.start(dir.resolve("data"));
    personalize = server.personalize();
    runtime = server.runtime();
    fixture = Files.createDirectories(server.localData().resolve("fixture"));
    events = Workflow.activeGroup(personalize, "events");
    Workflow.importInto(personalize, events, "Interactions", Schemas.INTERACTIONS, typedEvents(fixture.resolve("typed.csv")));
    Path interactions = GenreShop.generate().writeInteractions(fixture.resolve("interactions.csv"));
    shop = Workflow.activeGroup(personalize, "shop");
    Workflow.importInto(personalize, shop, "Interactions", Schemas.INTERACTIONS, interactions);
    Workflow.importInto(personalize, shop, "Items", ITEMS_SCHEMA, items(fixture.resolve("items.csv"), false));
    shuffled = Workflow.activeGroup(personalize, "shuffled");
    Workflow.importInto(personalize, shuffled, "Interactions", Schemas.INTERACTIONS, interactions);
    Workflow.importInto(personalize, shuffled, "Items", ITEMS_SCHEMA, items(fixture.resolve("shuffled.csv"), true));
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      runtime.close();
      personalize.close();
      server.close();
    }
  }

  /** 1,000 users view "viewed"; users 0..749 click "clicked"; users 0..499 buy "bought" with value u mod 10. */
  private static Path typedEvents(Path file) throws IOException {
    StringBuilder csv = new StringBuilder(GenreShop.INTERACTIONS_HEADER).append('\n');
    for (int u = 0; u < 1000; u++) {
      csv.append("u").append(u).append(",viewed,view,1,").append(GenreShop.BASE).append('\n');
      if (u < 750) {
        csv.append("u").append(u).append(",clicked,click,1,").append(GenreShop.BASE + 60).append('\n');
      }
      if (u < 500) {
        csv.append("u").append(u).append(",bought,purchase,").append(u % 10).append(',').append(GenreShop.BASE + 120).append('\n');
      }
    }
    return Files.writeString(file, csv);
  }

  /** The genre shop's movies with a price, (37 n mod 100) + 0.99; shuffled, each movie gets another genre. */
  private static Path items(Path file, boolean shuffle) throws IOException {
    StringBuilder csv = new StringBuilder("ITEM_ID,GENRES,PRICE,CREATION_TIMESTAMP\n");
    List<String> movies = GenreShop.movies();
    for (int n = 0; n < movies.size(); n++) {
      double price = (37 * n) % 100 + 0.99;
      PRICE.put(movies.get(n), price);
      String genre = GenreShop.genreOf(movies.get(shuffle ? (n * 7 + 3) % movies.size() : n));
      csv.append(movies.get(n)).append(',').append(genre).append(',').append(price).append(',').append(GenreShop.BASE - 200 * GenreShop.DAY).append('\n');
    }
    return Files.writeString(file, csv);
  }

  private static String campaign(String group, String recipe, SolutionConfig.Builder config) {
    String solution = solution(group, recipe, config.build());
    return Workflow.activeCampaign(personalize, Workflow.trainedVersion(personalize, solution).solutionVersionArn());
  }

  private static List<PredictedItem> recommend(String campaign, String user, int n) {
    return runtime.getRecommendations(r -> r.campaignArn(campaign).userId(user).numResults(n)).itemList();
  }

  private static EventParameters weight(String type, double weight) {
    return EventParameters.builder().eventType(type).weight(weight).build();
  }

  @Test
  void a_weighted_event_type_moves_the_answer() {
    String plain = campaign(events, "aws-popularity-count", SolutionConfig.builder());
    assertThat(recommend(plain, "u0", 3)).extracting(PredictedItem::itemId).containsExactly("viewed", "clicked", "bought");
    String weighted = campaign(events, "aws-popularity-count", SolutionConfig.builder()
        .eventsConfig(e -> e.eventParametersList(weight("click", 0.1), weight("purchase", 1.0))));
    // Views are not listed, so they do not train; a tenth of the clicks weigh against every purchase.
    assertThat(recommend(weighted, "u0", 3)).extracting(PredictedItem::itemId).containsExactly("bought", "clicked");
    // A purchase threshold of 6 keeps the 200 purchases valued 6..9 (u mod 10) with the 750 clicks: 950,
    // under the minimum of 1,000, and the version says so; at 5 it keeps 250 and trains.
    String valued = solution(events, "aws-popularity-count", SolutionConfig.builder()
        .eventsConfig(e -> e.eventParametersList(weight("click", 1.0), EventParameters.builder().eventType("purchase").eventValueThreshold(6.0).weight(1.0).build())).build());
    SolutionVersion refused = versionOf(valued);
    assertThat(refused.status()).isEqualTo("CREATE FAILED");
    assertThat(refused.failureReason()).contains("Dataset has 950 interactions after the solution's event filters");
    String enough = campaign(events, "aws-popularity-count", SolutionConfig.builder()
        .eventsConfig(e -> e.eventParametersList(weight("click", 1.0), EventParameters.builder().eventType("purchase").eventValueThreshold(5.0).weight(1.0).build())));
    assertThat(recommend(enough, "u0", 3)).extracting(PredictedItem::itemId).containsExactly("clicked", "bought");
  }

  private static String solution(String group, String recipe, SolutionConfig config) {
    return personalize.createSolution(r -> r.name(Workflow.unique("cfg")).datasetGroupArn(group).performAutoTraining(false)
        .recipeArn("arn:aws:personalize:::recipe/" + recipe).solutionConfig(config)).solutionArn();
  }

  private static SolutionVersion versionOf(String solution) {
    Await.finalStatus(() -> personalize.describeSolution(r -> r.solutionArn(solution)).solution().status(), Workflow.WAIT);
    String version = personalize.createSolutionVersion(r -> r.solutionArn(solution)).solutionVersionArn();
    Await.finalStatus(() -> personalize.describeSolutionVersion(r -> r.solutionVersionArn(version)).solutionVersion().status(), Workflow.TRAINING);
    return personalize.describeSolutionVersion(r -> r.solutionVersionArn(version)).solutionVersion();
  }

  @Test
  void an_excluded_column_stops_mattering() {
    Map<String, String> quick = Workflow.QUICK_HRNN;
    SolutionConfig.Builder excluded = SolutionConfig.builder().algorithmHyperParameters(quick)
        .trainingDataConfig(t -> t.excludedDatasetColumns(Map.of("ITEMS", List.of("GENRES"))));
    List<PredictedItem> real = recommend(campaign(shop, "aws-hrnn-metadata", excluded), "user-000", 10);
    List<PredictedItem> other = recommend(campaign(shuffled, "aws-hrnn-metadata", excluded), "user-000", 10);
    assertThat(other).isEqualTo(real);
    List<PredictedItem> realWithGenres = recommend(campaign(shop, "aws-hrnn-metadata", SolutionConfig.builder().algorithmHyperParameters(quick)), "user-000", 10);
    List<PredictedItem> otherWithGenres = recommend(campaign(shuffled, "aws-hrnn-metadata", SolutionConfig.builder().algorithmHyperParameters(quick)), "user-000", 10);
    assertThat(otherWithGenres).isNotEqualTo(realWithGenres);
  }

  @Test
  void the_objective_raises_the_mean_price_of_the_top_25() {
    String plain = campaign(shop, "aws-hrnn", SolutionConfig.builder().algorithmHyperParameters(Workflow.QUICK_HRNN));
    String dear = campaign(shop, "aws-hrnn", SolutionConfig.builder().algorithmHyperParameters(Workflow.QUICK_HRNN)
        .optimizationObjective(o -> o.itemAttribute("PRICE").objectiveSensitivity(ObjectiveSensitivity.HIGH)));
    double before = meanPrice(plain);
    double after = meanPrice(dear);
    System.out.printf("genre shop, mean price of users' top 25: %.2f plain, %.2f with PRICE HIGH%n", before, after);
    assertThat(after).isGreaterThan(before);
  }

  private static double meanPrice(String campaign) {
    List<Double> prices = new ArrayList<>();
    for (int u = 0; u < GenreShop.USERS; u += 6) {
      recommend(campaign, GenreShop.userId(u), 25).forEach(item -> prices.add(PRICE.getOrDefault(item.itemId(), 0.0)));
    }
    return prices.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }

  @Test
  void unknown_columns_and_attributes_are_refused_naming_the_member_and_the_value() {
    assertThatThrownBy(() -> personalize.createSolution(r -> r.name(Workflow.unique("bad")).datasetGroupArn(shop).recipeArn("arn:aws:personalize:::recipe/aws-hrnn-metadata")
            .solutionConfig(c -> c.trainingDataConfig(t -> t.excludedDatasetColumns(Map.of("ITEMS", List.of("COLOUR")))))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("solutionConfig.trainingDataConfig.excludedDatasetColumns.ITEMS names COLOUR, which is not a column of the ITEMS dataset's schema");
    assertThatThrownBy(() -> personalize.createSolution(r -> r.name(Workflow.unique("bad")).datasetGroupArn(shop).recipeArn("arn:aws:personalize:::recipe/aws-hrnn")
            .solutionConfig(c -> c.optimizationObjective(o -> o.itemAttribute("GENRES")))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("solutionConfig.optimizationObjective.itemAttribute GENRES must be a numeric Items column (int, long, float or double), but it is string");
    assertThatThrownBy(() -> personalize.createSolution(r -> r.name(Workflow.unique("bad")).datasetGroupArn(shop).recipeArn("arn:aws:personalize:::recipe/aws-hrnn")
            .solutionConfig(c -> c.eventsConfig(e -> e.eventParametersList(weight("watch", 1), weight("watch", 0.5))))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("solutionConfig.eventsConfig.eventParametersList[1].eventType lists watch a second time");
    // The group has no Users dataset yet: accepted, and the version fails saying why.
    String solution = personalize.createSolution(r -> r.name(Workflow.unique("nousers")).datasetGroupArn(shop).performAutoTraining(false)
        .recipeArn("arn:aws:personalize:::recipe/aws-hrnn-metadata")
        .solutionConfig(c -> c.trainingDataConfig(t -> t.excludedDatasetColumns(Map.of("USERS", List.of("AGE")))))).solutionArn();
    SolutionVersion failed = versionOf(solution);
    assertThat(failed.status()).isEqualTo("CREATE FAILED");
    assertThat(failed.failureReason()).contains("solutionConfig.trainingDataConfig.excludedDatasetColumns.USERS names columns of a USERS dataset, but the dataset group has none");
    assertThat(Set.of(failed.solutionConfig().trainingDataConfig().excludedDatasetColumns().get("USERS").get(0))).containsExactly("AGE");
  }
}

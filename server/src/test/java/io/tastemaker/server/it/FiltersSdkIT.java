package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.GenreShop;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.TestDatabase;
import io.tastemaker.server.testing.Schemas;
import io.tastemaker.server.testing.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.LimitExceededException;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeevents.model.Event;
import software.amazon.awssdk.services.personalizeevents.model.Item;
import software.amazon.awssdk.services.personalizeevents.model.User;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;
import software.amazon.awssdk.services.personalizeruntime.model.InvalidInputException;
import software.amazon.awssdk.services.personalizeruntime.model.PredictedItem;

/**
 * Filters through the AWS SDK for Java v2 on the genre shop ({@link GenreShop}): aws-hrnn,
 * aws-personalized-ranking and aws-sims campaigns answer with every documented filter form (Items
 * fields with IN, NOT IN, = and comparisons, placeholders, Interactions event types with a list and
 * {@code "*"}, {@code IF CurrentUser}, {@code CurrentItem}, chains of expressions), streamed events
 * and put items change filtered answers at once, and bad expressions and values are refused with a
 * message that points at the problem.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class FiltersSdkIT {
  /** The database the class's server keeps its metadata in; each runs the whole class. */
  @Parameter TestDatabase database;
  private static final Duration WAIT = Workflow.WAIT;
  private static final GenreShop SHOP = GenreShop.generate();

  private static RunningServer server;
  private static PersonalizeClient personalize;
  private static PersonalizeRuntimeClient runtime;
  private static PersonalizeEventsClient events;
  private static String group;
  private static String itemsDataset;
  private static String usersDataset;
  private static String trackingId;
  private static String hrnn;
  private static String ranking;
  private static String sims;
  private static final List<String> created = new ArrayList<>();

  @BeforeParameterizedClassInvocation
  static void trainAndDeploy(TestDatabase database) throws Exception {
    server = RunningServer.start(database);
    personalize = server.personalize();
    runtime = server.runtime();
    events = server.events();
    Path dir = Files.createDirectories(server.localData().resolve("fixture"));
    group = Workflow.activeGroup(personalize, "filters");
    importInto("Interactions", Schemas.INTERACTIONS, SHOP.writeInteractions(dir.resolve("interactions.csv")));
    itemsDataset = importInto("Items", Schemas.ITEMS, GenreShop.writeItems(dir.resolve("items.csv")));
    usersDataset = importInto("Users", Schemas.USERS, SHOP.writeUsers(dir.resolve("users.csv")));
    trackingId = Workflow.trackingId(personalize, group);
    hrnn = deployed("aws-hrnn", Workflow.QUICK_HRNN);
    ranking = deployed("aws-personalized-ranking", Workflow.QUICK_HRNN);
    sims = deployed("aws-sims", Map.of("max_item_interaction_count_percentile", "1.0"));
  }

  @AfterParameterizedClassInvocation
  static void stop() throws Exception {
    if (server != null) {
      events.close();
      runtime.close();
      personalize.close();
      server.close();
    }
  }

  private static String unique(String prefix) {
    return Workflow.unique(prefix);
  }

  private static String importInto(String type, String schemaText, Path file) {
    return Workflow.importInto(personalize, group, type, schemaText, file);
  }

  private static String deployed(String recipe, Map<String, String> knobs) {
    return Workflow.deployed(personalize, group, recipe, knobs);
  }

  /** Deletes the test's filters: a group holds at most ten. */
  @AfterEach
  void deleteFilters() {
    for (String arn : created) {
      personalize.deleteFilter(r -> r.filterArn(arn));
      Await.condition(() -> personalize.listFilters(r -> r.datasetGroupArn(group)).filters().stream().noneMatch(f -> f.filterArn().equals(arn)), WAIT, arn + " deleted");
    }
    created.clear();
  }

  private static String filter(String expression) {
    String arn = personalize.createFilter(r -> r.name(unique("f")).datasetGroupArn(group).filterExpression(expression)).filterArn();
    created.add(arn);
    assertThat(Await.finalStatus(() -> personalize.describeFilter(r -> r.filterArn(arn)).filter().status(), WAIT)).isEqualTo("ACTIVE");
    return arn;
  }

  private static List<String> recommend(String user, int n, String filterArn, Map<String, String> values) {
    return runtime.getRecommendations(r -> r.campaignArn(hrnn).userId(user).numResults(n).filterArn(filterArn).filterValues(values)).itemList().stream()
        .map(PredictedItem::itemId).toList();
  }

  private static List<String> watched(String user) {
    return SHOP.events().stream().filter(e -> e.user().equals(user)).map(GenreShop.Event::item).distinct().toList();
  }

  @Test
  void a_genre_placeholder_keeps_only_that_genre_and_still_fills_num_results() {
    String genre = filter("INCLUDE ItemID WHERE Items.GENRES IN ($GENRE)");
    List<String> drama = recommend("user-000", 10, genre, Map.of("GENRE", "\"Drama\""));
    assertThat(drama).hasSize(10).allSatisfy(id -> assertThat(GenreShop.genreOf(id)).isEqualTo("Drama"));
    List<String> two = recommend("user-000", 30, genre, Map.of("GENRE", "\"Drama\",\"Horror\""));
    assertThat(two).hasSize(30).allSatisfy(id -> assertThat(GenreShop.genreOf(id)).isIn("Drama", "Horror"));
    // An INCLUDE placeholder must be given.
    assertThatThrownBy(() -> recommend("user-000", 10, genre, Map.of())).isInstanceOf(InvalidInputException.class).hasMessageContaining("GENRE");
    assertThatThrownBy(() -> recommend("user-000", 10, genre, Map.of("GENRE", "Drama\""))).isInstanceOf(InvalidInputException.class).hasMessageContaining("GENRE");
  }

  @Test
  void exclusions_by_value_and_not_in_drop_what_they_name() {
    String exclude = filter("EXCLUDE ItemID WHERE Items.GENRES IN (\"Action\", \"Comedy\")");
    assertThat(recommend("user-000", 100, exclude, Map.of())).isNotEmpty().allSatisfy(id -> assertThat(GenreShop.genreOf(id)).isNotIn("Action", "Comedy"));
    String notIn = filter("INCLUDE ItemID WHERE Items.GENRES NOT IN (\"Action\")");
    assertThat(recommend("user-000", 90, notIn, Map.of())).hasSize(90).allSatisfy(id -> assertThat(GenreShop.genreOf(id)).isNotEqualTo("Action"));
  }

  @Test
  void interactions_conditions_see_the_imported_and_the_streamed_history() {
    String unseen = filter("EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"watch\")");
    List<String> seen = watched("user-003");
    List<String> answer = recommend("user-003", 100, unseen, Map.of());
    assertThat(answer).hasSize(100).doesNotContainAnyElementsOf(seen);
    String next = answer.get(0);
    events.putEvents(r -> r.trackingId(trackingId).userId("user-003").sessionId("s3")
        .eventList(Event.builder().eventType("WATCH").itemId(next).sentAt(Instant.ofEpochSecond(GenreShop.BASE + 500_000)).build()));
    assertThat(recommend("user-003", 100, unseen, Map.of())).as("after streaming " + next).doesNotContain(next);
    String again = filter("INCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"*\")");
    assertThat(recommend("user-003", 500, again, Map.of())).containsExactlyInAnyOrderElementsOf(concat(seen, next));
  }

  private static List<String> concat(List<String> list, String one) {
    List<String> all = new ArrayList<>(list);
    if (!all.contains(one)) {
      all.add(one);
    }
    return all;
  }

  @Test
  void an_if_clause_applies_only_to_the_users_it_names() {
    String menNoComedy = filter("EXCLUDE ItemID WHERE Items.GENRES IN (\"Comedy\") IF CurrentUser.GENDER IN (\"M\")");
    // user-001 is a man who watches comedies; user-004 a woman.
    assertThat(recommend("user-001", 500, menNoComedy, Map.of())).isNotEmpty().noneMatch(id -> GenreShop.genreOf(id).equals("Comedy"));
    assertThat(recommend("user-004", 500, menNoComedy, Map.of())).anyMatch(id -> GenreShop.genreOf(id).equals("Comedy"));
  }

  @Test
  void a_put_user_changes_an_if_clause_at_once() {
    String womenNoDrama = filter("EXCLUDE ItemID WHERE Items.GENRES IN (\"Drama\") IF CurrentUser.GENDER IN (\"F\")");
    // user-009 is a man who watches dramas (9 % 6 = 3).
    assertThat(recommend("user-009", 500, womenNoDrama, Map.of())).anyMatch(id -> GenreShop.genreOf(id).equals("Drama"));
    events.putUsers(r -> r.datasetArn(usersDataset).users(User.builder().userId("user-009")
        .properties("{\"age\": 30, \"gender\": \"F\"}").build()));
    assertThat(recommend("user-009", 500, womenNoDrama, Map.of())).isNotEmpty().noneMatch(id -> GenreShop.genreOf(id).equals("Drama"));
  }

  @Test
  void chained_expressions_combine_includes_and_excludes() {
    String chain = filter("INCLUDE ItemID WHERE Items.GENRES IN (\"Drama\", \"SciFi\") | EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"watch\")");
    List<String> answer = recommend("user-003", 200, chain, Map.of());
    assertThat(answer).isNotEmpty().doesNotContainAnyElementsOf(watched("user-003")).allSatisfy(id -> assertThat(GenreShop.genreOf(id)).isIn("Drama", "SciFi"));
  }

  @Test
  void current_item_keeps_related_items_of_the_query_item_s_genre() {
    String sameGenre = filter("INCLUDE ItemID WHERE Items.GENRES IN CurrentItem.GENRES");
    for (String item : List.of("movie-005", "movie-047", "movie-110")) {
      List<String> related = runtime.getRecommendations(r -> r.campaignArn(sims).itemId(item).numResults(15).filterArn(sameGenre)).itemList().stream()
          .map(PredictedItem::itemId).toList();
      assertThat(related).hasSize(15).allSatisfy(id -> assertThat(GenreShop.genreOf(id)).isEqualTo(GenreShop.genreOf(item)));
    }
  }

  @Test
  void a_ranking_keeps_only_what_the_filter_allows_and_scores_what_stays() {
    String older = filter("INCLUDE ItemID WHERE Items.CREATION_TIMESTAMP < $DATE");
    List<String> input = List.of("movie-001", "new-001", "movie-050", "new-060", "movie-100", "not-in-any-dataset");
    List<PredictedItem> ranked = runtime.getPersonalizedRanking(r -> r.campaignArn(ranking).userId("user-002").inputList(input).filterArn(older)
        .filterValues(Map.of("DATE", Long.toString(GenreShop.BASE)))).personalizedRanking();
    // The new movies were created after BASE; an item without a record satisfies no condition.
    assertThat(ranked).extracting(PredictedItem::itemId).containsExactlyInAnyOrder("movie-001", "movie-050", "movie-100");
    assertThat(ranked.stream().mapToDouble(PredictedItem::score).sum()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-6));
  }

  @Test
  void equality_comparisons_and_or_combine_within_an_expression() {
    String newAction = filter("INCLUDE ItemID WHERE Items.CREATION_TIMESTAMP >= $FROM AND Items.GENRES = \"Action\" OR Items.GENRES = \"Horror\"");
    List<String> input = List.of("new-001", "new-030", "new-090", "movie-001", "movie-085", "movie-050");
    List<String> kept = runtime.getPersonalizedRanking(r -> r.campaignArn(ranking).userId("user-002").inputList(input).filterArn(newAction)
        .filterValues(Map.of("FROM", Long.toString(GenreShop.BASE)))).personalizedRanking().stream().map(PredictedItem::itemId).toList();
    // AND binds tighter than OR: new Action movies, or Horror movies of any age.
    assertThat(kept).containsExactlyInAnyOrder("new-001", "new-090", "movie-085");
    String upTo = filter("INCLUDE ItemID WHERE Items.CREATION_TIMESTAMP <= $UNTIL | INCLUDE ItemID WHERE Items.CREATION_TIMESTAMP > $AFTER");
    List<String> either = runtime.getPersonalizedRanking(r -> r.campaignArn(ranking).userId("user-002").inputList(input).filterArn(upTo)
        .filterValues(Map.of("UNTIL", Long.toString(GenreShop.BASE - 300 * GenreShop.DAY), "AFTER", Long.toString(GenreShop.BASE + 30 * GenreShop.DAY + 60 * 29))))
        .personalizedRanking().stream().map(PredictedItem::itemId).toList();
    // Nothing is that old; new-n was created at BASE + 30 days + n minutes.
    assertThat(either).containsExactlyInAnyOrder("new-030", "new-090");
  }

  @Test
  void a_put_item_changes_filtered_answers_at_once() {
    String action = filter("INCLUDE ItemID WHERE Items.GENRES IN (\"Action\")");
    assertThat(recommend("user-000", 500, action, Map.of())).doesNotContain("movie-119");
    events.putItems(r -> r.datasetArn(itemsDataset).items(Item.builder().itemId("movie-119").properties("{\"genres\":\"Action|SciFi\",\"creationTimestamp\":1}").build()));
    assertThat(recommend("user-000", 500, action, Map.of())).contains("movie-119");
  }

  @Test
  void bad_expressions_are_refused_with_where_and_why() {
    assertThatThrownBy(() -> personalize.createFilter(r -> r.name(unique("bad")).datasetGroupArn(group).filterExpression("INCLUDE ItemID WHERE Items.GENRES LIKE (\"Drama\")")))
        .isInstanceOf(software.amazon.awssdk.services.personalize.model.InvalidInputException.class).hasMessageContaining("character").hasMessageContaining("LIKE");
    assertThatThrownBy(() -> personalize.createFilter(r -> r.name(unique("bad")).datasetGroupArn(group).filterExpression("INCLUDE ItemID WHERE Items.COLOUR IN (\"red\")")))
        .isInstanceOf(software.amazon.awssdk.services.personalize.model.InvalidInputException.class).hasMessageContaining("Items.COLOUR").hasMessageContaining("GENRES");
    assertThatThrownBy(() -> personalize.createFilter(r -> r.name(unique("bad")).datasetGroupArn(group)
            .filterExpression("INCLUDE ItemID WHERE Items.GENRES IN (\"Drama\") AND Interactions.EVENT_TYPE IN (\"watch\")")))
        .isInstanceOf(software.amazon.awssdk.services.personalize.model.InvalidInputException.class).hasMessageContaining("Interactions");
    assertThatThrownBy(() -> personalize.createFilter(r -> r.name(unique("bad")).datasetGroupArn(group).filterExpression("EXCLUDE ItemID WHERE Items.GENRES NOT IN ($G)")))
        .isInstanceOf(software.amazon.awssdk.services.personalize.model.InvalidInputException.class).hasMessageContaining("NOT IN");
  }

  @Test
  void too_many_fields_in_one_filter_is_refused() {
    assertThatThrownBy(() -> personalize.createFilter(r -> r.name(unique("wide")).datasetGroupArn(group)
            .filterExpression("INCLUDE ItemID WHERE Items.GENRES IN (\"a\") AND Items.CREATION_TIMESTAMP > 1 | EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"x\")"
                + " | EXCLUDE ItemID WHERE Items.ITEM_ID IN (\"q\") IF CurrentUser.AGE > 3 AND CurrentUser.GENDER IN (\"M\") AND CurrentUser.USER_ID IN (\"u\")")))
        .isInstanceOfAny(software.amazon.awssdk.services.personalize.model.InvalidInputException.class, LimitExceededException.class).hasMessageContaining("5");
  }
}

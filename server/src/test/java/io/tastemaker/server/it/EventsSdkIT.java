package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.TestDatabase;
import io.tastemaker.server.testing.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeevents.model.Event;
import software.amazon.awssdk.services.personalizeevents.model.InvalidInputException;
import software.amazon.awssdk.services.personalizeevents.model.Item;
import software.amazon.awssdk.services.personalizeevents.model.User;
import software.amazon.awssdk.services.personalizeevents.model.ResourceNotFoundException;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;
import software.amazon.awssdk.services.personalizeruntime.model.PredictedItem;

/**
 * Events through the AWS SDK for Java v2: an aws-hrnn campaign trained on users walking a cycle of
 * 30 items (item-k, then item-k+1) answers from the events PutEvents sends at once, for known users,
 * new users and anonymous sessions later claimed by a user; a repeated event id counts once; bad
 * events and records are refused naming the member; PutItems and PutUsers check their schema.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class EventsSdkIT {
  /** The database the class's server keeps its metadata in; each runs the whole class. */
  @Parameter TestDatabase database;
  private static final int ITEMS = 30;
  private static final long BASE = 1_700_000_000L;
  private static final String INTERACTIONS_SCHEMA =
      """
      {"type":"record","name":"Interactions","namespace":"com.amazonaws.personalize.schema","fields":[
        {"name":"USER_ID","type":"string"},{"name":"ITEM_ID","type":"string"},{"name":"EVENT_TYPE","type":"string"},
        {"name":"TIMESTAMP","type":"long"},{"name":"DEVICE","type":["null","string"],"categorical":true}],"version":"1.0"}""";
  private static final String ITEMS_SCHEMA =
      """
      {"type":"record","name":"Items","namespace":"com.amazonaws.personalize.schema","fields":[
        {"name":"ITEM_ID","type":"string"},{"name":"GENRES","type":["null","string"],"categorical":true},
        {"name":"PRICE","type":"float"}],"version":"1.0"}""";
  private static final String USERS_SCHEMA =
      """
      {"type":"record","name":"Users","namespace":"com.amazonaws.personalize.schema","fields":[
        {"name":"USER_ID","type":"string"},{"name":"MEMBERSHIP","type":"string","categorical":true}],"version":"1.0"}""";

  private static RunningServer server;
  private static PersonalizeClient personalize;
  private static PersonalizeRuntimeClient runtime;
  private static PersonalizeEventsClient events;
  private static String campaign;
  private static String trackingId;
  private static String group;
  private static String itemsDataset;
  private static String usersDataset;
  /** Event times after all training data, one minute apart, so each call continues a session. */
  private static final AtomicLong clock = new AtomicLong(BASE + 100_000);

  @BeforeParameterizedClassInvocation
  static void trainDeployAndTrack(TestDatabase database) throws Exception {
    server = RunningServer.start(database);
    personalize = server.personalize();
    runtime = server.runtime();
    events = server.events();
    group = Workflow.activeGroup(personalize, "events");
    String interactions = Workflow.activeDataset(personalize, group, "Interactions", INTERACTIONS_SCHEMA);
    itemsDataset = Workflow.activeDataset(personalize, group, "Items", ITEMS_SCHEMA);
    usersDataset = Workflow.activeDataset(personalize, group, "Users", USERS_SCHEMA);
    Path csv = Files.createDirectories(server.localData().resolve("fixture")).resolve("interactions.csv");
    Files.writeString(csv, cycles());
    Workflow.importCsv(personalize, interactions, csv);
    trackingId = Workflow.trackingId(personalize, group);
    campaign = deployed(group, "aws-hrnn");
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

  /** 200 users, each walking the cycle from a random item for 8 to 16 steps. */
  private static String cycles() {
    SplittableRandom random = new SplittableRandom(5);
    StringBuilder csv = new StringBuilder("USER_ID,ITEM_ID,EVENT_TYPE,TIMESTAMP,DEVICE\n");
    for (int u = 0; u < 200; u++) {
      int item = random.nextInt(ITEMS);
      int steps = 8 + random.nextInt(9);
      for (int k = 0; k < steps; k++) {
        csv.append("user-").append(u).append(",item-").append(item).append(",watch,").append(BASE + 60L * k).append(",tv\n");
        item = (item + 1) % ITEMS;
      }
    }
    return csv.toString();
  }

  private static String deployed(String group, String recipe) {
    Map<String, String> knobs =
        recipe.equals("aws-popularity-count") ? Map.of() : Map.of("hidden_dimension", "32", "epochs", "10", "batch_size", "32", "bptt", "8", "threads", "2");
    return Workflow.deployed(personalize, group, recipe, knobs);
  }

  private static Event watch(int item) {
    return Event.builder().eventType("watch").itemId("item-" + item).sentAt(Instant.ofEpochSecond(clock.addAndGet(60))).build();
  }

  private static void put(String userId, String sessionId, Event... list) {
    events.putEvents(r -> r.trackingId(trackingId).userId(userId).sessionId(sessionId).eventList(list));
  }

  private static List<String> top(String userId, int n) {
    return runtime.getRecommendations(r -> r.campaignArn(campaign).userId(userId).numResults(n)).itemList().stream().map(PredictedItem::itemId).toList();
  }

  @Test
  void a_known_user_s_next_answer_follows_the_events_at_once() {
    List<String> before = top("user-7", 3);
    put("user-7", "s-user-7", watch(10), watch(11));
    List<String> after = top("user-7", 3);
    assertThat(after).as("after watching item-10 and item-11").contains("item-12").isNotEqualTo(before);
    put("user-7", "s-user-7", watch(12));
    assertThat(top("user-7", 3)).contains("item-13");
  }

  @Test
  void a_new_user_gets_popular_items_first_then_personal_ones() {
    assertThat(top("newcomer", 10)).isEqualTo(top("another-stranger", 10));
    put("newcomer", "s-newcomer", watch(20), watch(21));
    assertThat(top("newcomer", 3)).contains("item-22");
  }

  @Test
  void an_anonymous_session_becomes_the_user_s_who_claims_it() {
    put(null, "anonymous-session", watch(3), watch(4));
    assertThat(top("anonymous-session", 3)).as("the session's own answer").contains("item-5");
    put("claimer", "anonymous-session", watch(5));
    assertThat(top("claimer", 3)).contains("item-6");
    // The session's events are the claimer's now; the session alone is a stranger again.
    assertThat(top("anonymous-session", 10)).isEqualTo(top("another-stranger", 10));
    put(null, "anonymous-session", watch(6));
    assertThat(top("claimer", 3)).as("a later anonymous event of the claimed session").contains("item-7");
  }

  @Test
  void an_event_id_sent_again_counts_once() {
    Event first = watch(14).toBuilder().eventId("once").build();
    Event again = watch(25).toBuilder().eventId("once").build();
    put("repeater", "s-repeater", first);
    put("repeater", "s-repeater", again);
    assertThat(top("repeater", 3)).contains("item-15").doesNotContain("item-26");
  }

  @Test
  void bad_events_are_refused_naming_the_member_and_change_nothing() {
    assertThatThrownBy(() -> events.putEvents(r -> r.trackingId("no-such-tracker").sessionId("s").eventList(watch(1))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("no-such-tracker");
    assertThatThrownBy(() -> put("careful", "s-careful", watch(1), watch(2).toBuilder().properties("{\"colour\":\"red\"}").build()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("eventList[1].properties").hasMessageContaining("colour").hasMessageContaining("device");
    assertThatThrownBy(() -> put("careful", "s-careful", watch(1).toBuilder().properties("{\"userId\":\"other\"}").build()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("userId");
    assertThatThrownBy(() -> put("careful", "s-careful", watch(1).toBuilder().properties("{\"device\":{\"kind\":\"phone\"}}").build()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("device").hasMessageContaining("single value");
    assertThatThrownBy(() -> put("careful", "s-careful", Event.builder().eventType("watch").sentAt(Instant.now()).build()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("eventList[0].itemId");
    List<Event> eleven = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      eleven.add(watch(i));
    }
    assertThatThrownBy(() -> events.putEvents(r -> r.trackingId(trackingId).userId("careful").sessionId("s-careful").eventList(eleven)))
        .isInstanceOf(InvalidInputException.class);
    // Nothing of the refused calls was stored: careful is still a stranger.
    assertThat(top("careful", 10)).isEqualTo(top("another-stranger", 10));
    put("careful", "s-careful", watch(1).toBuilder().properties("{\"device\":\"phone\"}").build());
    assertThat(top("careful", 3)).contains("item-2");
  }

  @Test
  void streamed_events_and_put_items_train_with_the_next_solution_version() {
    // 120 users stream a brand-new item; no imported item has more than about 80 users.
    for (int u = 0; u < 120; u++) {
      String user = "fan-" + u;
      put(user, "s-" + user, Event.builder().eventType("watch").itemId("brand-new").sentAt(Instant.ofEpochSecond(clock.addAndGet(60))).build());
    }
    String popularity = deployed(group, "aws-popularity-count");
    assertThat(runtime.getRecommendations(r -> r.campaignArn(popularity).userId("anyone").numResults(1)).itemList().get(0).itemId()).isEqualTo("brand-new");
    // 120 items put one call of ten at a time, none with interactions: aws-hrnn-coldstart learns them from their genres.
    for (int call = 0; call < 12; call++) {
      List<Item> batch = new ArrayList<>();
      for (int k = 0; k < 10; k++) {
        int n = call * 10 + k;
        batch.add(item("fresh-" + n, "{\"genres\":\"" + (n % 2 == 0 ? "Comedy" : "Drama") + "\",\"price\":" + n + "}"));
      }
      events.putItems(r -> r.datasetArn(itemsDataset).items(batch));
    }
    String coldstart = deployed(group, "aws-hrnn-coldstart");
    List<String> all = runtime.getRecommendations(r -> r.campaignArn(coldstart).userId("user-3").numResults(500)).itemList().stream().map(PredictedItem::itemId).toList();
    assertThat(all).filteredOn(id -> id.startsWith("fresh-")).hasSize(120);
  }

  private static Item item(String id, String properties) {
    return Item.builder().itemId(id).properties(properties).build();
  }

  private static User user(String id, String properties) {
    return User.builder().userId(id).properties(properties).build();
  }

  @Test
  void put_items_and_put_users_check_their_dataset_s_schema() {
    events.putItems(r -> r.datasetArn(itemsDataset).items(item("item-1", "{\"genres\":\"Comedy|Drama\",\"price\":9.5}")));
    events.putUsers(r -> r.datasetArn(usersDataset).users(user("user-1", "{\"membership\":\"gold\"}")));
    assertThatThrownBy(() -> events.putItems(r -> r.datasetArn(itemsDataset).items(item("item-2", "{\"genres\":\"Comedy\",\"colour\":\"red\",\"price\":1}"))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("items[0].properties").hasMessageContaining("colour");
    assertThatThrownBy(() -> events.putItems(r -> r.datasetArn(itemsDataset).items(item("item-2", "{\"genres\":\"Comedy\",\"price\":\"cheap\"}"))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("price").hasMessageContaining("number");
    assertThatThrownBy(() -> events.putItems(r -> r.datasetArn(itemsDataset).items(item("item-2", "{\"genres\":\"Comedy\"}"))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("price");
    assertThatThrownBy(() -> events.putItems(r -> r.datasetArn(usersDataset).items(item("item-2", "{\"membership\":\"gold\"}"))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("not an Items dataset");
    String missing = itemsDataset.replace("/ITEMS", "-gone/ITEMS");
    assertThatThrownBy(() -> events.putItems(r -> r.datasetArn(missing).items(item("item-2", "{\"price\":1}"))))
        .isInstanceOf(ResourceNotFoundException.class);
  }
}

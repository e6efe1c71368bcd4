package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.Schemas;
import io.tastemaker.server.testing.Workflow;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.Campaign;
import software.amazon.awssdk.services.personalize.model.InvalidInputException;
import software.amazon.awssdk.services.personalize.model.InvalidNextTokenException;
import software.amazon.awssdk.services.personalize.model.Tag;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeevents.model.Event;
import software.amazon.awssdk.services.personalizeevents.model.Item;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;
import software.amazon.awssdk.services.personalizeruntime.model.Promotion;

/**
 * Numbers and ARNs through every client that can send them, against a deployed aws-popularity-count
 * campaign with an event tracker: the AWS SDK for Java v2 (whose Integer and Instant types already
 * bound what it can send), raw HTTP for what no client sends (1e400, 2^63), boto3 with its own
 * parameter validation off ({@code boto3_numbers.py}) and the Debian AWS CLI v2. Each refusal is
 * the error type the operation's model lists, names the member and the value, and stores nothing:
 * the events table and the campaign are read before and after.
 */
class NumbersAndArnsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final long SENT_AT = 1_700_000_000L;

  private static RunningServer server;
  private static PersonalizeClient personalize;
  private static PersonalizeRuntimeClient runtime;
  private static PersonalizeEventsClient events;
  private static String group;
  private static String solution;
  private static String version;
  private static String campaign;
  private static String trackingId;

  @BeforeAll
  static void deployAndTrack() throws Exception {
    server = RunningServer.start();
    personalize = server.personalize();
    runtime = server.runtime();
    events = server.events();
    group = Workflow.activeGroup(personalize, "numbers");
    Workflow.importGenreShop(personalize, group, Files.createDirectories(server.localData().resolve("fixture")));
    version = Workflow.trainedVersion(personalize, group, "aws-popularity-count", Map.of());
    solution = personalize.describeSolutionVersion(r -> r.solutionVersionArn(version)).solutionVersion().solutionArn();
    campaign = Workflow.activeCampaign(personalize, version);
    trackingId = Workflow.trackingId(personalize, group);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  /** Rows in the events table, read from the database file beside the running server. */
  private static long storedEvents() throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("tastemaker.db"));
        Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM events")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static HttpResponse<String> control(String operation, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(server.endpoint().resolve("/"))
            .header("Content-Type", "application/x-amz-json-1.1")
            .header("X-Amz-Target", "AmazonPersonalize." + operation)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> putEvents(String event) throws Exception {
    String body = "{\"trackingId\":\"" + trackingId + "\",\"sessionId\":\"raw\",\"userId\":\"raw-user\",\"eventList\":[" + event + "]}";
    HttpRequest request =
        HttpRequest.newBuilder(server.endpoint().resolve("/events"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** The message of an InvalidInputException answer, checked to be one. */
  private static String invalidInput(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("__type").asText()).isEqualTo("InvalidInputException");
    return body.path("message").asText();
  }

  private static Campaign described() {
    return personalize.describeCampaign(r -> r.campaignArn(campaign)).campaign();
  }

  @Test
  void a_tps_beyond_32_bits_creates_no_campaign_and_changes_none() throws Exception {
    int before = personalize.listCampaigns(r -> r.solutionArn(solution)).campaigns().size();
    for (String tps : List.of("9223372036854775807", "2147483648", "4294967301", "-2147483649", "1e400", "1.5")) {
      String created = invalidInput(control("CreateCampaign",
          "{\"name\":\"" + Workflow.unique("tps") + "\",\"solutionVersionArn\":\"" + version + "\",\"minProvisionedTPS\":" + tps + "}"));
      assertThat(created).contains("at 'minProvisionedTPS'").contains("Member must be an integer between 1 and 2147483647");
      String updated = invalidInput(control("UpdateCampaign", "{\"campaignArn\":\"" + campaign + "\",\"minProvisionedTPS\":" + tps + "}"));
      assertThat(updated).contains("at 'minProvisionedTPS'");
    }
    assertThat(invalidInput(control("UpdateCampaign", "{\"campaignArn\":\"" + campaign + "\",\"minProvisionedTPS\":9223372036854775807}")))
        .contains("Value 9223372036854775807 at 'minProvisionedTPS'");
    assertThat(personalize.listCampaigns(r -> r.solutionArn(solution)).campaigns()).hasSize(before);
    assertThat(described().minProvisionedTPS()).isEqualTo(1);
    assertThat(described().latestCampaignUpdate()).isNull();
  }

  @Test
  void the_sdk_can_send_tps_below_one_and_is_refused() {
    for (int tps : new int[] {0, -1, Integer.MIN_VALUE}) {
      assertThatThrownBy(() -> personalize.updateCampaign(r -> r.campaignArn(campaign).minProvisionedTPS(tps)))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("Value " + tps + " at 'minProvisionedTPS'");
    }
    assertThat(described().latestCampaignUpdate()).isNull();
  }

  @Test
  void exploration_numbers_sent_as_strings_are_range_checked() {
    for (Map<String, String> exploration : List.of(Map.of("explorationWeight", "1.5"), Map.of("explorationWeight", "NaN"), Map.of("explorationItemAgeCutOff", "-30"),
        Map.of("exploration_weight", "-2147483649"), Map.of("exploration_item_age_cut_off", " 3x"), Map.of("explorationWieght", "0.3"))) {
      assertThatThrownBy(() -> personalize.updateCampaign(r -> r.campaignArn(campaign).campaignConfig(c -> c.itemExplorationConfig(exploration))))
          .as(exploration.toString())
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("campaignConfig.itemExplorationConfig." + exploration.keySet().iterator().next())
          .hasMessageContaining("got " + exploration.values().iterator().next());
    }
    assertThat(described().latestCampaignUpdate()).isNull();
  }

  @Test
  void exploration_settings_take_the_recipe_pages_spelling_too() {
    String other = personalize.createCampaign(r -> r.name(Workflow.unique("snake")).solutionVersionArn(version)
        .campaignConfig(c -> c.itemExplorationConfig(Map.of("exploration_weight", "0.5", "exploration_item_age_cut_off", "7")))).campaignArn();
    assertThat(personalize.describeCampaign(r -> r.campaignArn(other)).campaign().campaignConfig().itemExplorationConfig())
        .containsEntry("exploration_weight", "0.5").containsEntry("exploration_item_age_cut_off", "7");
  }

  @Test
  void sent_at_outside_1970_to_9999_is_refused_from_the_sdk_and_nothing_is_stored() throws Exception {
    long before = storedEvents();
    for (Instant sentAt : List.of(Instant.ofEpochSecond(-1), Instant.parse("+10000-01-01T00:00:00Z"), Instant.ofEpochMilli(Long.MAX_VALUE), Instant.ofEpochMilli(Long.MIN_VALUE))) {
      assertThatThrownBy(() -> events.putEvents(r -> r.trackingId(trackingId).sessionId("sdk").userId("sdk-user")
              .eventList(Event.builder().eventType("click").itemId("item-1").sentAt(sentAt).build())))
          .as(sentAt.toString())
          .isInstanceOf(software.amazon.awssdk.services.personalizeevents.model.InvalidInputException.class)
          .hasMessageContaining("at 'eventList.1.member.sentAt'")
          .hasMessageContaining("epoch seconds between 0 (1970-01-01T00:00:00Z) and 253402300799 (9999-12-31T23:59:59Z)");
    }
    assertThat(storedEvents()).isEqualTo(before);
  }

  @Test
  void event_values_that_are_no_finite_float_are_refused_from_the_sdk() throws Exception {
    long before = storedEvents();
    for (float value : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
      assertThatThrownBy(() -> events.putEvents(r -> r.trackingId(trackingId).sessionId("sdk").userId("sdk-user")
              .eventList(Event.builder().eventType("click").itemId("item-1").eventValue(value).sentAt(Instant.ofEpochSecond(SENT_AT)).build())))
          .as(Float.toString(value))
          .isInstanceOf(software.amazon.awssdk.services.personalizeevents.model.InvalidInputException.class)
          .hasMessageContaining("at 'eventList.1.member.eventValue'")
          .hasMessageContaining("Member must be a finite number");
    }
    assertThat(storedEvents()).isEqualTo(before);
  }

  @Test
  void numbers_no_client_sends_are_refused_over_raw_http_and_nothing_is_stored() throws Exception {
    long before = storedEvents();
    Map<String, String> refused =
        Map.of(
            "\"sentAt\":1e400", "Value 1E+400 at 'eventList.1.member.sentAt'",
            "\"sentAt\":1e100", "Value 1E+100 at 'eventList.1.member.sentAt'",
            "\"sentAt\":-1", "Value -1 at 'eventList.1.member.sentAt'",
            "\"sentAt\":1700000000000", "(1700000000000 looks like milliseconds)",
            "\"sentAt\":\"1700000000\"", "Value '1700000000' at 'eventList.1.member.sentAt'",
            "\"sentAt\":1700000000,\"eventValue\":1e100", "Value 1E+100 at 'eventList.1.member.eventValue'",
            "\"sentAt\":1700000000,\"eventValue\":\"NaN\"", "Value 'NaN' at 'eventList.1.member.eventValue'",
            "\"sentAt\":1700000000,\"eventValue\":\"12\"", "Value '12' at 'eventList.1.member.eventValue'");
    for (Map.Entry<String, String> e : refused.entrySet()) {
      assertThat(invalidInput(putEvents("{\"eventType\":\"click\",\"itemId\":\"item-1\"," + e.getKey() + "}"))).as(e.getKey()).contains(e.getValue());
    }
    assertThat(storedEvents()).isEqualTo(before);
    // The same event with numbers in range is stored, so the count above could have moved.
    HttpResponse<String> accepted = putEvents("{\"eventType\":\"click\",\"itemId\":\"item-1\",\"sentAt\":1700000000.5,\"eventValue\":3.4e38}");
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
    assertThat(storedEvents()).isEqualTo(before + 1);
  }

  @Test
  void arns_of_another_kind_are_refused_naming_the_member() {
    String schema = personalize.listSchemas(r -> r.maxResults(1)).schemas().get(0).schemaArn();
    assertThatThrownBy(() -> personalize.describeCampaign(r -> r.campaignArn(group)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("Value '" + group + "' at 'campaignArn'").hasMessageContaining("ARN of a campaign");
    assertThatThrownBy(() -> personalize.createCampaign(r -> r.name(Workflow.unique("kind")).solutionVersionArn(solution)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("at 'solutionVersionArn'").hasMessageContaining("ARN of a solution version");
    assertThatThrownBy(() -> personalize.createDataset(r -> r.name(Workflow.unique("kind")).datasetGroupArn(schema).schemaArn(schema).datasetType("Users")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("at 'datasetGroupArn'");
    assertThatThrownBy(() -> personalize.tagResource(r -> r.resourceArn(schema).tags(Tag.builder().tagKey("k").tagValue("v").build())))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("at 'resourceArn'");
    assertThatThrownBy(() -> personalize.listSolutionVersions(r -> r.solutionArn(version)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("at 'solutionArn'");
    assertThatThrownBy(() -> events.putItems(r -> r.datasetArn(group).items(Item.builder().itemId("x").build())))
        .isInstanceOf(software.amazon.awssdk.services.personalizeevents.model.InvalidInputException.class).hasMessageContaining("at 'datasetArn'");
  }

  @Test
  void runtime_arns_are_checked_too_and_a_recommender_is_not_ignored() {
    String recommender = campaign.replace(":campaign/", ":recommender/");
    assertThatThrownBy(() -> runtime.getRecommendations(r -> r.campaignArn(campaign).recommenderArn(recommender).userId("u")))
        .isInstanceOf(software.amazon.awssdk.services.personalizeruntime.model.InvalidInputException.class)
        .hasMessageContaining("recommenderArn " + recommender);
    assertThatThrownBy(() -> runtime.getRecommendations(r -> r.campaignArn(campaign).recommenderArn(campaign).userId("u")))
        .hasMessageContaining("at 'recommenderArn'").hasMessageContaining("ARN of a recommender");
    assertThatThrownBy(() -> runtime.getRecommendations(r -> r.campaignArn(campaign).userId("u")
            .promotions(Promotion.builder().name("p").percentPromotedItems(10).filterArn(campaign).build())))
        .isInstanceOf(software.amazon.awssdk.services.personalizeruntime.model.InvalidInputException.class)
        .hasMessageContaining("at 'promotions.1.member.filterArn'");
    assertThatThrownBy(() -> runtime.getRecommendations(r -> r.campaignArn(campaign).userId("u").filterArn(version)))
        .hasMessageContaining("at 'filterArn'");
    assertThat(runtime.getRecommendations(r -> r.campaignArn(campaign).userId("u")).itemList()).isNotEmpty();
  }

  @Test
  void list_operations_answer_only_their_modeled_errors() {
    assertThatThrownBy(() -> personalize.listDatasetGroups(r -> r.maxResults(0)))
        .isInstanceOf(InvalidNextTokenException.class).hasMessageContaining("Value 0 at 'maxResults'");
    assertThatThrownBy(() -> personalize.listSchemas(r -> r.maxResults(101)))
        .isInstanceOf(InvalidNextTokenException.class).hasMessageContaining("Value 101 at 'maxResults'");
    assertThatThrownBy(() -> personalize.listSchemas(r -> r.nextToken("garbage")))
        .isInstanceOf(InvalidNextTokenException.class);
    assertThatThrownBy(() -> personalize.listCampaigns(r -> r.nextToken("x".repeat(1501))))
        .isInstanceOf(InvalidNextTokenException.class).hasMessageContaining("at 'nextToken'");
    assertThatThrownBy(() -> personalize.listCampaigns(r -> r.maxResults(0)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("at 'maxResults'");
  }

  @Test
  void a_schema_default_of_another_type_is_refused_naming_the_field() {
    String items = Schemas.ITEMS.replace("{\"name\":\"CREATION_TIMESTAMP\",\"type\":\"long\"}",
        "{\"name\":\"CREATION_TIMESTAMP\",\"type\":\"long\",\"default\":\"yesterday\"}");
    assertThat(items).contains("yesterday");
    String name = Workflow.unique("defaults");
    assertThatThrownBy(() -> personalize.createSchema(r -> r.name(name).schema(items)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Field CREATION_TIMESTAMP has default \"yesterday\", which is not a long");
    String nullDefault = Schemas.ITEMS.replace("{\"name\":\"CREATION_TIMESTAMP\",\"type\":\"long\"}",
        "{\"name\":\"CREATION_TIMESTAMP\",\"type\":\"long\",\"default\":null}");
    assertThatThrownBy(() -> personalize.createSchema(r -> r.name(name).schema(nullDefault)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("null is a default only for a nullable field");
    assertThat(personalize.listSchemas(r -> r.maxResults(100)).schemas()).noneMatch(s -> s.name().equals(name));
  }

  @Test
  void a_filter_comparing_a_number_field_with_a_string_is_refused_naming_field_and_value() {
    String name = Workflow.unique("typed");
    assertThatThrownBy(() -> personalize.createFilter(r -> r.name(name).datasetGroupArn(group)
            .filterExpression("INCLUDE ItemID WHERE Items.CREATION_TIMESTAMP IN (\"recent\")")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Items.CREATION_TIMESTAMP is a long field; it compares with numbers, got \"recent\"");
    assertThatThrownBy(() -> personalize.createFilter(r -> r.name(name).datasetGroupArn(group)
            .filterExpression("INCLUDE ItemID WHERE Items.GENRES > 3")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Items.GENRES is a string field (Items.GENRES > (3))");
    assertThat(personalize.listFilters(r -> r.datasetGroupArn(group)).filters()).noneMatch(f -> f.name().equals(name));
  }

  @Test
  void boto3_without_its_parameter_validation_is_refused_and_changes_nothing() throws Exception {
    long before = storedEvents();
    String output = run(List.of("python3", Path.of("src/test/python/boto3_numbers.py").toString(), server.endpoint().toString(), campaign, version, trackingId));
    assertThat(output.lines()).noneMatch(line -> line.startsWith("FAIL")).anyMatch(line -> line.startsWith("boto3 numbers: all"));
    assertThat(storedEvents()).isEqualTo(before);
  }

  @Test
  void the_aws_cli_gets_the_modeled_errors() throws Exception {
    String created = cli(254, "personalize", "create-campaign", "--name", Workflow.unique("cli"), "--solution-version-arn", version,
        "--min-provisioned-tps", "9223372036854775807");
    assertThat(created).contains("(InvalidInputException)").contains("Value 9223372036854775807 at 'minProvisionedTPS'");
    String listed = cli(254, "personalize", "list-dataset-groups", "--max-results", "101");
    assertThat(listed).contains("(InvalidNextTokenException)").contains("Value 101 at 'maxResults'");
    long before = storedEvents();
    String put = cli(254, "personalize-events", "put-events", "--tracking-id", trackingId, "--session-id", "cli",
        "--event-list", "[{\"eventType\":\"click\",\"itemId\":\"item-1\",\"sentAt\":-1}]");
    assertThat(put).contains("(InvalidInputException)").contains("Value -1 at 'eventList.1.member.sentAt'");
    assertThat(storedEvents()).isEqualTo(before);
    assertThat(described().minProvisionedTPS()).isEqualTo(1);
  }

  /** Runs the Debian AWS CLI v2 against the server; returns what it printed, after checking its exit code. */
  private static String cli(int exitCode, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("/usr/bin/aws", "--endpoint-url", server.endpoint().toString(), "--region", "us-east-1", "--no-cli-pager"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "AKIDTEST", "AWS_SECRET_ACCESS_KEY", "secret", "AWS_MAX_ATTEMPTS", "1"));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isEqualTo(exitCode);
    return output;
  }

  private static String run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as("%s failed:%n%s", command, output).isZero();
    return output;
  }
}

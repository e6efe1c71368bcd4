package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.core.sample.PlantedActions;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.Schemas;
import io.tastemaker.server.testing.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.Dataset;
import software.amazon.awssdk.services.personalize.model.InvalidInputException;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeevents.model.Action;
import software.amazon.awssdk.services.personalizeevents.model.ActionInteraction;
import software.amazon.awssdk.services.personalizeevents.model.ResourceNotFoundException;

/**
 * Next-Best-Action through the AWS SDK for Java v2 on {@link PlantedActions}' data: the Actions and
 * Action_Interactions dataset types with their schema rules and CSV imports, PutActions and
 * PutActionInteractions, the aws-next-best-action recipe trained with its metrics, ActionID filters
 * in GetActionRecommendations, batch inference of actions, and the console's test panel of the
 * campaign (in Debian's headless Chromium) showing a user's actions with the scores the SDK gets.
 */
class NextBestActionSdkIT {
  @TempDir static Path dir;
  private static RunningServer server;
  private static PersonalizeClient personalize;
  private static PersonalizeEventsClient events;
  private static software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient runtime;
  private static String campaign;
  private static PlantedActions planted;
  private static String group;
  private static String actions;
  private static String actionInteractions;
  private static String version;

  @BeforeAll
  static void importData() throws Exception {
    server = RunningServer.start(dir.resolve("data"));
    personalize = server.personalize();
    events = server.events();
    runtime = server.runtime();
    Path fixture = Files.createDirectories(dir.resolve("fixture"));
    planted = new PlantedActions(600, 4, 0.2, java.time.Instant.now().getEpochSecond(), 7);
    group = Workflow.activeGroup(personalize, "nba");
    Workflow.importInto(personalize, group, "Interactions", Schemas.INTERACTIONS, planted.writeInteractions(fixture.resolve("interactions.csv")));
    actions = Workflow.importInto(personalize, group, "Actions", Schemas.ACTIONS, planted.writeActions(fixture.resolve("actions.csv")));
    actionInteractions =
        Workflow.importInto(personalize, group, "Action_Interactions", Schemas.ACTION_INTERACTIONS, planted.writeActionInteractions(fixture.resolve("action-interactions.csv")));
    version = Workflow.trainedVersion(personalize, group, "aws-next-best-action", Map.of());
    campaign = Workflow.activeCampaign(personalize, version);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      personalize.close();
      events.close();
      runtime.close();
      server.close();
    }
  }

  @Test
  void actions_and_action_interactions_datasets_import_and_the_latter_has_its_own_tracking_id() {
    assertThat(actions).endsWith("/ACTIONS");
    assertThat(actionInteractions).endsWith("/ACTION_INTERACTIONS");
    Dataset described = personalize.describeDataset(r -> r.datasetArn(actionInteractions)).dataset();
    assertThat(described.datasetType()).isEqualTo("Action_Interactions");
    assertThat(described.trackingId()).isNotBlank();
    assertThat(personalize.describeDataset(r -> r.datasetArn(actions)).dataset().trackingId()).isNull();
    assertThat(personalize.listDatasets(r -> r.datasetGroupArn(group)).datasets()).extracting(s -> s.datasetType())
        .contains("Actions", "Action_Interactions");
  }

  @Test
  void the_recipe_is_listed_as_personalized_actions_and_trains_with_its_metrics() {
    assertThat(personalize.describeRecipe(r -> r.recipeArn("arn:aws:personalize:::recipe/aws-next-best-action")).recipe().recipeType())
        .isEqualTo("PERSONALIZED_ACTIONS");
    Map<String, Double> metrics = personalize.getSolutionMetrics(r -> r.solutionVersionArn(version)).metrics();
    // Held-out users' choices predicted from their items alone: the planted taste shows.
    assertThat(metrics.get("action_auc")).isGreaterThan(0.75);
    assertThat(metrics.get("action_precision_at_1")).isGreaterThan(0.5);
  }

  @Test
  void users_get_their_planted_action_first_with_its_propensity_and_never_the_expired_one() {
    int hits = 0;
    int coldHits = 0;
    int cold = 0;
    for (int u = 0; u < planted.users(); u += 5) {
      int user = u;
      var answer = runtime.getActionRecommendations(r -> r.campaignArn(campaign).userId(planted.userId(user)).numResults(3));
      assertThat(answer.recommendationId()).isNotBlank();
      assertThat(answer.actionList()).hasSize(3).extracting(a -> a.actionId()).doesNotContain(PlantedActions.EXPIRED);
      assertThat(answer.actionList().get(0).score()).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(answer.actionList().get(1).score());
      boolean hit = answer.actionList().get(0).actionId().equals(planted.plantedAction(user));
      hits += hit ? 1 : 0;
      if (planted.cold(user)) {
        cold++;
        coldHits += hit ? 1 : 0;
      }
    }
    assertThat(hits).as("users whose planted action came first, of 120").isGreaterThan(108);
    assertThat(coldHits).as("item-only users whose planted action came first, of " + cold).isGreaterThan(cold * 8 / 10);
    // Without numResults, the guide's five; a stranger gets every live action by overall propensity.
    assertThat(runtime.getActionRecommendations(r -> r.campaignArn(campaign).userId("stranger")).actionList()).hasSize(5);
  }

  @Test
  void a_streamed_taking_holds_an_action_back_for_its_repeat_frequency() {
    String trackingId = personalize.describeDataset(r -> r.datasetArn(actionInteractions)).dataset().trackingId();
    String user = planted.userId(planted.users() - 4);
    String first = runtime.getActionRecommendations(r -> r.campaignArn(campaign).userId(user).numResults(1)).actionList().get(0).actionId();
    assertThat(first).isEqualTo(planted.plantedAction(planted.users() - 4));
    events.putActions(r -> r.datasetArn(actions).actions(Action.builder().actionId(first).properties("{\"value\": 10, \"repeatFrequency\": 7}").build()));
    events.putActionInteractions(r -> r.trackingId(trackingId).actionInteractions(
        ActionInteraction.builder().actionId(first).userId(user).sessionId("s").eventType("Taken").timestamp(java.time.Instant.now()).build()));
    // The campaign's model knows no repeat frequency for the action until the next training; the taking counts at once after it.
    String retrained = Workflow.trainedVersion(personalize, group, "aws-next-best-action", Map.of());
    String again = Workflow.activeCampaign(personalize, retrained);
    assertThat(runtime.getActionRecommendations(r -> r.campaignArn(again).userId(user).numResults(10)).actionList()).extracting(a -> a.actionId())
        .doesNotContain(first);
    assertThat(runtime.getActionRecommendations(r -> r.campaignArn(again).userId(planted.userId(planted.users() - 8)).numResults(1)).actionList().get(0).actionId())
        .isEqualTo(first);
  }

  @Test
  void an_action_filter_on_actions_records_leaves_out_the_valuable_action_in_real_time_and_in_batch() throws Exception {
    // broad-0 becomes worth 50; the filter reads the Actions records as they are now, put ones included.
    events.putActions(r -> r.datasetArn(actions).actions(Action.builder().actionId("broad-0").properties("{\"value\": 50}").build()));
    String cheap = activeFilter("EXCLUDE ActionId WHERE Actions.VALUE > $LIMIT");
    String user = planted.userId(11);
    List<String> all = actionIds(runtime.getActionRecommendations(r -> r.campaignArn(campaign).userId(user).numResults(10)).actionList());
    assertThat(all).contains("broad-0");
    List<String> filtered = actionIds(runtime.getActionRecommendations(r -> r.campaignArn(campaign).userId(user).numResults(10)
        .filterArn(cheap).filterValues(Map.of("LIMIT", "10"))).actionList());
    assertThat(filtered).isEqualTo(all.stream().filter(a -> !a.equals("broad-0")).toList());
    // An EXCLUDE expression without its value does not apply.
    assertThat(actionIds(runtime.getActionRecommendations(r -> r.campaignArn(campaign).userId(user).numResults(10).filterArn(cheap)).actionList()))
        .isEqualTo(all);

    Path in = Files.writeString(dir.resolve("actions-in.json"), "{\"userId\": \"" + user + "\", \"filterValues\": {\"LIMIT\": \"10\"}}\n"
        + "{\"userId\": \"" + user + "\"}\nnot json\n{\"itemId\": \"item-0-1\"}\n");
    Path out = dir.resolve("actions-out");
    String job = personalize.createBatchInferenceJob(r -> r.jobName(Workflow.unique("actions")).solutionVersionArn(version).numResults(10).filterArn(cheap)
        .roleArn("arn:aws:iam::000000000000:role/batch").jobInput(i -> i.s3DataSource(s -> s.path(in.toString())))
        .jobOutput(o -> o.s3DataDestination(s -> s.path(out.toString())))).batchInferenceJobArn();
    io.tastemaker.server.testing.Await.finalStatus(
        () -> personalize.describeBatchInferenceJob(r -> r.batchInferenceJobArn(job)).batchInferenceJob().status(), Workflow.WAIT);
    assertThat(personalize.describeBatchInferenceJob(r -> r.batchInferenceJobArn(job)).batchInferenceJob().status()).isEqualTo("ACTIVE");
    List<String> lines = Files.readAllLines(out.resolve("actions-in.json.out"));
    assertThat(lines).hasSize(4);
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    var first = json.readTree(lines.get(0));
    assertThat(first.get("error").isNull()).isTrue();
    List<String> batchIds = new java.util.ArrayList<>();
    first.get("output").get("actionList").forEach(a -> batchIds.add(a.get("actionId").asText()));
    assertThat(batchIds).isEqualTo(filtered);
    assertThat(first.get("output").get("actionList").get(0).get("score").asDouble()).isBetween(0.0, 1.0);
    assertThat(json.readTree(lines.get(1)).get("output").get("actionList")).hasSize(all.size());
    assertThat(json.readTree(lines.get(2)).get("error").asText()).startsWith("The line is not valid JSON");
    assertThat(json.readTree(lines.get(3)).get("error").asText()).isEqualTo("userId is required: this model's lines look like {\"userId\": \"42\"}.");
  }

  @Test
  void action_interaction_filters_select_what_the_user_took_or_declined_in_any_spelling() throws Exception {
    int u = 13;
    Map<String, List<String>> byType = new java.util.HashMap<>();
    for (String line : Files.readAllLines(dir.resolve("fixture").resolve("action-interactions.csv"))) {
      String[] f = line.split(",");
      if (f[0].equals(planted.userId(u)) && !f[1].equals(PlantedActions.EXPIRED)) {
        byType.computeIfAbsent(f[2], t -> new java.util.ArrayList<>()).add(f[1]);
      }
    }
    assertThat(byType.get("Taken")).isNotEmpty();
    String taken = activeFilter("INCLUDE ActionID WHERE Action_Interactions.EVENT_TYPE IN (\"Taken\")");
    assertThat(actionIds(runtime.getActionRecommendations(r -> r.campaignArn(campaign).userId(planted.userId(u)).numResults(10).filterArn(taken)).actionList()))
        .containsExactlyInAnyOrderElementsOf(byType.get("Taken"));
    String byValue = activeFilter("INCLUDE ActionID WHERE Action_Interactions.EVENT_TYPE IN ($EVENT_TYPE)");
    assertThat(actionIds(runtime.getActionRecommendations(r -> r.campaignArn(campaign).userId(planted.userId(u)).numResults(10).filterArn(byValue)
        .filterValues(Map.of("EVENT_TYPE", "\"NOT_TAKEN\""))).actionList()))
        .containsExactlyInAnyOrderElementsOf(byType.getOrDefault("Not Taken", List.of()));
    assertThatThrownBy(() -> runtime.getActionRecommendations(r -> r.campaignArn(campaign).userId("u1").filterArn(byValue)))
        .isInstanceOf(software.amazon.awssdk.services.personalizeruntime.model.InvalidInputException.class)
        .hasMessageContaining("filterValues must have a value for EVENT_TYPE");
  }

  @Test
  void filters_that_cannot_select_actions_are_refused_naming_the_field_or_the_filter() throws Exception {
    Path none = Files.writeString(dir.resolve("none.json"), "{\"userId\": \"u1\"}\n");
    assertThatThrownBy(() -> personalize.createFilter(r -> r.name(Workflow.unique("f")).datasetGroupArn(group)
            .filterExpression("INCLUDE ActionID WHERE Interactions.EVENT_TYPE IN (\"View\")")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("ActionID expressions test Actions or Action_Interactions fields, got Interactions.EVENT_TYPE");
    assertThatThrownBy(() -> personalize.createFilter(r -> r.name(Workflow.unique("f")).datasetGroupArn(group)
            .filterExpression("EXCLUDE ActionID WHERE Actions.CATEGORY IN (\"app\")")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Actions.CATEGORY is not a field of the Actions dataset (its fields: ACTION_ID, EXPIRATION_TIMESTAMP, REPEAT_FREQUENCY, VALUE)");
    assertThatThrownBy(() -> personalize.createFilter(r -> r.name(Workflow.unique("f")).datasetGroupArn(group)
            .filterExpression("EXCLUDE ActionID WHERE Action_Interactions.EVENT_TYPE IN (\"Clicked\")")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Action_Interactions.EVENT_TYPE is Taken, Not Taken or Viewed");
    String items = activeFilter("EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"View\")");
    assertThatThrownBy(() -> runtime.getActionRecommendations(r -> r.campaignArn(campaign).userId("u1").filterArn(items)))
        .isInstanceOf(software.amazon.awssdk.services.personalizeruntime.model.InvalidInputException.class)
        .hasMessageContaining("The filter " + items + " selects items (ItemID); GetActionRecommendations needs an ActionID filter");
    assertThatThrownBy(() -> personalize.createBatchInferenceJob(r -> r.jobName(Workflow.unique("actions")).solutionVersionArn(version).filterArn(items)
            .roleArn("arn:aws:iam::000000000000:role/batch").jobInput(i -> i.s3DataSource(s -> s.path(none.toString())))
            .jobOutput(o -> o.s3DataDestination(s -> s.path(dir.resolve("none-out").toString())))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("selects items (ItemID), but the solution version recommends actions");
  }

  @Test
  void the_console_test_panel_of_the_campaign_shows_a_users_actions_with_their_scores() throws Exception {
    String user = planted.userId(17);
    try (io.tastemaker.server.testing.Browser browser = io.tastemaker.server.testing.Browser.start()) {
      browser.open(java.net.URI.create(server.endpoint() + "/console/" + io.tastemaker.server.testing.ConsoleFixture.page("campaigns", campaign)));
      assertThat(browser.await("[data-testid=test-panel]").getText()).contains("GetActionRecommendations");
      browser.type("input[name=userId]", user);
      browser.click("button[data-testid=get-recommendations]");
      browser.awaitReady();
      List<String> shown = browser.until(d -> {
        var rows = browser.findAll("table[data-testid=results] tbody tr");
        return rows.size() == 5 ? rows.stream().map(r -> r.getDomAttribute("data-item-id") + " "
            + Double.parseDouble(r.findElement(org.openqa.selenium.By.cssSelector("td.score")).getDomAttribute("data-score"))).toList() : null;
      });
      var expected = runtime.getActionRecommendations(r -> r.campaignArn(campaign).userId(user)).actionList();
      assertThat(shown).isEqualTo(expected.stream().map(a -> a.actionId() + " " + a.score()).toList());
      assertThat(browser.find("table[data-testid=results] thead").getText()).contains("Action ID");
      assertThat(browser.find(".results-head h3").getText()).isEqualTo("5 actions");
      assertThat(browser.pageErrors()).isEmpty();
    }
  }

  private static String activeFilter(String expression) {
    String arn = personalize.createFilter(r -> r.name(Workflow.unique("filter")).datasetGroupArn(group).filterExpression(expression)).filterArn();
    io.tastemaker.server.testing.Await.finalStatus(() -> personalize.describeFilter(r -> r.filterArn(arn)).filter().status(), Workflow.WAIT);
    return arn;
  }

  private static List<String> actionIds(List<software.amazon.awssdk.services.personalizeruntime.model.PredictedAction> actions) {
    return actions.stream().map(a -> a.actionId()).toList();
  }

  @Test
  void get_action_recommendations_refuses_other_campaigns_filters_and_too_many_results() {
    assertThatThrownBy(() -> runtime.getActionRecommendations(r -> r.campaignArn(campaign).userId("u1").numResults(101)))
        .isInstanceOf(software.amazon.awssdk.services.personalizeruntime.model.InvalidInputException.class)
        .hasMessageContaining("numResults must be in [1, 100] for actions, got 101");
    assertThatThrownBy(() -> runtime.getActionRecommendations(r -> r.campaignArn(campaign.replace("campaign/", "campaign/x")).userId("u1")))
        .isInstanceOf(software.amazon.awssdk.services.personalizeruntime.model.ResourceNotFoundException.class);
    assertThatThrownBy(() -> runtime.getActionRecommendations(r -> r.userId("u1")))
        .isInstanceOf(software.amazon.awssdk.services.personalizeruntime.model.InvalidInputException.class)
        .hasMessageContaining("campaignArn is required");
  }

  @Test
  void schemas_that_miss_what_the_guide_requires_are_refused_naming_the_field() {
    String other = Workflow.activeGroup(personalize, "nba-bad");
    String interactionsSchema = personalize.createSchema(r -> r.name(Workflow.unique("s")).schema(Schemas.INTERACTIONS)).schemaArn();
    assertThatThrownBy(() -> personalize.createDataset(r -> r.name("a").datasetGroupArn(other).datasetType("Actions").schemaArn(interactionsSchema)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Actions schema requires field ACTION_ID");
    assertThatThrownBy(() -> personalize.createDataset(r -> r.name("ai").datasetGroupArn(other).datasetType("Action_Interactions").schemaArn(interactionsSchema)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Action_Interactions schema requires field ACTION_ID");
  }

  @Test
  void put_actions_and_action_interactions_are_stored_and_exported_with_the_put_data() throws Exception {
    String trackingId = personalize.describeDataset(r -> r.datasetArn(actionInteractions)).dataset().trackingId();
    events.putActions(r -> r.datasetArn(actions).actions(
        Action.builder().actionId("put-new").properties("{\"value\": 30, \"repeatFrequency\": 7}").build(),
        Action.builder().actionId("put-plain").build()));
    events.putActionInteractions(r -> r.trackingId(trackingId).actionInteractions(
        ActionInteraction.builder().actionId("put-new").userId("u1").sessionId("s1").eventType("Taken").eventId("e1")
            .timestamp(java.time.Instant.ofEpochSecond(1_700_000_000)).build(),
        ActionInteraction.builder().actionId("put-new").userId("u1").sessionId("s1").eventType("Taken").eventId("e1")
            .timestamp(java.time.Instant.ofEpochSecond(1_700_000_000)).build(),
        ActionInteraction.builder().actionId("act-0").userId("u2").sessionId("s2").eventType("NOT_TAKEN")
            .timestamp(java.time.Instant.ofEpochSecond(1_700_000_100)).build()));

    // Other tests put records too, so these are looked for among them.
    List<String> putActions = exported(actions);
    assertThat(putActions.get(0)).isEqualTo("ACTION_ID,VALUE,EXPIRATION_TIMESTAMP,REPEAT_FREQUENCY");
    assertThat(putActions).contains("put-new,30,,7", "put-plain,,,");
    // The repeated event id is stored once; "NOT_TAKEN" is kept as the documented "Not Taken".
    List<String> putEvents = exported(actionInteractions);
    assertThat(putEvents.get(0)).isEqualTo("USER_ID,ACTION_ID,EVENT_TYPE,TIMESTAMP");
    assertThat(putEvents).containsOnlyOnce("u1,put-new,Taken,1700000000").contains("u2,act-0,Not Taken,1700000100");
  }

  @Test
  void bad_actions_and_action_interactions_are_refused_naming_the_member_and_value() {
    String trackingId = personalize.describeDataset(r -> r.datasetArn(actionInteractions)).dataset().trackingId();
    ActionInteraction.Builder event = ActionInteraction.builder().actionId("act-0").userId("u1").sessionId("s1").timestamp(java.time.Instant.ofEpochSecond(1_700_000_000));
    assertThatThrownBy(() -> events.putActionInteractions(r -> r.trackingId(trackingId).actionInteractions(event.eventType("Clicked").build())))
        .isInstanceOf(software.amazon.awssdk.services.personalizeevents.model.InvalidInputException.class)
        .hasMessageContaining("actionInteractions[0].eventType must be Taken, Not Taken or Viewed, got 'Clicked'");
    assertThatThrownBy(() -> events.putActionInteractions(r -> r.trackingId("no-such-tracker").actionInteractions(event.eventType("Taken").build())))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("no-such-tracker");
    assertThatThrownBy(() -> events.putActions(r -> r.datasetArn(actionInteractions).actions(Action.builder().actionId("a").build())))
        .isInstanceOf(software.amazon.awssdk.services.personalizeevents.model.InvalidInputException.class)
        .hasMessageContaining("is not an Actions dataset");
    assertThatThrownBy(() -> events.putActions(r -> r.datasetArn(actions).actions(Action.builder().actionId("a").properties("{\"repeatFrequency\": 31}").build())))
        .isInstanceOf(software.amazon.awssdk.services.personalizeevents.model.InvalidInputException.class)
        .hasMessageContaining("actions[0].properties.repeatFrequency must be in [1, 30] days, got 31");
    assertThatThrownBy(() -> events.putActions(r -> r.datasetArn(actions).actions(Action.builder().actionId("a").properties("{\"colour\": \"red\"}").build())))
        .isInstanceOf(software.amazon.awssdk.services.personalizeevents.model.InvalidInputException.class)
        .hasMessageContaining("actions[0].properties sets colour");
  }

  @Test
  void a_deleted_user_loses_their_imported_and_put_action_interactions_and_gets_a_strangers_actions() throws Exception {
    int u = planted.users() - 2;
    String victim = planted.userId(u);
    String trackingId = personalize.describeDataset(r -> r.datasetArn(actionInteractions)).dataset().trackingId();
    events.putActionInteractions(r -> r.trackingId(trackingId).actionInteractions(
        ActionInteraction.builder().actionId("broad-1").userId(victim).sessionId("v").eventType("Viewed").timestamp(java.time.Instant.now()).build()));
    java.util.function.Function<String, List<String>> answer =
        user -> actionIds(runtime.getActionRecommendations(r -> r.campaignArn(campaign).userId(user).numResults(5)).actionList());
    List<String> stranger = answer.apply("never-seen-customer");
    assertThat(answer.apply(victim)).isNotEqualTo(stranger);
    long imported = rowsOf(dir.resolve("fixture/interactions.csv"), victim) + rowsOf(dir.resolve("fixture/action-interactions.csv"), victim);
    assertThat(imported).isPositive();

    Path input = server.localData().resolve(Workflow.unique("customers") + ".csv");
    Files.writeString(input, "USER_ID\n" + victim + "\n");
    String arn = personalize.createDataDeletionJob(r -> r.jobName(Workflow.unique("forget")).datasetGroupArn(group).roleArn("arn:aws:iam::000000000000:role/p")
            .dataSource(d -> d.dataLocation(input.toString())))
        .dataDeletionJobArn();
    io.tastemaker.server.testing.Await.until(
        () -> personalize.describeDataDeletionJob(r -> r.dataDeletionJobArn(arn)).dataDeletionJob().status(), java.util.Set.of("COMPLETED", "FAILED"), Workflow.TRAINING);
    var job = personalize.describeDataDeletionJob(r -> r.dataDeletionJobArn(arn)).dataDeletionJob();
    assertThat(job.status()).as(job.failureReason()).isEqualTo("COMPLETED");
    // The imported item and action interactions, and the one put action interaction.
    assertThat(job.numDeleted()).isEqualTo(imported + 1);

    assertThat(answer.apply(victim)).isEqualTo(stranger);
    assertThat(exported(actionInteractions, "ALL")).noneMatch(line -> line.startsWith(victim + ","));
  }

  private static long rowsOf(Path csv, String user) throws java.io.IOException {
    try (var lines = Files.lines(csv)) {
      return lines.filter(line -> line.startsWith(user + ",")).count();
    }
  }

  /** The lines of a PUT export of the dataset. */
  private static java.util.List<String> exported(String dataset) throws Exception {
    return exported(dataset, "PUT");
  }

  /** The lines of an export of the dataset in an ingestion mode. */
  private static java.util.List<String> exported(String dataset, String mode) throws Exception {
    Path folder = Files.createDirectories(dir.resolve(Workflow.unique("export")));
    String name = Workflow.unique("export");
    String arn = personalize.createDatasetExportJob(r -> r.jobName(name).datasetArn(dataset).ingestionMode(mode).roleArn("arn:aws:iam::000000000000:role/p")
        .jobOutput(o -> o.s3DataDestination(d -> d.path(folder.toString() + "/")))).datasetExportJobArn();
    io.tastemaker.server.testing.Await.finalStatus(() -> personalize.describeDatasetExportJob(r -> r.datasetExportJobArn(arn)).datasetExportJob().status(), Workflow.WAIT);
    return Files.readAllLines(folder.resolve(name).resolve("part-00000.csv"));
  }
}

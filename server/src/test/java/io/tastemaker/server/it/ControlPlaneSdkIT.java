package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.Schemas;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.BatchInferenceJob;
import software.amazon.awssdk.services.personalize.model.DatasetGroup;
import software.amazon.awssdk.services.personalize.model.DatasetSchema;
import software.amazon.awssdk.services.personalize.model.EventTracker;
import software.amazon.awssdk.services.personalize.model.Filter;
import software.amazon.awssdk.services.personalize.model.InvalidInputException;
import software.amazon.awssdk.services.personalize.model.InvalidNextTokenException;
import software.amazon.awssdk.services.personalize.model.ListDatasetGroupsResponse;
import software.amazon.awssdk.services.personalize.model.Recipe;
import software.amazon.awssdk.services.personalize.model.RecipeSummary;
import software.amazon.awssdk.services.personalize.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.personalize.model.ResourceInUseException;
import software.amazon.awssdk.services.personalize.model.ResourceNotFoundException;
import software.amazon.awssdk.services.personalize.model.Solution;
import software.amazon.awssdk.services.personalize.model.SolutionVersion;
import software.amazon.awssdk.services.personalize.model.Tag;
import software.amazon.awssdk.services.personalize.model.TooManyTagsException;

/** Drives every control-plane operation of the legacy workflow with the AWS SDK for Java v2. */
class ControlPlaneSdkIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static RunningServer server;
  private static PersonalizeClient personalize;

  @BeforeAll
  static void start() throws Exception {
    server = RunningServer.start();
    personalize = server.personalize();
  }

  @AfterAll
  static void stop() throws Exception {
    personalize.close();
    server.close();
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String activeGroup() {
    String arn = personalize.createDatasetGroup(r -> r.name(unique("group"))).datasetGroupArn();
    assertThat(Await.finalStatus(() -> personalize.describeDatasetGroup(r -> r.datasetGroupArn(arn)).datasetGroup().status(), WAIT))
        .isEqualTo("ACTIVE");
    return arn;
  }

  private static String schema(String avro) {
    return personalize.createSchema(r -> r.name(unique("schema")).schema(avro)).schemaArn();
  }

  private static String activeDataset(String groupArn, String type, String avro) {
    String arn =
        personalize.createDataset(r -> r.name(unique("ds")).datasetGroupArn(groupArn).datasetType(type).schemaArn(schema(avro))).datasetArn();
    assertThat(Await.finalStatus(() -> personalize.describeDataset(r -> r.datasetArn(arn)).dataset().status(), WAIT)).isEqualTo("ACTIVE");
    return arn;
  }

  private static String activeSolution(String groupArn, String recipe) {
    String arn =
        personalize.createSolution(r -> r.name(unique("sol")).datasetGroupArn(groupArn).recipeArn("arn:aws:personalize:::recipe/" + recipe))
            .solutionArn();
    assertThat(Await.finalStatus(() -> personalize.describeSolution(r -> r.solutionArn(arn)).solution().status(), WAIT)).isEqualTo("ACTIVE");
    return arn;
  }

  private static void awaitGone(Runnable describe) {
    Await.condition(
        () -> {
          try {
            describe.run();
            return false;
          } catch (ResourceNotFoundException e) {
            return true;
          }
        },
        WAIT,
        "the resource is deleted");
  }

  @Test
  void schemas_are_created_described_listed_and_deleted() {
    String name = unique("schema");
    String arn = personalize.createSchema(r -> r.name(name).schema(Schemas.INTERACTIONS).domain("ECOMMERCE")).schemaArn();
    assertThat(arn).isEqualTo("arn:aws:personalize:us-east-1:000000000000:schema/" + name);

    DatasetSchema described = personalize.describeSchema(r -> r.schemaArn(arn)).schema();
    assertThat(described.name()).isEqualTo(name);
    assertThat(described.schema()).isEqualTo(Schemas.INTERACTIONS);
    assertThat(described.domainAsString()).isEqualTo("ECOMMERCE");
    assertThat(described.creationDateTime()).isNotNull();

    assertThat(personalize.listSchemasPaginator(r -> r.maxResults(1)).schemas().stream().map(s -> s.schemaArn())).contains(arn);

    assertThatThrownBy(() -> personalize.createSchema(r -> r.name(name).schema(Schemas.INTERACTIONS)))
        .isInstanceOf(ResourceAlreadyExistsException.class)
        .hasMessageContaining(arn);

    personalize.deleteSchema(r -> r.schemaArn(arn));
    assertThatThrownBy(() -> personalize.describeSchema(r -> r.schemaArn(arn)))
        .isInstanceOf(ResourceNotFoundException.class)
        .satisfies(e -> assertThat(((ResourceNotFoundException) e).statusCode()).isEqualTo(400));
  }

  @Test
  void an_invalid_avro_schema_is_refused_with_the_reason() {
    assertThatThrownBy(() -> personalize.createSchema(r -> r.name(unique("bad")).schema("{\"type\":\"record\",\"name\":\"x\",\"fields\":[{\"name\":\"A\",\"type\":\"map\"}]}")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Invalid schema")
        .hasMessageContaining("A");
  }

  @Test
  void dataset_groups_go_active_carry_tags_and_refuse_deletion_while_they_hold_datasets() {
    String name = unique("group");
    String arn =
        personalize.createDatasetGroup(r -> r.name(name).domain("VIDEO_ON_DEMAND").tags(Tag.builder().tagKey("team").tagValue("search").build()))
            .datasetGroupArn();
    assertThat(arn).endsWith(":dataset-group/" + name);
    assertThat(Await.finalStatus(() -> personalize.describeDatasetGroup(r -> r.datasetGroupArn(arn)).datasetGroup().status(), WAIT))
        .isEqualTo("ACTIVE");
    DatasetGroup group = personalize.describeDatasetGroup(r -> r.datasetGroupArn(arn)).datasetGroup();
    assertThat(group.name()).isEqualTo(name);
    assertThat(group.domainAsString()).isEqualTo("VIDEO_ON_DEMAND");
    assertThat(group.lastUpdatedDateTime()).isAfterOrEqualTo(group.creationDateTime());
    assertThat(personalize.listTagsForResource(r -> r.resourceArn(arn)).tags())
        .containsExactly(Tag.builder().tagKey("team").tagValue("search").build());

    // A Domain dataset group's datasets take schemas of its domain.
    String schema = personalize.createSchema(r -> r.name(unique("schema")).domain("VIDEO_ON_DEMAND").schema(Schemas.INTERACTIONS)).schemaArn();
    String dataset = personalize.createDataset(r -> r.name(unique("ds")).datasetGroupArn(arn).datasetType("Interactions").schemaArn(schema)).datasetArn();
    assertThat(Await.finalStatus(() -> personalize.describeDataset(r -> r.datasetArn(dataset)).dataset().status(), WAIT)).isEqualTo("ACTIVE");
    assertThatThrownBy(() -> personalize.deleteDatasetGroup(r -> r.datasetGroupArn(arn)))
        .isInstanceOf(ResourceInUseException.class)
        .hasMessageContaining("dataset");

    personalize.deleteDataset(r -> r.datasetArn(dataset));
    awaitGone(() -> personalize.describeDataset(r -> r.datasetArn(dataset)));
    personalize.deleteDatasetGroup(r -> r.datasetGroupArn(arn));
    awaitGone(() -> personalize.describeDatasetGroup(r -> r.datasetGroupArn(arn)));
  }

  @Test
  void lists_page_with_max_results_and_next_token() {
    List<String> created = new ArrayList<>();
    IntStream.range(0, 3).forEach(i -> created.add(personalize.createDatasetGroup(r -> r.name(unique("page"))).datasetGroupArn()));
    ListDatasetGroupsResponse first = personalize.listDatasetGroups(r -> r.maxResults(2));
    assertThat(first.datasetGroups()).hasSize(2);
    assertThat(first.nextToken()).isNotBlank();
    List<String> all = new ArrayList<>();
    personalize.listDatasetGroupsPaginator(r -> r.maxResults(2)).datasetGroups().forEach(g -> all.add(g.datasetGroupArn()));
    assertThat(all).containsAll(created).doesNotHaveDuplicates();

    assertThatThrownBy(() -> personalize.listDatasetGroups(r -> r.nextToken("garbage"))).isInstanceOf(InvalidNextTokenException.class);
    // ListDatasetGroups' model lists only InvalidNextTokenException, so a malformed request gets that.
    assertThatThrownBy(() -> personalize.listDatasetGroups(r -> r.maxResults(101)))
        .isInstanceOf(InvalidNextTokenException.class)
        .hasMessageContaining("Value 101 at 'maxResults'")
        .hasMessageContaining("less than or equal to 100");
  }

  @Test
  void datasets_check_their_schema_against_the_type_and_one_type_per_group() {
    String group = activeGroup();
    String groupName = group.substring(group.lastIndexOf('/') + 1);
    String interactions = activeDataset(group, "Interactions", Schemas.INTERACTIONS);
    assertThat(interactions).isEqualTo("arn:aws:personalize:us-east-1:000000000000:dataset/" + groupName + "/INTERACTIONS");
    var described = personalize.describeDataset(r -> r.datasetArn(interactions)).dataset();
    assertThat(described.datasetType()).isEqualTo("Interactions");
    assertThat(described.datasetGroupArn()).isEqualTo(group);

    String items = activeDataset(group, "ITEMS", Schemas.ITEMS);
    assertThat(items).endsWith("/ITEMS");
    assertThat(personalize.listDatasets(r -> r.datasetGroupArn(group)).datasets()).extracting(d -> d.datasetArn()).containsExactlyInAnyOrder(interactions, items);

    String usersSchema = schema(Schemas.USERS);
    assertThatThrownBy(() -> personalize.createDataset(r -> r.name(unique("ds")).datasetGroupArn(group).datasetType("Interactions").schemaArn(usersSchema)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("does not fit");
    String interactionsSchema = schema(Schemas.INTERACTIONS);
    assertThatThrownBy(() -> personalize.createDataset(r -> r.name(unique("ds")).datasetGroupArn(group).datasetType("Interactions").schemaArn(interactionsSchema)))
        .isInstanceOf(ResourceAlreadyExistsException.class);
    assertThatThrownBy(() -> personalize.createDataset(r -> r.name(unique("ds")).datasetGroupArn(group).datasetType("Clicks").schemaArn(interactionsSchema)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Clicks");
    String schemaInUse = described.schemaArn();
    assertThatThrownBy(() -> personalize.deleteSchema(r -> r.schemaArn(schemaInUse))).isInstanceOf(ResourceInUseException.class);
  }

  @Test
  void recipes_algorithms_and_feature_transformations_are_described() {
    List<RecipeSummary> recipes = personalize.listRecipes(r -> r.recipeProvider("SERVICE")).recipes();
    assertThat(recipes.stream().filter(r -> r.domain() == null))
        .extracting(RecipeSummary::name)
        .containsExactly(
            "aws-hrnn", "aws-hrnn-coldstart", "aws-hrnn-metadata", "aws-item-affinity", "aws-item-attribute-affinity", "aws-next-best-action",
            "aws-personalized-ranking", "aws-personalized-ranking-v2", "aws-popularity-count", "aws-semantic-similarity", "aws-similar-items", "aws-sims", "aws-trending-now",
            "aws-user-personalization", "aws-user-personalization-v2");
    assertThat(recipes).hasSize(15 + 10);
    Recipe sims = personalize.describeRecipe(r -> r.recipeArn("arn:aws:personalize:::recipe/aws-sims")).recipe();
    assertThat(sims.recipeType()).isEqualTo("RELATED_ITEMS");
    assertThat(sims.featureTransformationArn()).isEqualTo("arn:aws:personalize:::feature-transformation/sims");
    Recipe similar = personalize.describeRecipe(r -> r.recipeArn("arn:aws:personalize:::recipe/aws-similar-items")).recipe();
    assertThat(similar.recipeType()).isEqualTo("RELATED_ITEMS");
    assertThat(similar.algorithmArn()).isEqualTo("arn:aws:personalize:::algorithm/aws-similar-items");
    var algorithm = personalize.describeAlgorithm(r -> r.algorithmArn("arn:aws:personalize:::algorithm/aws-hrnn")).algorithm();
    assertThat(algorithm.defaultHyperParameters()).containsEntry("hidden_dimension", "43").containsEntry("bptt", "32");
    assertThat(algorithm.defaultHyperParameterRanges().integerHyperParameterRanges())
        .anySatisfy(range -> {
          assertThat(range.name()).isEqualTo("hidden_dimension");
          assertThat(range.minValue()).isEqualTo(32);
          assertThat(range.maxValue()).isEqualTo(256);
          assertThat(range.isTunable()).isTrue();
        });
    var transformation =
        personalize.describeFeatureTransformation(r -> r.featureTransformationArn("arn:aws:personalize:::feature-transformation/sims"))
            .featureTransformation();
    assertThat(transformation.defaultParameters()).containsEntry("min_user_history_length_percentile", "0.005").doesNotContainKey("min_cointeraction_count");
    assertThatThrownBy(() -> personalize.describeRecipe(r -> r.recipeArn("arn:aws:personalize:::recipe/aws-nope")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void solutions_check_their_hyperparameters() {
    String group = activeGroup();
    assertThatThrownBy(
            () ->
                personalize.createSolution(
                    r ->
                        r.name(unique("sol"))
                            .datasetGroupArn(group)
                            .recipeArn("arn:aws:personalize:::recipe/aws-hrnn")
                            .solutionConfig(c -> c.algorithmHyperParameters(Map.of("hidden_dimension", "1000")))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("hidden_dimension must be in [32, 256], got 1000");
    assertThatThrownBy(
            () ->
                personalize.createSolution(
                    r ->
                        r.name(unique("sol"))
                            .datasetGroupArn(group)
                            .recipeArn("arn:aws:personalize:::recipe/aws-sims")
                            .solutionConfig(c -> c.algorithmHyperParameters(Map.of("hidden_dimension", "64")))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Unknown hyperparameter hidden_dimension");

    String name = unique("sol");
    String arn =
        personalize.createSolution(
                r ->
                    r.name(name)
                        .datasetGroupArn(group)
                        .recipeArn("arn:aws:personalize:::recipe/aws-hrnn")
                        .eventType("click")
                        .solutionConfig(c -> c.eventValueThreshold("0.5").algorithmHyperParameters(Map.of("hidden_dimension", "64"))))
            .solutionArn();
    assertThat(Await.finalStatus(() -> personalize.describeSolution(r -> r.solutionArn(arn)).solution().status(), WAIT)).isEqualTo("ACTIVE");
    Solution solution = personalize.describeSolution(r -> r.solutionArn(arn)).solution();
    assertThat(solution.recipeArn()).isEqualTo("arn:aws:personalize:::recipe/aws-hrnn");
    assertThat(solution.eventType()).isEqualTo("click");
    assertThat(solution.solutionConfig().algorithmHyperParameters()).containsEntry("hidden_dimension", "64");
    assertThat(solution.solutionConfig().eventValueThreshold()).isEqualTo("0.5");
    assertThat(personalize.listSolutions(r -> r.datasetGroupArn(group)).solutions()).extracting(s -> s.solutionArn()).containsExactly(arn);
    personalize.deleteSolution(r -> r.solutionArn(arn));
    awaitGone(() -> personalize.describeSolution(r -> r.solutionArn(arn)));
  }

  @Test
  void a_solution_version_without_data_fails_with_a_reason_and_cannot_serve() {
    String group = activeGroup();
    activeDataset(group, "Interactions", Schemas.INTERACTIONS);
    String solution = activeSolution(group, "aws-popularity-count");
    String version = personalize.createSolutionVersion(r -> r.solutionArn(solution)).solutionVersionArn();
    assertThat(version).matches(java.util.regex.Pattern.quote(solution) + "/[0-9a-f]{8}");
    assertThat(Await.finalStatus(() -> personalize.describeSolutionVersion(r -> r.solutionVersionArn(version)).solutionVersion().status(), WAIT))
        .isEqualTo("CREATE FAILED");
    SolutionVersion described = personalize.describeSolutionVersion(r -> r.solutionVersionArn(version)).solutionVersion();
    assertThat(described.failureReason()).isNotBlank();
    assertThat(described.trainingModeAsString()).isEqualTo("FULL");
    assertThat(described.solutionArn()).isEqualTo(solution);
    assertThat(personalize.listSolutionVersions(r -> r.solutionArn(solution)).solutionVersions()).extracting(v -> v.solutionVersionArn()).containsExactly(version);
    assertThat(personalize.describeSolution(r -> r.solutionArn(solution)).solution().latestSolutionVersion().solutionVersionArn()).isEqualTo(version);

    assertThatThrownBy(() -> personalize.getSolutionMetrics(r -> r.solutionVersionArn(version))).isInstanceOf(ResourceInUseException.class);
    assertThatThrownBy(() -> personalize.stopSolutionVersionCreation(r -> r.solutionVersionArn(version))).isInstanceOf(ResourceInUseException.class);
    assertThatThrownBy(() -> personalize.createCampaign(r -> r.name(unique("camp")).solutionVersionArn(version)))
        .isInstanceOf(ResourceInUseException.class)
        .hasMessageContaining("CREATE FAILED");
    assertThatThrownBy(() -> personalize.createSolutionVersion(r -> r.solutionArn(solution).trainingMode("UPDATE")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("UPDATE");
  }

  @Test
  void batch_inference_jobs_are_recorded_and_listed_by_solution_version() {
    String group = activeGroup();
    String solution = activeSolution(group, "aws-hrnn");
    String version = personalize.createSolutionVersion(r -> r.solutionArn(solution)).solutionVersionArn();
    String name = unique("batch");
    String arn =
        personalize.createBatchInferenceJob(
                r ->
                    r.jobName(name)
                        .solutionVersionArn(version)
                        .numResults(10)
                        .roleArn("arn:aws:iam::000000000000:role/personalize")
                        .jobInput(i -> i.s3DataSource(s -> s.path("s3://bucket/in/users.json")))
                        .jobOutput(o -> o.s3DataDestination(s -> s.path("s3://bucket/out/"))))
            .batchInferenceJobArn();
    assertThat(Await.finalStatus(() -> personalize.describeBatchInferenceJob(r -> r.batchInferenceJobArn(arn)).batchInferenceJob().status(), WAIT))
        .isIn("ACTIVE", "CREATE FAILED");
    BatchInferenceJob job = personalize.describeBatchInferenceJob(r -> r.batchInferenceJobArn(arn)).batchInferenceJob();
    assertThat(job.jobName()).isEqualTo(name);
    assertThat(job.numResults()).isEqualTo(10);
    assertThat(job.jobInput().s3DataSource().path()).isEqualTo("s3://bucket/in/users.json");
    assertThat(job.jobOutput().s3DataDestination().path()).isEqualTo("s3://bucket/out/");
    assertThat(personalize.listBatchInferenceJobs(r -> r.solutionVersionArn(version)).batchInferenceJobs())
        .extracting(j -> j.batchInferenceJobArn())
        .containsExactly(arn);
  }

  @Test
  void filters_are_listed_under_their_capitalised_key() {
    String group = activeGroup();
    // An Interactions filter needs the group's Interactions dataset, whose schema it is checked against.
    activeDataset(group, "Interactions", Schemas.INTERACTIONS);
    String name = unique("filter");
    String arn =
        personalize.createFilter(r -> r.name(name).datasetGroupArn(group).filterExpression("EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"click\")"))
            .filterArn();
    assertThat(Await.finalStatus(() -> personalize.describeFilter(r -> r.filterArn(arn)).filter().status(), WAIT)).isEqualTo("ACTIVE");
    Filter filter = personalize.describeFilter(r -> r.filterArn(arn)).filter();
    assertThat(filter.filterExpression()).isEqualTo("EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"click\")");
    assertThat(filter.datasetGroupArn()).isEqualTo(group);
    assertThat(personalize.listFilters(r -> r.datasetGroupArn(group)).filters()).extracting(f -> f.filterArn()).containsExactly(arn);
    personalize.deleteFilter(r -> r.filterArn(arn));
    awaitGone(() -> personalize.describeFilter(r -> r.filterArn(arn)));
  }

  @Test
  void a_group_has_one_event_tracker_with_a_tracking_id() {
    String group = activeGroup();
    var created = personalize.createEventTracker(r -> r.name(unique("tracker")).datasetGroupArn(group));
    assertThat(created.trackingId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    String arn = created.eventTrackerArn();
    assertThat(Await.finalStatus(() -> personalize.describeEventTracker(r -> r.eventTrackerArn(arn)).eventTracker().status(), WAIT)).isEqualTo("ACTIVE");
    EventTracker tracker = personalize.describeEventTracker(r -> r.eventTrackerArn(arn)).eventTracker();
    assertThat(tracker.trackingId()).isEqualTo(created.trackingId());
    assertThat(tracker.accountId()).isEqualTo("000000000000");
    assertThatThrownBy(() -> personalize.createEventTracker(r -> r.name(unique("tracker")).datasetGroupArn(group)))
        .isInstanceOf(ResourceAlreadyExistsException.class);
    assertThatThrownBy(() -> personalize.deleteDatasetGroup(r -> r.datasetGroupArn(group))).isInstanceOf(ResourceInUseException.class);
    personalize.deleteEventTracker(r -> r.eventTrackerArn(arn));
    awaitGone(() -> personalize.describeEventTracker(r -> r.eventTrackerArn(arn)));
    assertThat(personalize.listEventTrackers(r -> r.datasetGroupArn(group)).eventTrackers()).isEmpty();
  }

  @Test
  void tags_are_added_removed_and_limited() {
    String arn = personalize.createDatasetGroup(r -> r.name(unique("tags"))).datasetGroupArn();
    personalize.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().tagKey("a").tagValue("1").build(), Tag.builder().tagKey("b").tagValue("2").build()));
    personalize.untagResource(r -> r.resourceArn(arn).tagKeys("a"));
    assertThat(personalize.listTagsForResource(r -> r.resourceArn(arn)).tags()).containsExactly(Tag.builder().tagKey("b").tagValue("2").build());
    List<Tag> tooMany = IntStream.range(0, 50).mapToObj(i -> Tag.builder().tagKey("k" + i).tagValue("v").build()).toList();
    assertThatThrownBy(() -> personalize.tagResource(r -> r.resourceArn(arn).tags(tooMany))).isInstanceOf(TooManyTagsException.class);
    assertThatThrownBy(() -> personalize.listTagsForResource(r -> r.resourceArn(arn + "-missing"))).isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void the_server_enforces_the_constraints_the_client_does_not_check() {
    assertThatThrownBy(() -> personalize.createDatasetGroup(r -> r.name("x".repeat(64))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("at 'name'")
        .hasMessageContaining("less than or equal to 63");
    assertThatThrownBy(() -> personalize.createDatasetGroup(r -> r.name(unique("g")).domain("GAMES")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Value 'GAMES' at 'domain'");
    assertThatThrownBy(() -> personalize.describeDatasetGroup(r -> r.datasetGroupArn("not-an-arn")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("regular expression pattern");
    assertThatThrownBy(() -> personalize.createDatasetGroup(r -> r.name(unique("g")).kmsKeyArn("arn:aws:kms:us-east-1:000000000000:key/k")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("roleArn");
  }

  @Test
  void campaign_operations_on_missing_resources_are_not_found() {
    String missing = "arn:aws:personalize:us-east-1:000000000000:campaign/none";
    assertThatThrownBy(() -> personalize.describeCampaign(r -> r.campaignArn(missing))).isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> personalize.updateCampaign(r -> r.campaignArn(missing))).isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> personalize.deleteCampaign(r -> r.campaignArn(missing))).isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(
            () ->
                personalize.createCampaign(
                    r -> r.name(unique("c")).solutionVersionArn("arn:aws:personalize:us-east-1:000000000000:solution/none/00000000")))
        .isInstanceOf(ResourceNotFoundException.class);
  }
}

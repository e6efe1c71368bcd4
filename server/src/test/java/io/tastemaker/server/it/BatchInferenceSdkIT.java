package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.GenreShop;
import io.tastemaker.server.testing.MotoServer;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.Schemas;
import io.tastemaker.server.testing.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.BatchInferenceJob;
import software.amazon.awssdk.services.personalize.model.BatchInferenceJobMode;
import software.amazon.awssdk.services.personalize.model.InvalidInputException;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;
import software.amazon.awssdk.services.personalizeruntime.model.PredictedItem;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Batch inference through the AWS SDK for Java v2, for every recipe type, from local folders and
 * from moto's S3: each output line is checked against the real-time answer of a campaign of the
 * same solution version (items and scores alike), bad lines get an error and the job goes on, and a
 * missing input, an unwritable output or a model that is not ACTIVE fail the job with a reason.
 */
class BatchInferenceSdkIT {
  private static final Duration WAIT = Workflow.WAIT;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final GenreShop SHOP = GenreShop.generate();

  @TempDir static Path dir;
  private static MotoServer moto;
  private static RunningServer server;
  private static PersonalizeClient personalize;
  private static PersonalizeRuntimeClient runtime;
  private static String group;
  private static final Map<String, String> versions = new LinkedHashMap<>();
  private static final Map<String, String> campaigns = new LinkedHashMap<>();

  @BeforeAll
  static void trainAndDeploy() throws Exception {
    moto = MotoServer.start();
    System.setProperty("aws.accessKeyId", MotoServer.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", MotoServer.SECRET_KEY);
    server = RunningServer.start(RunningServer.config(dir.resolve("data")).withS3Endpoint(Optional.of(moto.endpoint())));
    personalize = server.personalize();
    runtime = server.runtime();
    Path fixture = Files.createDirectories(dir.resolve("fixture"));
    group = Workflow.activeGroup(personalize, "batch");
    Workflow.importInto(personalize, group, "Interactions", Schemas.INTERACTIONS, SHOP.writeInteractions(fixture.resolve("interactions.csv")));
    Workflow.importInto(personalize, group, "Items", Schemas.ITEMS, GenreShop.writeItems(fixture.resolve("items.csv")));
    for (String recipe : List.of("aws-hrnn", "aws-personalized-ranking", "aws-sims", "aws-popularity-count")) {
      Map<String, String> knobs = recipe.startsWith("aws-hrnn") || recipe.equals("aws-personalized-ranking") ? Workflow.QUICK_HRNN : Map.of();
      String version = Workflow.trainedVersion(personalize, group, recipe, knobs);
      versions.put(recipe, version);
      String campaign = Workflow.activeCampaign(personalize, version);
      campaigns.put(recipe, campaign);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      runtime.close();
      personalize.close();
      server.close();
    }
    if (moto != null) {
      moto.close();
    }
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  private static String unique(String prefix) {
    return Workflow.unique(prefix);
  }

  /** Runs a job to its end and returns it. */
  private static BatchInferenceJob run(String recipe, String input, String output, int numResults, String filterArn) {
    String arn = personalize.createBatchInferenceJob(r -> r.jobName(unique("job")).solutionVersionArn(versions.get(recipe)).numResults(numResults)
        .filterArn(filterArn).roleArn("arn:aws:iam::000000000000:role/batch")
        .jobInput(i -> i.s3DataSource(s -> s.path(input))).jobOutput(o -> o.s3DataDestination(s -> s.path(output)))).batchInferenceJobArn();
    Await.finalStatus(() -> personalize.describeBatchInferenceJob(r -> r.batchInferenceJobArn(arn)).batchInferenceJob().status(), WAIT);
    return personalize.describeBatchInferenceJob(r -> r.batchInferenceJobArn(arn)).batchInferenceJob();
  }

  private static List<JsonNode> lines(Path file) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static List<Double> numbers(JsonNode array) {
    List<Double> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asDouble()));
    return values;
  }

  @Test
  void user_lines_from_a_local_folder_match_the_real_time_answers_line_by_line() throws Exception {
    Path in = Files.createDirectories(dir.resolve("users-in"));
    List<String> users = new ArrayList<>();
    for (int u = 0; u < 60; u++) {
      users.add(GenreShop.userId(u));
    }
    users.add("a-stranger");
    Files.writeString(in.resolve("first.json"), String.join("\n", users.subList(0, 30).stream().map(u -> "{\"userId\": \"" + u + "\"}").toList()) + "\n");
    Files.writeString(in.resolve("second.json"), String.join("\n", users.subList(30, users.size()).stream().map(u -> "{\"userId\":\"" + u + "\"}").toList()) + "\n");
    Path out = dir.resolve("users-out");
    BatchInferenceJob job = run("aws-hrnn", in.toUri().toString(), out.toUri().toString(), 7, null);
    assertThat(job.status()).as(job.failureReason()).isEqualTo("ACTIVE");
    List<JsonNode> lines = new ArrayList<>(lines(out.resolve("first.json.out")));
    lines.addAll(lines(out.resolve("second.json.out")));
    assertThat(lines).hasSize(users.size());
    for (int k = 0; k < users.size(); k++) {
      JsonNode line = lines.get(k);
      String user = users.get(k);
      assertThat(line.get("input").get("userId").asText()).isEqualTo(user);
      assertThat(line.get("error").isNull()).isTrue();
      List<PredictedItem> live = runtime.getRecommendations(r -> r.campaignArn(campaigns.get("aws-hrnn")).userId(user).numResults(7)).itemList();
      assertThat(texts(line.get("output").get("recommendedItems"))).as(user).isEqualTo(live.stream().map(PredictedItem::itemId).toList());
      assertThat(numbers(line.get("output").get("scores"))).as(user).isEqualTo(live.stream().map(PredictedItem::score).toList());
    }
    // The job's progress (a Tastemaker member the SDK does not model) ends at every file and line.
    JsonNode progress =
        server.call("DescribeBatchInferenceJob", JSON.createObjectNode().put("batchInferenceJobArn", job.batchInferenceJobArn())).get("batchInferenceJob").get("progress");
    assertThat(progress.get("filesDone").asInt()).isEqualTo(2);
    assertThat(progress.get("files").asInt()).isEqualTo(2);
    assertThat(progress.get("linesDone").asLong()).isEqualTo(users.size());
    // The output line keeps Personalize's key order: input, output, error.
    assertThat(Files.readAllLines(out.resolve("first.json.out")).get(0)).startsWith("{\"input\":{\"userId\":\"user-000\"},\"output\":{\"recommendedItems\":[");
  }

  @Test
  void bad_lines_get_an_error_and_the_job_goes_on_in_order() throws Exception {
    Path in = dir.resolve("bad.json");
    Files.writeString(in, "{\"userId\": \"user-001\"}\nnot json at all\n{\"itemId\": \"movie-001\"}\n[1, 2]\n\n{\"userId\": \"user-002\"}\n");
    Path out = dir.resolve("bad-out");
    BatchInferenceJob job = run("aws-hrnn", in.toString(), out.toString(), 5, null);
    assertThat(job.status()).isEqualTo("ACTIVE");
    List<JsonNode> lines = lines(out.resolve("bad.json.out"));
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0).get("output").get("recommendedItems")).hasSize(5);
    assertThat(lines.get(1).get("output").isNull()).isTrue();
    assertThat(lines.get(1).get("input").asText()).isEqualTo("not json at all");
    assertThat(lines.get(1).get("error").asText()).contains("not valid JSON");
    assertThat(lines.get(2).get("error").asText()).contains("userId is required");
    assertThat(lines.get(3).get("error").asText()).contains("JSON object");
    assertThat(lines.get(4).get("input").get("userId").asText()).isEqualTo("user-002");
    assertThat(lines.get(4).get("error").isNull()).isTrue();
  }

  @Test
  void ranking_lines_rerank_the_whole_list_with_unknown_items_last_and_unscored() throws Exception {
    List<String> list = List.of("movie-010", "no-such-movie", "movie-070", "movie-011", "new-005");
    Path in = dir.resolve("rank.json");
    Files.writeString(in, "{\"userId\": \"user-010\", \"itemList\": [\"movie-010\", \"no-such-movie\", \"movie-070\", \"movie-011\", \"new-005\"]}\n{\"userId\": \"user-010\"}\n");
    Path out = dir.resolve("rank-out");
    assertThat(run("aws-personalized-ranking", in.toString(), out.toString(), 25, null).status()).isEqualTo("ACTIVE");
    List<JsonNode> lines = lines(out.resolve("rank.json.out"));
    List<PredictedItem> live = runtime.getPersonalizedRanking(r -> r.campaignArn(campaigns.get("aws-personalized-ranking")).userId("user-010").inputList(list)).personalizedRanking();
    JsonNode output = lines.get(0).get("output");
    assertThat(texts(output.get("recommendedItems"))).isEqualTo(live.stream().map(PredictedItem::itemId).toList()).endsWith("no-such-movie", "new-005");
    assertThat(numbers(output.get("scores"))).isEqualTo(live.stream().filter(i -> i.score() != null).map(PredictedItem::score).toList()).hasSize(3);
    assertThat(lines.get(1).get("error").asText()).contains("itemList is required");
  }

  @Test
  void related_and_popular_lines_come_without_scores() throws Exception {
    Path in = dir.resolve("items.json");
    Files.writeString(in, "{\"itemId\": \"movie-003\"}\n{\"itemId\": \"unknown-movie\"}\n");
    Path out = dir.resolve("items-out");
    assertThat(run("aws-sims", in.toString(), out.toString(), 10, null).status()).isEqualTo("ACTIVE");
    List<JsonNode> lines = lines(out.resolve("items.json.out"));
    for (int k = 0; k < 2; k++) {
      String item = lines.get(k).get("input").get("itemId").asText();
      List<String> live = runtime.getRecommendations(r -> r.campaignArn(campaigns.get("aws-sims")).itemId(item).numResults(10)).itemList().stream().map(PredictedItem::itemId).toList();
      assertThat(texts(lines.get(k).get("output").get("recommendedItems"))).isEqualTo(live);
      assertThat(lines.get(k).get("output").has("scores")).isFalse();
    }
    Path users = dir.resolve("popular.json");
    Files.writeString(users, "{\"userId\": \"user-001\"}\n{\"userId\": \"anyone\"}\n");
    Path popularOut = dir.resolve("popular-out");
    assertThat(run("aws-popularity-count", users.toString(), popularOut.toString(), 10, null).status()).isEqualTo("ACTIVE");
    List<JsonNode> popular = lines(popularOut.resolve("popular.json.out"));
    assertThat(texts(popular.get(0).get("output").get("recommendedItems"))).isEqualTo(SHOP.byPopularity().subList(0, 10)).isEqualTo(texts(popular.get(1).get("output").get("recommendedItems")));
    assertThat(popular.get(0).get("output").has("scores")).isFalse();
  }

  @Test
  void a_filter_takes_each_line_s_filter_values() throws Exception {
    String genre = personalize.createFilter(r -> r.name(unique("genre")).datasetGroupArn(group).filterExpression("INCLUDE ItemID WHERE Items.GENRES IN ($GENRE)")).filterArn();
    Await.finalStatus(() -> personalize.describeFilter(r -> r.filterArn(genre)).filter().status(), WAIT);
    Path in = dir.resolve("filtered.json");
    Files.writeString(in, "{\"userId\": \"user-000\", \"filterValues\": {\"GENRE\": \"\\\"Drama\\\"\"}}\n{\"userId\": \"user-000\", \"filterValues\": {\"GENRE\": \"\\\"Horror\\\"\"}}\n{\"userId\": \"user-000\"}\n");
    Path out = dir.resolve("filtered-out");
    assertThat(run("aws-hrnn", in.toString(), out.toString(), 5, genre).status()).isEqualTo("ACTIVE");
    List<JsonNode> lines = lines(out.resolve("filtered.json.out"));
    for (int k = 0; k < 2; k++) {
      String value = lines.get(k).get("input").get("filterValues").get("GENRE").asText();
      List<PredictedItem> live = runtime.getRecommendations(r -> r.campaignArn(campaigns.get("aws-hrnn")).userId("user-000").numResults(5).filterArn(genre)
          .filterValues(Map.of("GENRE", value))).itemList();
      assertThat(texts(lines.get(k).get("output").get("recommendedItems"))).isEqualTo(live.stream().map(PredictedItem::itemId).toList());
      assertThat(numbers(lines.get(k).get("output").get("scores"))).isEqualTo(live.stream().map(PredictedItem::score).toList());
    }
    assertThat(texts(lines.get(0).get("output").get("recommendedItems"))).allSatisfy(id -> assertThat(GenreShop.genreOf(id)).isEqualTo("Drama"));
    // An INCLUDE filter's placeholder must be given on every line.
    assertThat(lines.get(2).get("error").asText()).contains("GENRE");
  }

  @Test
  void s3_input_and_output_through_moto() throws Exception {
    try (S3Client s3 = moto.s3()) {
      s3.createBucket(r -> r.bucket("batch-data"));
      s3.putObject(r -> r.bucket("batch-data").key("in/users.json"), RequestBody.fromString("{\"userId\": \"user-004\"}\n{\"userId\": \"user-005\"}\n"));
      BatchInferenceJob job = run("aws-hrnn", "s3://batch-data/in/", "s3://batch-data/out/", 4, null);
      assertThat(job.status()).as(job.failureReason()).isEqualTo("ACTIVE");
      String text = s3.getObjectAsBytes(r -> r.bucket("batch-data").key("out/users.json.out")).asUtf8String();
      List<String> out = text.lines().toList();
      assertThat(out).hasSize(2);
      JsonNode second = JSON.readTree(out.get(1));
      List<PredictedItem> live = runtime.getRecommendations(r -> r.campaignArn(campaigns.get("aws-hrnn")).userId("user-005").numResults(4)).itemList();
      assertThat(texts(second.get("output").get("recommendedItems"))).isEqualTo(live.stream().map(PredictedItem::itemId).toList());
      // A missing bucket for the output fails the job, naming it.
      BatchInferenceJob failed = run("aws-hrnn", "s3://batch-data/in/", "s3://no-such-bucket/out/", 4, null);
      assertThat(failed.status()).isEqualTo("CREATE FAILED");
      assertThat(failed.failureReason()).contains("no-such-bucket");
    }
  }

  @Test
  void a_missing_input_or_an_unwritable_output_fails_the_job_with_a_reason() throws Exception {
    BatchInferenceJob missing = run("aws-hrnn", dir.resolve("nothing-here.json").toString(), dir.resolve("x-out").toString(), 5, null);
    assertThat(missing.status()).isEqualTo("CREATE FAILED");
    assertThat(missing.failureReason()).contains("nothing-here.json");
    Path in = dir.resolve("one.json");
    Files.writeString(in, "{\"userId\": \"user-001\"}\n");
    Path aFile = Files.writeString(dir.resolve("a-file"), "not a folder");
    BatchInferenceJob unwritable = run("aws-hrnn", in.toString(), aFile.resolve("out").toString(), 5, null);
    assertThat(unwritable.status()).isEqualTo("CREATE FAILED");
    assertThat(unwritable.failureReason()).contains("a-file");
    // A version whose training failed (no events of that type) has no model to answer with.
    String solution = personalize.createSolution(r -> r.name(unique("empty")).datasetGroupArn(group).recipeArn("arn:aws:personalize:::recipe/aws-popularity-count")
        .eventType("purchase")).solutionArn();
    Await.finalStatus(() -> personalize.describeSolution(r -> r.solutionArn(solution)).solution().status(), WAIT);
    String version = personalize.createSolutionVersion(r -> r.solutionArn(solution)).solutionVersionArn();
    assertThat(Await.finalStatus(() -> personalize.describeSolutionVersion(r -> r.solutionVersionArn(version)).solutionVersion().status(), WAIT)).isEqualTo("CREATE FAILED");
    versions.put("failed", version);
    BatchInferenceJob untrained = run("failed", in.toString(), dir.resolve("y-out").toString(), 5, null);
    assertThat(untrained.status()).isEqualTo("CREATE FAILED");
    assertThat(untrained.failureReason()).contains(version).contains("not ACTIVE");
  }

  @Test
  void a_trending_now_version_gets_no_batch_job_as_in_personalize() throws Exception {
    String version = Workflow.trainedVersion(personalize, group, "aws-trending-now", Map.of());
    Path in = Files.writeString(dir.resolve("trending.json"), "{\"userId\": \"user-001\"}\n");

    assertThatThrownBy(() -> personalize.createBatchInferenceJob(r -> r.jobName(unique("trending")).solutionVersionArn(version)
            .roleArn("arn:aws:iam::000000000000:role/batch").jobInput(i -> i.s3DataSource(s -> s.path(in.toString())))
            .jobOutput(o -> o.s3DataDestination(s -> s.path(dir.resolve("trending-out").toString())))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("solutionVersionArn " + version + " was trained with aws-trending-now")
        .hasMessageContaining("no batch recommendations with the Trending-Now recipe");
    assertThat(personalize.listBatchInferenceJobs(r -> r.solutionVersionArn(version)).batchInferenceJobs()).isEmpty();
  }

  @Test
  void theme_generation_is_refused_because_it_needs_a_language_model_tastemaker_does_not_ship() throws Exception {
    Path in = Files.writeString(dir.resolve("themes.json"), "{\"itemId\": \"movie-003\"}\n");

    assertThatThrownBy(() -> personalize.createBatchInferenceJob(r -> r.jobName(unique("themes")).solutionVersionArn(versions.get("aws-sims"))
            .batchInferenceJobMode(BatchInferenceJobMode.THEME_GENERATION).themeGenerationConfig(t -> t.fieldsForThemeGeneration(f -> f.itemName("TITLE")))
            .roleArn("arn:aws:iam::000000000000:role/batch").jobInput(i -> i.s3DataSource(s -> s.path(in.toString())))
            .jobOutput(o -> o.s3DataDestination(s -> s.path(dir.resolve("themes-out").toString())))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("batchInferenceJobMode THEME_GENERATION is not supported")
        .hasMessageContaining("needs a large language model")
        .hasMessageContaining("Tastemaker ships none");
    assertThat(personalize.listBatchInferenceJobs(r -> r.solutionVersionArn(versions.get("aws-sims"))).batchInferenceJobs())
        .noneMatch(j -> j.jobName().startsWith("themes"));
  }
}

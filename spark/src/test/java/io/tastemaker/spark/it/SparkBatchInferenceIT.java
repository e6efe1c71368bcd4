package io.tastemaker.spark.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.core.sample.PlantedActions;
import io.tastemaker.server.ServerConfig;
import io.tastemaker.server.SparkSettings;
import io.tastemaker.server.objects.ObjectStoreLocation;
import io.tastemaker.server.serving.ModelFiles;
import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.GenreShop;
import io.tastemaker.server.testing.MotoServer;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.Schemas;
import io.tastemaker.server.testing.Workflow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.personalize.model.BatchInferenceJob;
import software.amazon.awssdk.services.personalize.model.BatchSegmentJob;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeevents.model.Action;
import software.amazon.awssdk.services.personalizeevents.model.ActionInteraction;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The server with {@code --spark-master local[2]} and its object store on S3 (moto) hands batch
 * inference and segment jobs to the Spark application (a child SparkSubmit JVM on this test's
 * classpath), aws-next-best-action jobs and filtered segment jobs included, and their {@code .out}
 * files, in S3 or in a local folder, are line for line those
 * the same server wrote in process before it was restarted with Spark; a damaged model fails the
 * job with the application's reason, which shows that the job ran on Spark.
 */
class SparkBatchInferenceIT {
  private static final GenreShop SHOP = GenreShop.generate();
  private static final String BUCKET = "spark-it";

  @TempDir static Path dir;
  private static MotoServer moto;
  private static S3Client s3;
  private static RunningServer server;
  private static PersonalizeClient personalize;
  private static String hrnn;
  private static String sims;
  private static String popularity;
  private static String affinity;
  private static String personalization;
  private static Path items;
  private static Path filteredItems;
  private static String filter;
  private static String filteredInProcess;
  private static String attributeAffinity;
  private static String segmentFilter;
  private static String nextBestAction;
  private static String actionFilter;
  /** A job's rankingInfluence: popularity counts more than freshness. */
  private static final Map<String, Double> INFLUENCE = Map.of("POPULARITY", 0.6, "FRESHNESS", 0.3);
  private static double sparkSeconds;

  @BeforeAll
  static void trainAndAnswerInProcessThenRestartWithSpark() throws Exception {
    moto = MotoServer.start();
    s3 = moto.s3();
    s3.createBucket(r -> r.bucket(BUCKET));
    // The server finds credentials the standard way (system properties here) and hands them to the application.
    System.setProperty("aws.accessKeyId", MotoServer.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", MotoServer.SECRET_KEY);
    Path data = dir.resolve("data");
    ServerConfig config = RunningServer.config(data).withS3Endpoint(Optional.of(moto.endpoint()))
        .withObjectStore(Optional.of(ObjectStoreLocation.parse("s3://" + BUCKET + "/store")));
    try (RunningServer plain = RunningServer.start(config)) {
      try (PersonalizeClient client = plain.personalize()) {
        Path fixture = Files.createDirectories(dir.resolve("fixture"));
        String group = Workflow.activeGroup(client, "spark");
        Workflow.importInto(client, group, "Interactions", Schemas.INTERACTIONS, SHOP.writeInteractions(fixture.resolve("interactions.csv")));
        hrnn = Workflow.trainedVersion(client, group, "aws-hrnn", Workflow.QUICK_HRNN);
        sims = Workflow.trainedVersion(client, group, "aws-sims", Map.of());
        popularity = Workflow.trainedVersion(client, group, "aws-popularity-count", Map.of());
        affinity = Workflow.trainedVersion(client, group, "aws-item-affinity", Map.of());
        personalization = Workflow.trainedVersion(client, group, "aws-user-personalization", Workflow.QUICK_HRNN);
        List<String> first = new ArrayList<>();
        for (int u = 0; u < 300; u++) {
          first.add("{\"userId\": \"" + GenreShop.userId(u % 60) + "\"}");
        }
        first.add(100, "{\"userId\": \"a-stranger\"}");
        first.add(101, "not json at all");
        first.add(102, "");
        first.add(103, "{\"itemId\": \"movie-001\"}");
        put("users/first.json", String.join("\n", first) + "\n");
        put("users/second.json", "{\"userId\":\"" + GenreShop.userId(7) + "\"}\n");
        List<String> movies = new ArrayList<>();
        for (int m = 0; m < 120; m++) {
          movies.add(String.format("{\"itemId\": \"movie-%03d\"}", m));
        }
        movies.add(30, "{\"itemId\": \"unknown-movie\"}");
        put("movies/movies.json", String.join("\n", movies) + "\n");
        items = Files.writeString(dir.resolve("items.json"), "{\"itemId\": \"movie-003\"}\n{\"itemId\": \"unknown-movie\"}\n{\"userId\": \"user-001\"}\n");
        assertThat(run(client, hrnn, "s3://" + BUCKET + "/users/", "s3://" + BUCKET + "/hrnn-in-process/").status()).isEqualTo("ACTIVE");
        assertThat(run(client, sims, items.toUri().toString(), dir.resolve("sims-in-process").toUri().toString()).status()).isEqualTo("ACTIVE");
        assertThat(explored(client, dir.resolve("explored-in-process")).status()).isEqualTo("ACTIVE");
        assertThat(segments(client, "s3://" + BUCKET + "/movies/movies.json", "s3://" + BUCKET + "/segments-in-process/").status()).isEqualTo("ACTIVE");
        // Filters read the Items and Users records and the interactions; the models above are trained without them.
        Workflow.importInto(client, group, "Items", Schemas.ITEMS, GenreShop.writeItems(fixture.resolve("items.csv")));
        Workflow.importInto(client, group, "Users", Schemas.USERS, SHOP.writeUsers(fixture.resolve("users.csv")));
        filter = client.createFilter(r -> r.name(Workflow.unique("genre")).datasetGroupArn(group).filterExpression(
            "EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"watch\") | INCLUDE ItemID WHERE Items.GENRES IN ($GENRE)"
                + " | EXCLUDE ItemID WHERE Items.GENRES IN (\"Horror\") IF CurrentUser.AGE > 40")).filterArn();
        Await.finalStatus(() -> client.describeFilter(r -> r.filterArn(filter)).filter().status(), Duration.ofMinutes(1));
        List<String> filtered = new ArrayList<>();
        for (int u = 0; u < 60; u++) {
          String genres = "\"" + GenreShop.GENRES.get(u % 6) + "\",\"" + GenreShop.GENRES.get((u + 3) % 6) + "\"";
          filtered.add("{\"userId\": \"" + GenreShop.userId(u) + "\", \"filterValues\": {\"GENRE\": \"" + genres.replace("\"", "\\\"") + "\"}}");
        }
        // An INCLUDE filter's placeholder must be given on every line.
        filtered.add(20, "{\"userId\": \"" + GenreShop.userId(3) + "\"}");
        put("filtered/users.json", String.join("\n", filtered) + "\n");
        filteredItems = Files.writeString(dir.resolve("filtered-items.json"), "{\"itemId\": \"movie-003\"}\n{\"itemId\": \"unknown-movie\"}\n{\"userId\": \"user-001\"}\n"
            + "{\"itemId\": \"movie-050\", \"userId\": \"user-002\", \"filterValues\": {\"GENRE\": \"\\\"Drama\\\"\"}}\n");
        assertThat(run(client, hrnn, "s3://" + BUCKET + "/filtered/", "s3://" + BUCKET + "/filtered-in-process/", filter).status()).isEqualTo("ACTIVE");
        assertThat(run(client, sims, filteredItems.toUri().toString(), dir.resolve("filtered-sims-in-process").toUri().toString(), filter).status()).isEqualTo("ACTIVE");
        filteredInProcess = run(client, hrnn, "s3://" + BUCKET + "/filtered/", "s3://" + BUCKET + "/influenced-in-process/", filter, INFLUENCE).batchInferenceJobArn();
        assertThat(run(client, sims, items.toUri().toString(), dir.resolve("influenced-sims-in-process").toUri().toString(), null, INFLUENCE).status()).isEqualTo("ACTIVE");
        attributeAffinity = Workflow.trainedVersion(client, group, "aws-item-attribute-affinity", Map.of());
        put("attributes/queries.json", "{\"itemAttributes\": \"ITEMS.GENRES = \\\"Comedy\\\"\"}\n"
            + "{\"itemAttributes\": \"ITEMS.GENRES = \\\"Horror\\\" OR ITEMS.GENRES = \\\"SciFi\\\"\"}\n{\"itemAttributes\": \"ITEMS.GENRES = \"}\n");
        assertThat(segments(client, attributeAffinity, "s3://" + BUCKET + "/attributes/", "s3://" + BUCKET + "/attributes-in-process/").status()).isEqualTo("ACTIVE");
        segmentFilter = client.createFilter(r -> r.name(Workflow.unique("segment")).datasetGroupArn(group).filterExpression(
            "INCLUDE UserID WHERE Users.AGE >= $MIN | INCLUDE UserID WHERE Interactions.EVENT_TYPE IN ($TYPE) | EXCLUDE UserID WHERE Users.GENDER IN (\"F\")"))
            .filterArn();
        Await.finalStatus(() -> client.describeFilter(r -> r.filterArn(segmentFilter)).filter().status(), Duration.ofMinutes(1));
        List<String> segmentLines = new ArrayList<>();
        for (int m = 0; m < 40; m++) {
          // Every third line lets everyone in by event type; the others by age alone, which an INCLUDE without TYPE refuses.
          String type = m % 3 == 0 ? ", \"TYPE\": \"\\\"watch\\\"\"" : m % 3 == 1 ? ", \"TYPE\": \"\\\"click\\\"\"" : "";
          segmentLines.add(String.format("{\"itemAttributes\": \"ITEMS.GENRES = \\\"%s\\\"\", \"filterValues\": {\"MIN\": \"%d\"%s}}",
              GenreShop.GENRES.get(m % GenreShop.GENRES.size()), 20 + m, type));
        }
        put("filtered-movies/movies.json", String.join("\n", segmentLines) + "\n");
        // aws-item-attribute-affinity: the Items records and the filter's snapshot both go to the executors.
        assertThat(segments(client, attributeAffinity, "s3://" + BUCKET + "/filtered-movies/", "s3://" + BUCKET + "/filtered-segments-in-process/", segmentFilter).status())
            .isEqualTo("ACTIVE");
        answerActionsInProcess(client, plain, fixture);
      }
    }
    SparkSettings spark = new SparkSettings("local[2]", System.getProperty("java.class.path"));
    server = RunningServer.start(config.withSpark(Optional.of(spark)));
    personalize = server.personalize();
  }

  /**
   * aws-next-best-action in a group of its own, act-0 repeated at most weekly: after training, users
   * take their planted action (PutActionInteractions) and broad-0 becomes worth 50 (PutActions), and
   * an ActionID filter reads the Actions records and the action interactions; its lines answered in process.
   */
  private static void answerActionsInProcess(PersonalizeClient client, RunningServer plain, Path fixture) throws Exception {
    PlantedActions planted = new PlantedActions(600, 4, 0.2, Instant.now().getEpochSecond(), 7);
    String group = Workflow.activeGroup(client, "spark-nba");
    Workflow.importInto(client, group, "Interactions", Schemas.INTERACTIONS, planted.writeInteractions(fixture.resolve("nba-interactions.csv")));
    Path actionsCsv = planted.writeActions(fixture.resolve("actions.csv"));
    Files.writeString(actionsCsv, Files.readString(actionsCsv).replace("act-0,10,,\n", "act-0,10,,7\n"));
    String actions = Workflow.importInto(client, group, "Actions", Schemas.ACTIONS, actionsCsv);
    String actionInteractions = Workflow.importInto(client, group, "Action_Interactions", Schemas.ACTION_INTERACTIONS,
        planted.writeActionInteractions(fixture.resolve("action-interactions.csv")));
    nextBestAction = Workflow.trainedVersion(client, group, "aws-next-best-action", Map.of());
    String trackingId = client.describeDataset(r -> r.datasetArn(actionInteractions)).dataset().trackingId();
    try (PersonalizeEventsClient events = plain.events()) {
      events.putActions(r -> r.datasetArn(actions).actions(Action.builder().actionId("broad-0").properties("{\"value\": 50}").build()));
      for (int u = 0; u < 40; u++) {
        String user = planted.userId(u);
        String action = planted.plantedAction(u);
        events.putActionInteractions(r -> r.trackingId(trackingId).actionInteractions(
            ActionInteraction.builder().actionId(action).userId(user).sessionId("s").eventType("Taken").timestamp(Instant.now()).build()));
      }
    }
    actionFilter = client.createFilter(r -> r.name(Workflow.unique("actions")).datasetGroupArn(group).filterExpression(
        "EXCLUDE ActionID WHERE Actions.VALUE > $LIMIT | EXCLUDE ActionID WHERE Action_Interactions.EVENT_TYPE IN (\"Not Taken\")")).filterArn();
    Await.finalStatus(() -> client.describeFilter(r -> r.filterArn(actionFilter)).filter().status(), Duration.ofMinutes(1));
    List<String> lines = new ArrayList<>();
    for (int u = 0; u < planted.users(); u++) {
      // Half the lines set the value limit, which leaves broad-0 out; an EXCLUDE without its value does not apply.
      lines.add("{\"userId\": \"" + planted.userId(u) + "\"" + (u % 2 == 0 ? ", \"filterValues\": {\"LIMIT\": \"20\"}" : "") + "}");
    }
    lines.add(5, "{\"userId\": \"a-stranger\"}");
    lines.add(6, "{\"itemId\": \"no-user\"}");
    put("actions/users.json", String.join("\n", lines) + "\n");
    assertThat(run(client, nextBestAction, "s3://" + BUCKET + "/actions/", "s3://" + BUCKET + "/actions-in-process/", actionFilter).status()).isEqualTo("ACTIVE");
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      personalize.close();
      server.close();
    }
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    if (moto != null) {
      s3.close();
      moto.close();
    }
    System.out.printf("SparkBatchInferenceIT: a Spark job took %.1f s%n", sparkSeconds);
  }

  private static void put(String key, String text) {
    s3.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromString(text, StandardCharsets.UTF_8));
  }

  private static BatchInferenceJob run(PersonalizeClient client, String version, String input, String output) {
    return run(client, version, input, output, null);
  }

  private static BatchInferenceJob run(PersonalizeClient client, String version, String input, String output, String filterArn) {
    return run(client, version, input, output, filterArn, Map.of());
  }

  /** A job of the version's lines with a filter (null for none) and a rankingInfluence (empty for none). */
  private static BatchInferenceJob run(PersonalizeClient client, String version, String input, String output, String filterArn, Map<String, Double> influence) {
    String arn = client.createBatchInferenceJob(r -> {
      r.jobName(Workflow.unique("job")).solutionVersionArn(version).numResults(9).filterArn(filterArn).roleArn("arn:aws:iam::000000000000:role/batch")
          .jobInput(i -> i.s3DataSource(s -> s.path(input))).jobOutput(o -> o.s3DataDestination(s -> s.path(output)));
      if (!influence.isEmpty()) {
        r.batchInferenceJobConfig(c -> c.rankingInfluenceWithStrings(influence));
      }
    }).batchInferenceJobArn();
    long started = System.nanoTime();
    // A Spark job starts a JVM and a Spark context first: on a busy machine that takes a while.
    Await.finalStatus(() -> client.describeBatchInferenceJob(r -> r.batchInferenceJobArn(arn)).batchInferenceJob().status(), Duration.ofMinutes(4));
    sparkSeconds = Math.max(sparkSeconds, (System.nanoTime() - started) / 1e9);
    return client.describeBatchInferenceJob(r -> r.batchInferenceJobArn(arn)).batchInferenceJob();
  }

  /** The user lines answered by aws-user-personalization with the job's own itemExplorationConfig. */
  private static BatchInferenceJob explored(PersonalizeClient client, Path output) {
    String arn = client.createBatchInferenceJob(r -> r.jobName(Workflow.unique("explore")).solutionVersionArn(personalization).numResults(9)
        .roleArn("arn:aws:iam::000000000000:role/batch")
        .batchInferenceJobConfig(c -> c.itemExplorationConfig(Map.of("explorationWeight", "0.9", "explorationItemAgeCutOff", "20")))
        .jobInput(i -> i.s3DataSource(s -> s.path("s3://" + BUCKET + "/users/"))).jobOutput(o -> o.s3DataDestination(s -> s.path(output.toUri().toString()))))
        .batchInferenceJobArn();
    Await.finalStatus(() -> client.describeBatchInferenceJob(r -> r.batchInferenceJobArn(arn)).batchInferenceJob().status(), Duration.ofMinutes(4));
    return client.describeBatchInferenceJob(r -> r.batchInferenceJobArn(arn)).batchInferenceJob();
  }

  private static BatchSegmentJob segments(PersonalizeClient client, String input, String output) {
    return segments(client, affinity, input, output);
  }

  private static BatchSegmentJob segments(PersonalizeClient client, String version, String input, String output) {
    return segments(client, version, input, output, null);
  }

  /** A segment job of the version's lines with a filter (null for none). */
  private static BatchSegmentJob segments(PersonalizeClient client, String version, String input, String output, String filterArn) {
    String arn = client.createBatchSegmentJob(r -> r.jobName(Workflow.unique("seg")).solutionVersionArn(version).numResults(12).filterArn(filterArn)
        .roleArn("arn:aws:iam::000000000000:role/batch")
        .jobInput(i -> i.s3DataSource(s -> s.path(input))).jobOutput(o -> o.s3DataDestination(s -> s.path(output)))).batchSegmentJobArn();
    Await.finalStatus(() -> client.describeBatchSegmentJob(r -> r.batchSegmentJobArn(arn)).batchSegmentJob().status(), Duration.ofMinutes(4));
    return client.describeBatchSegmentJob(r -> r.batchSegmentJobArn(arn)).batchSegmentJob();
  }

  private static void assertSameFiles(Path inProcess, Path spark) throws Exception {
    try (var listed = Files.list(inProcess)) {
      List<String> names = listed.map(p -> p.getFileName().toString()).sorted().toList();
      try (var sparkListed = Files.list(spark)) {
        assertThat(sparkListed.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(names);
      }
      for (String name : names) {
        assertThat(Files.readAllLines(spark.resolve(name))).as(name).containsExactlyElementsOf(Files.readAllLines(inProcess.resolve(name)));
      }
    }
  }

  /** The objects under a prefix, by name after it. */
  private static List<String> objectNames(String prefix) {
    return s3.listObjectsV2(r -> r.bucket(BUCKET).prefix(prefix)).contents().stream().map(o -> o.key().substring(prefix.length())).sorted().toList();
  }

  private static List<String> objectLines(String key) {
    return s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asUtf8String().lines().toList();
  }

  private static void assertSameObjects(String inProcess, String spark) {
    List<String> names = objectNames(inProcess);
    assertThat(names).isNotEmpty();
    assertThat(objectNames(spark)).isEqualTo(names);
    for (String name : names) {
      assertThat(objectLines(spark + name)).as(name).containsExactlyElementsOf(objectLines(inProcess + name));
    }
  }

  @Test
  void user_lines_from_s3_on_spark_equal_the_in_process_objects_line_for_line() throws Exception {
    BatchInferenceJob job = run(personalize, hrnn, "s3://" + BUCKET + "/users/", "s3://" + BUCKET + "/hrnn-spark/");
    assertThat(job.status()).as(job.failureReason()).isEqualTo("ACTIVE");
    assertSameObjects("hrnn-in-process/", "hrnn-spark/");
    List<String> lines = objectLines("hrnn-spark/first.json.out");
    assertThat(lines).hasSize(303);
    assertThat(lines.get(100)).contains("\"userId\":\"a-stranger\"").contains("\"error\":null");
    assertThat(lines.get(101)).contains("not valid JSON");
    assertThat(lines.get(102)).contains("userId is required");
  }

  @Test
  void filtered_user_and_related_item_lines_on_spark_equal_the_in_process_ones() throws Exception {
    BatchInferenceJob users = run(personalize, hrnn, "s3://" + BUCKET + "/filtered/", "s3://" + BUCKET + "/filtered-spark/", filter);
    assertThat(users.status()).as(users.failureReason()).isEqualTo("ACTIVE");
    assertSameObjects("filtered-in-process/", "filtered-spark/");
    List<String> lines = objectLines("filtered-spark/users.json.out");
    assertThat(lines).hasSize(61);
    assertThat(lines.get(0)).contains("\"recommendedItems\":[\"");
    assertThat(lines.get(20)).contains("\"output\":null").contains("GENRE");
    Path out = dir.resolve("filtered-sims-spark");
    BatchInferenceJob related = run(personalize, sims, filteredItems.toUri().toString(), out.toUri().toString(), filter);
    assertThat(related.status()).as(related.failureReason()).isEqualTo("ACTIVE");
    assertSameFiles(dir.resolve("filtered-sims-in-process"), out);
    // The job's filter snapshot is deleted with the job.
    assertThat(objectNames("store/batch-snapshots/")).isEmpty();
  }

  @Test
  void ranking_influence_with_and_without_a_filter_on_spark_equals_the_in_process_answers() throws Exception {
    BatchInferenceJob users = run(personalize, hrnn, "s3://" + BUCKET + "/filtered/", "s3://" + BUCKET + "/influenced-spark/", filter, INFLUENCE);
    assertThat(users.status()).as(users.failureReason()).isEqualTo("ACTIVE");
    assertSameObjects("influenced-in-process/", "influenced-spark/");
    // The weights move items: the same lines without influence are answered otherwise.
    assertThat(objectLines("influenced-spark/users.json.out")).isNotEqualTo(objectLines("filtered-in-process/users.json.out"));
    Path out = dir.resolve("influenced-sims-spark");
    BatchInferenceJob related = run(personalize, sims, items.toUri().toString(), out.toUri().toString(), null, INFLUENCE);
    assertThat(related.status()).as(related.failureReason()).isEqualTo("ACTIVE");
    assertSameFiles(dir.resolve("influenced-sims-in-process"), out);
    // The job ran on Spark: an in-process job leaves its progress member, a Spark job writes none.
    assertThat(described(filteredInProcess).has("progress")).isTrue();
    assertThat(described(users.batchInferenceJobArn()).has("progress")).isFalse();
    assertThat(objectNames("store/batch-snapshots/")).isEmpty();
  }

  private static com.fasterxml.jackson.databind.JsonNode described(String arn) {
    com.fasterxml.jackson.databind.node.ObjectNode input = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("batchInferenceJobArn", arn);
    return server.call("DescribeBatchInferenceJob", input).path("batchInferenceJob");
  }

  @Test
  void attribute_query_segment_lines_on_spark_equal_the_in_process_objects() {
    BatchSegmentJob job = segments(personalize, attributeAffinity, "s3://" + BUCKET + "/attributes/", "s3://" + BUCKET + "/attributes-spark/");
    assertThat(job.status()).as(job.failureReason()).isEqualTo("ACTIVE");
    assertSameObjects("attributes-in-process/", "attributes-spark/");
    List<String> lines = objectLines("attributes-spark/queries.json.out");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).contains("\"recommendedUsers\":[\"user-");
    assertThat(lines.get(2)).contains("\"output\":null");
    assertThat(objectNames("store/batch-snapshots/")).isEmpty();
    // It ran on Spark: a job run in process leaves its progress member.
    com.fasterxml.jackson.databind.node.ObjectNode input = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("batchSegmentJobArn", job.batchSegmentJobArn());
    assertThat(server.call("DescribeBatchSegmentJob", input).path("batchSegmentJob").has("progress")).isFalse();
  }

  @Test
  void next_best_action_lines_with_takings_and_a_filter_on_spark_equal_the_in_process_objects() {
    BatchInferenceJob job = run(personalize, nextBestAction, "s3://" + BUCKET + "/actions/", "s3://" + BUCKET + "/actions-spark/", actionFilter);
    assertThat(job.status()).as(job.failureReason()).isEqualTo("ACTIVE");
    assertSameObjects("actions-in-process/", "actions-spark/");
    List<String> lines = objectLines("actions-spark/users.json.out");
    assertThat(lines).hasSize(602);
    assertThat(lines.get(0)).contains("\"actionList\":[").doesNotContain("broad-0").doesNotContain(PlantedActions.EXPIRED);
    assertThat(lines.get(5)).contains("a-stranger").contains("\"error\":null");
    assertThat(lines.get(6)).contains("\"output\":null").contains("userId");
    // User 0 took act-0, repeated at most weekly, just before the job: it is left out; broad-0 is worth 50 now.
    assertThat(lines.get(0)).doesNotContain("\"act-0\"");
    assertThat(String.join("\n", lines.subList(7, lines.size()))).contains("\"act-0\"").contains("\"broad-0\"");
    assertThat(described(job.batchInferenceJobArn()).has("progress")).as("ran on Spark").isFalse();
    assertThat(objectNames("store/batch-snapshots/")).isEmpty();
  }

  @Test
  void filtered_segment_lines_on_spark_equal_the_in_process_objects() {
    BatchSegmentJob job = segments(personalize, attributeAffinity, "s3://" + BUCKET + "/filtered-movies/", "s3://" + BUCKET + "/filtered-segments-spark/", segmentFilter);
    assertThat(job.status()).as(job.failureReason()).isEqualTo("ACTIVE");
    assertSameObjects("filtered-segments-in-process/", "filtered-segments-spark/");
    List<String> lines = objectLines("filtered-segments-spark/movies.json.out");
    assertThat(lines).hasSize(40);
    assertThat(lines.get(0)).contains("\"recommendedUsers\":[\"user-");
    assertThat(lines.get(2)).contains("\"output\":null").contains("TYPE");
    // Women are excluded from every segment: GenreShop's even users.
    for (String line : lines) {
      for (int u = 0; u < GenreShop.USERS; u += 2) {
        assertThat(line).doesNotContain("\"" + GenreShop.userId(u) + "\"");
      }
    }
    com.fasterxml.jackson.databind.node.ObjectNode input = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("batchSegmentJobArn", job.batchSegmentJobArn());
    assertThat(server.call("DescribeBatchSegmentJob", input).path("batchSegmentJob").has("progress")).as("ran on Spark").isFalse();
    assertThat(objectNames("store/batch-snapshots/")).isEmpty();
  }

  @Test
  void related_item_lines_from_a_local_folder_on_spark_equal_the_in_process_file() throws Exception {
    Path out = dir.resolve("sims-spark");
    BatchInferenceJob job = run(personalize, sims, items.toUri().toString(), out.toUri().toString());
    assertThat(job.status()).as(job.failureReason()).isEqualTo("ACTIVE");
    assertSameFiles(dir.resolve("sims-in-process"), out);
  }

  @Test
  void a_job_s_item_exploration_config_goes_to_spark_with_the_same_answers() throws Exception {
    Path out = dir.resolve("explored-spark");
    BatchInferenceJob job = explored(personalize, out);
    assertThat(job.status()).as(job.failureReason()).isEqualTo("ACTIVE");
    assertSameFiles(dir.resolve("explored-in-process"), out);
  }

  @Test
  void segment_lines_on_spark_equal_the_in_process_objects_line_for_line() {
    BatchSegmentJob job = segments(personalize, "s3://" + BUCKET + "/movies/movies.json", "s3://" + BUCKET + "/segments-spark/");
    assertThat(job.status()).as(job.failureReason()).isEqualTo("ACTIVE");
    assertSameObjects("segments-in-process/", "segments-spark/");
    List<String> lines = objectLines("segments-spark/movies.json.out");
    assertThat(lines).hasSize(121);
    assertThat(lines.get(0)).startsWith("{\"input\":{\"itemId\":\"movie-000\"},\"output\":{\"recommendedUsers\":[\"user-");
    assertThat(lines.get(30)).contains("\"output\":null").contains("unknown-movie");

    // The job ran on Spark, not in the server: a damaged model fails with the application's reason.
    put("store/" + ModelFiles.keyFor(affinity), "damaged");
    BatchSegmentJob damaged = segments(personalize, "s3://" + BUCKET + "/movies/movies.json", "s3://" + BUCKET + "/segments-damaged/");
    assertThat(damaged.status()).isEqualTo("CREATE FAILED");
    assertThat(damaged.failureReason()).startsWith("Batch segment job on Spark failed: The model cannot be loaded: ");
    assertThat(objectNames("segments-damaged/")).isEmpty();
  }

  @Test
  void a_damaged_model_fails_the_spark_job_with_the_application_s_reason() throws Exception {
    String key = "store/" + ModelFiles.keyFor(popularity);
    assertThat(objectNames(key)).containsExactly("");
    put(key, "damaged");
    Path out = dir.resolve("damaged-out");
    BatchInferenceJob job = run(personalize, popularity, items.toUri().toString(), out.toUri().toString());
    assertThat(job.status()).isEqualTo("CREATE FAILED");
    assertThat(job.failureReason()).startsWith("Batch inference on Spark failed: The model cannot be loaded: ").contains(ModelFiles.keyFor(popularity));
    assertThat(out.resolve("items.json.out")).doesNotExist();
  }
}

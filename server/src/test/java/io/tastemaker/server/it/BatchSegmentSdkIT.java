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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.BatchSegmentJob;
import software.amazon.awssdk.services.personalize.model.BatchSegmentJobSummary;
import software.amazon.awssdk.services.personalize.model.InvalidInputException;
import software.amazon.awssdk.services.personalize.model.Recipe;
import software.amazon.awssdk.services.personalize.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Batch segment jobs through the AWS SDK for Java v2 on the genre shop, whose users each follow one
 * genre: the segment of a movie and of a genre query are that genre's fans, a user filter keeps
 * only the users it admits, bad lines get an error and the job goes on, S3 input and output work
 * as for batch inference, and versions of other recipes are refused where they do not belong.
 */
class BatchSegmentSdkIT {
  private static final Duration WAIT = Workflow.WAIT;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROLE = "arn:aws:iam::000000000000:role/segments";

  @TempDir static Path dir;
  private static MotoServer moto;
  private static RunningServer server;
  private static PersonalizeClient personalize;
  private static String group;
  private static String itemAffinity;
  private static String attributeAffinity;
  private static String sims;

  @BeforeAll
  static void train() throws Exception {
    moto = MotoServer.start();
    System.setProperty("aws.accessKeyId", MotoServer.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", MotoServer.SECRET_KEY);
    server = RunningServer.start(RunningServer.config(dir.resolve("data")).withS3Endpoint(Optional.of(moto.endpoint())));
    personalize = server.personalize();
    Path fixture = Files.createDirectories(dir.resolve("fixture"));
    group = Workflow.activeGroup(personalize, "segments");
    Workflow.importGenreShop(personalize, group, fixture);
    Workflow.importInto(personalize, group, "Users", Schemas.USERS, GenreShop.generate().writeUsers(fixture.resolve("users.csv")));
    itemAffinity = Workflow.trainedVersion(personalize, group, "aws-item-affinity", Map.of());
    attributeAffinity = Workflow.trainedVersion(personalize, group, "aws-item-attribute-affinity", Map.of());
    sims = Workflow.trainedVersion(personalize, group, "aws-sims", Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      personalize.close();
      server.close();
    }
    if (moto != null) {
      moto.close();
    }
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  private static BatchSegmentJob run(String version, String input, String output, Integer numResults, String filterArn) {
    String arn = personalize.createBatchSegmentJob(r -> r.jobName(Workflow.unique("seg")).solutionVersionArn(version).numResults(numResults)
        .filterArn(filterArn).roleArn(ROLE)
        .jobInput(i -> i.s3DataSource(s -> s.path(input))).jobOutput(o -> o.s3DataDestination(s -> s.path(output)))).batchSegmentJobArn();
    Await.finalStatus(() -> personalize.describeBatchSegmentJob(r -> r.batchSegmentJobArn(arn)).batchSegmentJob().status(), WAIT);
    return personalize.describeBatchSegmentJob(r -> r.batchSegmentJobArn(arn)).batchSegmentJob();
  }

  private static List<JsonNode> lines(Path file) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  private static List<String> users(JsonNode line) {
    List<String> users = new ArrayList<>();
    line.get("output").get("recommendedUsers").forEach(u -> users.add(u.asText()));
    return users;
  }

  private static long fansOf(String genre, List<String> users) {
    return users.stream().filter(u -> GenreShop.genreOfUser(u).equals(genre)).count();
  }

  @Test
  void the_recipes_are_listed_as_user_segmentation() {
    Recipe recipe = personalize.describeRecipe(r -> r.recipeArn("arn:aws:personalize:::recipe/aws-item-attribute-affinity")).recipe();
    assertThat(recipe.recipeType()).isEqualTo("USER_SEGMENTATION");
    assertThat(personalize.getSolutionMetrics(r -> r.solutionVersionArn(itemAffinity)).metrics())
        .containsOnlyKeys("segment_precision_at_25", "segment_recall_at_25")
        .allSatisfy((name, value) -> assertThat(value).as(name).isBetween(0.0, 1.0));
  }

  @Test
  void a_movies_segment_is_its_genres_fans_with_the_requested_size() throws Exception {
    List<String> movies = List.of("movie-003", "movie-025", "movie-047", "movie-061", "movie-099", "movie-110");
    Path in = Files.createDirectories(dir.resolve("items-in"));
    Files.writeString(in.resolve("movies.json"), String.join("\n", movies.stream().map(m -> "{\"itemId\": \"" + m + "\"}").toList()) + "\n");
    Path out = dir.resolve("items-out");
    BatchSegmentJob job = run(itemAffinity, in.toUri().toString(), out.toUri().toString(), 20, null);
    assertThat(job.status()).as(job.failureReason()).isEqualTo("ACTIVE");
    assertThat(job.numResults()).isEqualTo(20);
    List<JsonNode> lines = lines(out.resolve("movies.json.out"));
    assertThat(lines).hasSize(movies.size());
    for (int k = 0; k < movies.size(); k++) {
      String movie = movies.get(k);
      assertThat(lines.get(k).get("input").get("itemId").asText()).isEqualTo(movie);
      List<String> segment = users(lines.get(k));
      assertThat(segment).hasSize(20).doesNotHaveDuplicates();
      // 30 users follow each genre (a sixth of the 180): the 20 with the highest affinity are mostly
      // among them, with a few of another genre whose random views (a tenth) resemble the movie's.
      assertThat(fansOf(GenreShop.genreOf(movie), segment)).as(movie + " " + segment).isGreaterThanOrEqualTo(15);
    }
    assertThat(Files.readAllLines(out.resolve("movies.json.out")).get(0)).startsWith("{\"input\":{\"itemId\":\"movie-003\"},\"output\":{\"recommendedUsers\":[\"user-");
    JsonNode progress = server.call("DescribeBatchSegmentJob", JSON.createObjectNode().put("batchSegmentJobArn", job.batchSegmentJobArn())).get("batchSegmentJob").get("progress");
    assertThat(progress.get("linesDone").asLong()).isEqualTo(movies.size());
    assertThat(progress.get("filesDone").asInt()).isEqualTo(1);
  }

  @Test
  void an_attribute_query_segment_is_the_fans_of_the_genre_and_or_widens_it() throws Exception {
    Path in = dir.resolve("genres.json");
    Files.writeString(in, "{\"itemAttributes\": \"ITEMS.GENRES = \\\"Comedy\\\"\"}\n"
        + "{\"itemAttributes\": \"ITEMS.GENRES = \\\"Horror\\\" OR ITEMS.GENRES = \\\"SciFi\\\"\"}\n"
        + "{\"itemAttributes\": \"ITEMS.GENRES = \\\"Polka\\\"\"}\n"
        + "{\"itemAttributes\": \"ITEMS.GENRES = \"}\n");
    Path out = dir.resolve("genres-out");
    BatchSegmentJob job = run(attributeAffinity, in.toString(), out.toString(), 30, null);
    assertThat(job.status()).as(job.failureReason()).isEqualTo("ACTIVE");
    List<JsonNode> lines = lines(out.resolve("genres.json.out"));
    assertThat(lines.get(0).get("itemAttributes").asText()).isEqualTo("ITEMS.GENRES = \"Comedy\"");
    assertThat(fansOf("Comedy", users(lines.get(0)))).isEqualTo(30);
    List<String> either = users(lines.get(1));
    assertThat(fansOf("Horror", either) + fansOf("SciFi", either)).isEqualTo(30);
    assertThat(fansOf("Horror", either)).isPositive();
    assertThat(fansOf("SciFi", either)).isPositive();
    assertThat(lines.get(2).get("output").isNull()).isTrue();
    assertThat(lines.get(2).get("error").asText()).contains("No item").contains("Polka");
    assertThat(lines.get(3).get("error").asText()).startsWith("itemAttributes cannot be read");
  }

  @Test
  void a_user_filter_keeps_only_the_users_it_admits() throws Exception {
    String gender = personalize.createFilter(r -> r.name(Workflow.unique("gender")).datasetGroupArn(group)
        .filterExpression("INCLUDE UserID WHERE Users.GENDER IN ($GENDER)")).filterArn();
    Await.finalStatus(() -> personalize.describeFilter(r -> r.filterArn(gender)).filter().status(), WAIT);
    Path in = dir.resolve("filtered.json");
    Files.writeString(in, "{\"itemId\": \"movie-030\", \"filterValues\": {\"GENDER\": \"\\\"F\\\"\"}}\n{\"itemId\": \"movie-030\"}\n");
    Path out = dir.resolve("filtered-out");
    BatchSegmentJob job = run(itemAffinity, in.toString(), out.toString(), 10, gender);
    assertThat(job.status()).as(job.failureReason()).isEqualTo("ACTIVE");
    assertThat(job.filterArn()).isEqualTo(gender);
    List<JsonNode> lines = lines(out.resolve("filtered.json.out"));
    List<String> women = users(lines.get(0));
    assertThat(women).hasSize(10).allSatisfy(u -> assertThat(Integer.parseInt(u.substring(5)) % 2).as(u).isZero());
    assertThat(lines.get(1).get("error").asText()).contains("GENDER");

    String items = personalize.createFilter(r -> r.name(Workflow.unique("items")).datasetGroupArn(group)
        .filterExpression("INCLUDE ItemID WHERE Items.GENRES IN (\"Drama\")")).filterArn();
    Await.finalStatus(() -> personalize.describeFilter(r -> r.filterArn(items)).filter().status(), WAIT);
    assertThatThrownBy(() -> run(itemAffinity, in.toString(), out.toString(), 10, items))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("filterArn").hasMessageContaining("ItemID");
  }

  @Test
  void bad_lines_get_an_error_and_the_job_goes_on_in_order() throws Exception {
    Path in = dir.resolve("bad.json");
    Files.writeString(in, "{\"itemId\": \"movie-001\"}\nnot json\n{\"itemId\": \"no-such-movie\"}\n{\"userId\": \"user-001\"}\n[1]\n{\"itemId\": \"movie-002\"}\n");
    Path out = dir.resolve("bad-out");
    assertThat(run(itemAffinity, in.toString(), out.toString(), null, null).status()).isEqualTo("ACTIVE");
    List<JsonNode> lines = lines(out.resolve("bad.json.out"));
    assertThat(lines).hasSize(6);
    assertThat(users(lines.get(0))).hasSize(25);
    assertThat(lines.get(1).get("input").asText()).isEqualTo("not json");
    assertThat(lines.get(1).get("error").asText()).contains("not valid JSON");
    assertThat(lines.get(2).get("error").asText()).contains("no-such-movie");
    assertThat(lines.get(3).get("error").asText()).contains("itemId is required");
    assertThat(lines.get(4).get("error").asText()).contains("JSON object");
    assertThat(users(lines.get(5))).hasSize(25);
  }

  @Test
  void segments_read_from_and_write_to_s3() throws Exception {
    try (S3Client s3 = moto.s3()) {
      String bucket = "segments-" + Long.toHexString(System.nanoTime());
      s3.createBucket(r -> r.bucket(bucket));
      s3.putObject(r -> r.bucket(bucket).key("in/movies.json"), RequestBody.fromString("{\"itemId\": \"movie-005\"}\n"));
      BatchSegmentJob job = run(itemAffinity, "s3://" + bucket + "/in/", "s3://" + bucket + "/out/", 5, null);
      assertThat(job.status()).as(job.failureReason()).isEqualTo("ACTIVE");
      String text = s3.getObjectAsBytes(r -> r.bucket(bucket).key("out/movies.json.out")).asUtf8String();
      List<String> segment = users(JSON.readTree(text.lines().findFirst().orElseThrow()));
      assertThat(fansOf("Action", segment)).isGreaterThanOrEqualTo(4);
    }
  }

  @Test
  void jobs_are_listed_by_version_and_unknown_ones_are_not_found() throws Exception {
    Path in = dir.resolve("one.json");
    Files.writeString(in, "{\"itemId\": \"movie-001\"}\n");
    BatchSegmentJob job = run(itemAffinity, in.toString(), dir.resolve("one-out").toString(), 3, null);
    List<BatchSegmentJobSummary> listed = personalize.listBatchSegmentJobs(r -> r.solutionVersionArn(itemAffinity)).batchSegmentJobs();
    assertThat(listed).extracting(BatchSegmentJobSummary::batchSegmentJobArn).contains(job.batchSegmentJobArn());
    assertThat(listed).allSatisfy(s -> assertThat(s.solutionVersionArn()).isEqualTo(itemAffinity));
    assertThat(personalize.listBatchSegmentJobs(r -> r.solutionVersionArn(attributeAffinity)).batchSegmentJobs())
        .extracting(BatchSegmentJobSummary::batchSegmentJobArn).doesNotContain(job.batchSegmentJobArn());
    String missing = job.batchSegmentJobArn() + "-missing";
    assertThatThrownBy(() -> personalize.describeBatchSegmentJob(r -> r.batchSegmentJobArn(missing))).isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void versions_go_only_where_their_recipe_type_belongs() throws Exception {
    Path in = dir.resolve("wrong.json");
    Files.writeString(in, "{\"itemId\": \"movie-001\"}\n");
    assertThatThrownBy(() -> run(sims, in.toString(), dir.resolve("wrong-out").toString(), 3, null))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("aws-sims").hasMessageContaining("USER_SEGMENTATION");
    assertThatThrownBy(() -> personalize.createCampaign(r -> r.name(Workflow.unique("c")).solutionVersionArn(itemAffinity)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("CreateBatchSegmentJob");
    assertThatThrownBy(() -> personalize.createBatchInferenceJob(r -> r.jobName(Workflow.unique("b")).solutionVersionArn(itemAffinity).roleArn(ROLE)
            .jobInput(i -> i.s3DataSource(s -> s.path(in.toString()))).jobOutput(o -> o.s3DataDestination(s -> s.path(dir.resolve("b-out").toString())))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("USER_SEGMENTATION");
    assertThatThrownBy(() -> run(itemAffinity, in.toString(), dir.resolve("n-out").toString(), 0, null))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("numResults");
  }
}

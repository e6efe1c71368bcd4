package io.tastemaker.spark.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.server.SparkSettings;
import io.tastemaker.server.serving.ModelFiles;
import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.GenreShop;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.Schemas;
import io.tastemaker.server.testing.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.BatchInferenceJob;

/**
 * The server with {@code --spark-master local[2]} hands batch inference jobs to the Spark
 * application (a child SparkSubmit JVM on this test's classpath) and its {@code .out} files are
 * byte for byte those the same server wrote in process before it was restarted with Spark; a
 * damaged model fails the job with the application's reason.
 */
class SparkBatchInferenceIT {
  private static final GenreShop SHOP = GenreShop.generate();

  @TempDir static Path dir;
  private static RunningServer server;
  private static PersonalizeClient personalize;
  private static String hrnn;
  private static String sims;
  private static String popularity;
  private static Path users;
  private static Path items;
  private static double sparkSeconds;

  @BeforeAll
  static void trainAndAnswerInProcessThenRestartWithSpark() throws Exception {
    Path data = dir.resolve("data");
    try (RunningServer plain = RunningServer.start(RunningServer.config(data))) {
      try (PersonalizeClient client = plain.personalize()) {
        Path fixture = Files.createDirectories(dir.resolve("fixture"));
        String group = Workflow.activeGroup(client, "spark");
        Workflow.importInto(client, group, "Interactions", Schemas.INTERACTIONS, SHOP.writeInteractions(fixture.resolve("interactions.csv")));
        hrnn = Workflow.trainedVersion(client, group, "aws-hrnn", Workflow.QUICK_HRNN);
        sims = Workflow.trainedVersion(client, group, "aws-sims", Map.of());
        popularity = Workflow.trainedVersion(client, group, "aws-popularity-count", Map.of());
        users = Files.createDirectories(dir.resolve("users"));
        List<String> first = new ArrayList<>();
        for (int u = 0; u < 300; u++) {
          first.add("{\"userId\": \"" + GenreShop.userId(u % 60) + "\"}");
        }
        first.add(100, "{\"userId\": \"a-stranger\"}");
        first.add(101, "not json at all");
        first.add(102, "");
        first.add(103, "{\"itemId\": \"movie-001\"}");
        Files.write(users.resolve("first.json"), first);
        Files.writeString(users.resolve("second.json"), "{\"userId\":\"" + GenreShop.userId(7) + "\"}\n");
        items = Files.writeString(dir.resolve("items.json"), "{\"itemId\": \"movie-003\"}\n{\"itemId\": \"unknown-movie\"}\n{\"userId\": \"user-001\"}\n");
        assertThat(run(client, hrnn, users, dir.resolve("hrnn-in-process")).status()).isEqualTo("ACTIVE");
        assertThat(run(client, sims, items, dir.resolve("sims-in-process")).status()).isEqualTo("ACTIVE");
      }
    }
    SparkSettings spark = new SparkSettings("local[2]", System.getProperty("java.class.path"));
    server = RunningServer.start(RunningServer.config(data).withSpark(Optional.of(spark)));
    personalize = server.personalize();
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      personalize.close();
      server.close();
    }
    System.out.printf("SparkBatchInferenceIT: a Spark job took %.1f s%n", sparkSeconds);
  }

  private static BatchInferenceJob run(PersonalizeClient client, String version, Path input, Path output) {
    String arn = client.createBatchInferenceJob(r -> r.jobName(Workflow.unique("job")).solutionVersionArn(version).numResults(9)
        .roleArn("arn:aws:iam::000000000000:role/batch")
        .jobInput(i -> i.s3DataSource(s -> s.path(input.toUri().toString()))).jobOutput(o -> o.s3DataDestination(s -> s.path(output.toUri().toString()))))
        .batchInferenceJobArn();
    long started = System.nanoTime();
    // A Spark job starts a JVM and a Spark context first: on a busy machine that takes a while.
    Await.finalStatus(() -> client.describeBatchInferenceJob(r -> r.batchInferenceJobArn(arn)).batchInferenceJob().status(), java.time.Duration.ofMinutes(4));
    sparkSeconds = Math.max(sparkSeconds, (System.nanoTime() - started) / 1e9);
    return client.describeBatchInferenceJob(r -> r.batchInferenceJobArn(arn)).batchInferenceJob();
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

  @Test
  void user_lines_on_spark_equal_the_in_process_files_line_for_line() throws Exception {
    Path out = dir.resolve("hrnn-spark");
    BatchInferenceJob job = run(personalize, hrnn, users, out);
    assertThat(job.status()).as(job.failureReason()).isEqualTo("ACTIVE");
    assertSameFiles(dir.resolve("hrnn-in-process"), out);
    List<String> lines = Files.readAllLines(out.resolve("first.json.out"));
    assertThat(lines).hasSize(303);
    assertThat(lines.get(100)).contains("\"userId\":\"a-stranger\"").contains("\"error\":null");
    assertThat(lines.get(101)).contains("not valid JSON");
    assertThat(lines.get(102)).contains("userId is required");
  }

  @Test
  void related_item_lines_on_spark_equal_the_in_process_file() throws Exception {
    Path out = dir.resolve("sims-spark");
    BatchInferenceJob job = run(personalize, sims, items, out);
    assertThat(job.status()).as(job.failureReason()).isEqualTo("ACTIVE");
    assertSameFiles(dir.resolve("sims-in-process"), out);
  }

  @Test
  void a_damaged_model_fails_the_spark_job_with_the_application_s_reason() throws Exception {
    Path model = server.dataDir().resolve("objects").resolve(ModelFiles.keyFor(popularity));
    assertThat(model).exists();
    Files.write(model, new byte[] {0, 1, 2, 3});
    Path out = dir.resolve("damaged-out");
    BatchInferenceJob job = run(personalize, popularity, items, out);
    assertThat(job.status()).isEqualTo("CREATE FAILED");
    assertThat(job.failureReason()).startsWith("Batch inference on Spark failed: The model cannot be loaded: ").contains(model.getFileName().toString());
    assertThat(out.resolve("items.json.out")).doesNotExist();
  }
}

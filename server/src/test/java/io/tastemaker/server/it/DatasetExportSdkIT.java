package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.GenreShop;
import io.tastemaker.server.testing.MotoServer;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.Schemas;
import io.tastemaker.server.testing.Workflow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.DatasetExportJob;
import software.amazon.awssdk.services.personalize.model.InvalidInputException;
import software.amazon.awssdk.services.personalize.model.IngestionMode;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeevents.model.Event;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Dataset export jobs through the AWS SDK for Java v2, boto3 and the AWS CLI: BULK, PUT and ALL, to a
 * local folder and to S3 (moto), in the schema's CSV layout, and an export imported into a new group
 * trains a model that answers as the original does.
 */
class DatasetExportSdkIT {
  private static MotoServer moto;
  private static RunningServer server;
  private static PersonalizeClient personalize;
  private static String group;
  private static String interactions;
  private static String items;
  private static GenreShop shop;

  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    moto = MotoServer.start();
    System.setProperty("aws.accessKeyId", MotoServer.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", MotoServer.SECRET_KEY);
    try (S3Client s3 = moto.s3()) {
      s3.createBucket(r -> r.bucket("exports"));
    }
    server = RunningServer.start(RunningServer.config(dir.resolve("data")).withS3Endpoint(Optional.of(moto.endpoint())));
    personalize = server.personalize();
    group = Workflow.activeGroup(personalize, "export");
    shop = GenreShop.generate();
    interactions = Workflow.importInto(personalize, group, "Interactions", Schemas.INTERACTIONS, shop.writeInteractions(dir.resolve("interactions.csv")));
    items = Workflow.importInto(personalize, group, "Items", Schemas.ITEMS, GenreShop.writeItems(dir.resolve("items.csv")));
    String trackingId = Workflow.trackingId(personalize, group);
    try (PersonalizeEventsClient events = server.events()) {
      events.putEvents(r -> r.trackingId(trackingId).userId("streamer").sessionId("s1").eventList(
          Event.builder().eventType("watch").itemId(GenreShop.movieId(3)).sentAt(Instant.ofEpochSecond(1_800_000_000L)).build(),
          Event.builder().eventType("watch").itemId(GenreShop.movieId(4)).sentAt(Instant.ofEpochSecond(1_800_000_060L)).eventValue(2.5f).build()));
      events.putItems(r -> r.datasetArn(items).items(
          software.amazon.awssdk.services.personalizeevents.model.Item.builder().itemId(GenreShop.movieId(0)).properties("{\"genres\": \"Western|Drama\", \"creationTimestamp\": 1800000000}").build()));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    personalize.close();
    server.close();
    moto.close();
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  private static DatasetExportJob export(String dataset, String mode, String path) {
    String name = Workflow.unique("export");
    String arn =
        personalize.createDatasetExportJob(r -> r.jobName(name).datasetArn(dataset).ingestionMode(mode).roleArn("arn:aws:iam::000000000000:role/p")
                .jobOutput(o -> o.s3DataDestination(d -> d.path(path))))
            .datasetExportJobArn();
    Await.finalStatus(() -> personalize.describeDatasetExportJob(r -> r.datasetExportJobArn(arn)).datasetExportJob().status(), Workflow.WAIT);
    DatasetExportJob job = personalize.describeDatasetExportJob(r -> r.datasetExportJobArn(arn)).datasetExportJob();
    assertThat(job.status()).as(job.failureReason()).isEqualTo("ACTIVE");
    return job;
  }

  private static List<String> localLines(Path folder) throws Exception {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> all = files.toList();
      assertThat(all).extracting(p -> p.getFileName().toString()).containsExactly("part-00000.csv");
      for (Path file : all) {
        lines.addAll(Files.readAllLines(file));
      }
    }
    return lines;
  }

  @Test
  void a_bulk_export_writes_every_imported_row_under_the_schema_header_in_a_local_folder() throws Exception {
    Path out = server.localData().resolve("exports");
    String path = out.toUri().toString();
    DatasetExportJob job = export(interactions, "BULK", path);
    assertThat(job.ingestionMode()).isEqualTo(IngestionMode.BULK);
    assertThat(job.jobOutput().s3DataDestination().path()).isEqualTo(path);
    List<String> lines = localLines(out.resolve(job.jobName()));
    assertThat(lines.get(0)).isEqualTo("USER_ID,ITEM_ID,EVENT_TYPE,EVENT_VALUE,TIMESTAMP");
    List<String> expected = shop.events().stream().map(e -> e.user() + "," + e.item() + ",watch,1.0," + e.timestamp()).distinct().toList();
    assertThat(lines.subList(1, lines.size())).containsExactlyElementsOf(expected);
  }

  @Test
  void a_put_export_writes_only_the_streamed_events_and_all_writes_both_to_s3() throws Exception {
    Path out = server.localData().resolve("put-exports");
    DatasetExportJob put = export(interactions, "PUT", out.toString());
    assertThat(localLines(out.resolve(put.jobName())))
        .containsExactly("USER_ID,ITEM_ID,EVENT_TYPE,EVENT_VALUE,TIMESTAMP", "streamer," + GenreShop.movieId(3) + ",watch,,1800000000",
            "streamer," + GenreShop.movieId(4) + ",watch,2.5,1800000060");

    DatasetExportJob all = export(interactions, "ALL", "s3://exports/all/");
    try (S3Client s3 = moto.s3()) {
      assertThat(s3.listObjectsV2(r -> r.bucket("exports").prefix("all/")).contents()).extracting(o -> o.key()).containsExactly("all/" + all.jobName() + "/part-00000.csv");
      List<String> lines = s3.getObjectAsBytes(r -> r.bucket("exports").key("all/" + all.jobName() + "/part-00000.csv")).asUtf8String().lines().toList();
      assertThat(lines).hasSize(1 + (int) shop.events().stream().distinct().count() + 2).endsWith("streamer," + GenreShop.movieId(4) + ",watch,2.5,1800000060");
    }
  }

  @Test
  void an_items_export_keeps_the_newest_record_of_each_id() throws Exception {
    Path out = server.localData().resolve("item-exports");
    DatasetExportJob job = export(items, "ALL", out.toString());
    List<String> lines = localLines(out.resolve(job.jobName()));
    assertThat(lines.get(0)).isEqualTo("ITEM_ID,GENRES,CREATION_TIMESTAMP");
    assertThat(lines).hasSize(1 + GenreShop.movies().size() + GenreShop.newMovies().size());
    assertThat(lines).filteredOn(l -> l.startsWith(GenreShop.movieId(0) + ",")).containsExactly(GenreShop.movieId(0) + ",Western|Drama,1800000000");
    DatasetExportJob bulk = export(items, "BULK", out.toString());
    assertThat(localLines(out.resolve(bulk.jobName()))).filteredOn(l -> l.startsWith(GenreShop.movieId(0) + ",")).singleElement().asString().doesNotContain("Western");
  }

  @Test
  void an_exported_dataset_imported_into_a_new_group_trains_a_model_with_the_same_answers() throws Exception {
    Path out = server.localData().resolve("round-trip");
    DatasetExportJob job = export(interactions, "ALL", out.toString());
    String copy = Workflow.activeGroup(personalize, "copy");
    Workflow.importInto(personalize, copy, "Interactions", Schemas.INTERACTIONS, out.resolve(job.jobName()).resolve("part-00000.csv"));
    Map<String, String> sims = Map.of();
    String original = Workflow.activeCampaign(personalize, Workflow.trainedVersion(personalize, group, "aws-sims", sims));
    String copied = Workflow.activeCampaign(personalize, Workflow.trainedVersion(personalize, copy, "aws-sims", sims));
    try (PersonalizeRuntimeClient runtime = server.runtime()) {
      for (String item : List.of(GenreShop.movieId(1), GenreShop.movieId(25), GenreShop.movieId(77))) {
        assertThat(runtime.getRecommendations(r -> r.campaignArn(copied).itemId(item)).itemList())
            .isEqualTo(runtime.getRecommendations(r -> r.campaignArn(original).itemId(item)).itemList());
      }
    }
  }

  @Test
  void a_destination_outside_the_local_data_folders_is_refused_naming_the_member() {
    assertThatThrownBy(
            () -> personalize.createDatasetExportJob(r -> r.jobName(Workflow.unique("bad")).datasetArn(interactions).roleArn("arn:aws:iam::000000000000:role/p")
                    .jobOutput(o -> o.s3DataDestination(d -> d.path("/etc/exports/")))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("jobOutput.s3DataDestination.path");
    assertThatThrownBy(
            () -> personalize.createDatasetExportJob(r -> r.jobName(Workflow.unique("bad")).datasetArn(interactions).ingestionMode("SOME").roleArn("arn:aws:iam::000000000000:role/p")
                    .jobOutput(o -> o.s3DataDestination(d -> d.path("s3://exports/x/")))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("ingestionMode");
  }

  @Test
  void a_missing_bucket_fails_the_job_saying_why() {
    String arn =
        personalize.createDatasetExportJob(r -> r.jobName(Workflow.unique("nobucket")).datasetArn(interactions).roleArn("arn:aws:iam::000000000000:role/p")
                .jobOutput(o -> o.s3DataDestination(d -> d.path("s3://no-such-bucket/x/"))))
            .datasetExportJobArn();
    assertThat(Await.finalStatus(() -> personalize.describeDatasetExportJob(r -> r.datasetExportJobArn(arn)).datasetExportJob().status(), Workflow.WAIT)).isEqualTo("CREATE FAILED");
    assertThat(personalize.describeDatasetExportJob(r -> r.datasetExportJobArn(arn)).datasetExportJob().failureReason()).contains("the bucket no-such-bucket does not exist");
    assertThat(personalize.listDatasetExportJobs(r -> r.datasetArn(interactions)).datasetExportJobs()).anyMatch(s -> s.datasetExportJobArn().equals(arn) && s.status().equals("CREATE FAILED"));
  }

  @Test
  void boto3_and_the_aws_cli_export_too() throws Exception {
    Path out = server.localData().resolve("client-exports");
    String output = run(List.of("python3", Path.of("src/test/python/boto3_lifecycle.py").toString(), server.endpoint().toString(), "export", interactions, out.toString()));
    assertThat(output).contains("boto3 export: ok");
    String cliName = Workflow.unique("cli");
    String created = cli("personalize", "create-dataset-export-job", "--job-name", cliName, "--dataset-arn", interactions, "--ingestion-mode", "PUT",
        "--role-arn", "arn:aws:iam::000000000000:role/p", "--job-output", "{\"s3DataDestination\":{\"path\":\"" + out + "\"}}");
    assertThat(created).contains("dataset-export-job/" + cliName);
    String arn = personalize.listDatasetExportJobs(r -> r.datasetArn(interactions)).datasetExportJobs().stream().filter(s -> s.jobName().equals(cliName)).findFirst().orElseThrow().datasetExportJobArn();
    Await.finalStatus(() -> personalize.describeDatasetExportJob(r -> r.datasetExportJobArn(arn)).datasetExportJob().status(), Workflow.WAIT);
    assertThat(cli("personalize", "describe-dataset-export-job", "--dataset-export-job-arn", arn, "--query", "datasetExportJob.status", "--output", "text").trim()).isEqualTo("ACTIVE");
    assertThat(cli("personalize", "list-dataset-export-jobs", "--dataset-arn", interactions, "--query", "length(datasetExportJobs)", "--output", "text").trim()).isNotEqualTo("0");
    assertThat(Files.readAllLines(out.resolve(cliName).resolve("part-00000.csv"))).hasSize(3);
  }

  static String cli(String... args) throws Exception {
    return cli(server.endpoint(), args);
  }

  /** Runs the Debian AWS CLI v2 against a server; returns what it printed, after checking it succeeded. */
  static String cli(java.net.URI endpoint, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("/usr/bin/aws", "--endpoint-url", endpoint.toString(), "--region", "us-east-1", "--no-cli-pager"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "AKIDTEST", "AWS_SECRET_ACCESS_KEY", "secret", "AWS_MAX_ATTEMPTS", "1"));
    return finish(builder.start(), command);
  }

  static String run(List<String> command) throws Exception {
    return finish(new ProcessBuilder(command).redirectErrorStream(true).start(), command);
  }

  private static String finish(Process process, List<String> command) throws Exception {
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as("%s failed:%n%s", command, output).isZero();
    return output;
  }

}

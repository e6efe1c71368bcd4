package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tastemaker.server.ServerConfig;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.Fixtures;
import io.tastemaker.server.testing.MotoServer;
import io.tastemaker.server.testing.RunningServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.DatasetImportJob;
import software.amazon.awssdk.services.s3.S3Client;

/** Imports from s3:// through an S3-compatible endpoint (moto's server), a file and a folder. */
class S3ImportIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static MotoServer moto;
  private static RunningServer server;
  private static PersonalizeClient personalize;
  private static String dataset;
  private static long shopRows;

  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    moto = MotoServer.start();
    // The server reads S3 credentials the standard way; system properties are part of that chain.
    System.setProperty("aws.accessKeyId", MotoServer.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", MotoServer.SECRET_KEY);
    Path csv = Fixtures.uniformShop(dir);
    try (S3Client s3 = moto.s3()) {
      s3.createBucket(r -> r.bucket("shop-data"));
      s3.putObject(r -> r.bucket("shop-data").key("one/interactions.csv"), RequestBody.fromFile(csv));
      String all = Files.readString(csv);
      shopRows = all.lines().count() - 1;
      int half = all.indexOf("u050,");
      s3.putObject(r -> r.bucket("shop-data").key("parts/part-1.csv"), RequestBody.fromString(all.substring(0, half)));
      s3.putObject(r -> r.bucket("shop-data").key("parts/part-2.csv"), RequestBody.fromString("USER_ID,ITEM_ID,EVENT_TYPE,EVENT_VALUE,TIMESTAMP\n" + all.substring(half)));
      s3.putObject(r -> r.bucket("shop-data").key("bad/interactions.csv"), RequestBody.fromString("USER_ID,EVENT_TYPE\nu1,view\n"));
    }
    ServerConfig config = RunningServer.config(dir.resolve("data")).withS3Endpoint(Optional.of(moto.endpoint()));
    server = RunningServer.start(config);
    personalize = server.personalize();
    String group = personalize.createDatasetGroup(r -> r.name("s3-" + UUID.randomUUID().toString().substring(0, 8))).datasetGroupArn();
    Await.finalStatus(() -> personalize.describeDatasetGroup(r -> r.datasetGroupArn(group)).datasetGroup().status(), WAIT);
    String schema = personalize.createSchema(r -> r.name("s3-schema").schema(Fixtures.INTERACTIONS_SCHEMA)).schemaArn();
    dataset = personalize.createDataset(r -> r.name("s3-ds").datasetGroupArn(group).datasetType("Interactions").schemaArn(schema)).datasetArn();
    Await.finalStatus(() -> personalize.describeDataset(r -> r.datasetArn(dataset)).dataset().status(), WAIT);
  }

  @AfterAll
  static void stop() throws Exception {
    personalize.close();
    server.close();
    moto.close();
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  private static DatasetImportJob importFrom(String location) {
    String job =
        personalize.createDatasetImportJob(r -> r.jobName("s3-" + UUID.randomUUID().toString().substring(0, 8)).datasetArn(dataset).dataSource(s -> s.dataLocation(location)))
            .datasetImportJobArn();
    Await.finalStatus(() -> personalize.describeDatasetImportJob(r -> r.datasetImportJobArn(job)).datasetImportJob().status(), WAIT);
    return personalize.describeDatasetImportJob(r -> r.datasetImportJobArn(job)).datasetImportJob();
  }

  @Test
  void one_object_imports() {
    DatasetImportJob job = importFrom("s3://shop-data/one/interactions.csv");
    assertThat(job.status()).as(job.failureReason()).isEqualTo("ACTIVE");
  }

  @Test
  void a_folder_imports_every_object_in_it() {
    DatasetImportJob job = importFrom("s3://shop-data/parts/");
    assertThat(job.status()).as(job.failureReason()).isEqualTo("ACTIVE");

    JsonNode progress = server.call("DescribeDatasetImportJob", Json.object().put("datasetImportJobArn", job.datasetImportJobArn())).at("/datasetImportJob/progress");
    assertThat(progress.path("files").asInt()).isEqualTo(2);
    assertThat(progress.path("filesDone").asInt()).isEqualTo(2);
    assertThat(progress.path("rowsDone").asLong()).isEqualTo(shopRows);
  }

  @Test
  void a_bad_object_names_its_s3_location() {
    DatasetImportJob job = importFrom("s3://shop-data/bad/interactions.csv");
    assertThat(job.status()).isEqualTo("CREATE FAILED");
    assertThat(job.failureReason()).isEqualTo("s3://shop-data/bad/interactions.csv: Input CSV is missing the following columns:[ITEM_ID, TIMESTAMP]");
  }

  @Test
  void a_missing_bucket_or_key_is_an_invalid_s3_path() {
    assertThat(importFrom("s3://no-such-bucket/x.csv").failureReason()).contains("Invalid S3 input path s3://no-such-bucket/x.csv");
    assertThat(importFrom("s3://shop-data/nothing-here.csv").failureReason()).contains("Invalid S3 input path s3://shop-data/nothing-here.csv");
  }
}

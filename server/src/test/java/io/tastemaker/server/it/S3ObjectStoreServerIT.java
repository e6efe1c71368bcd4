package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tastemaker.server.ServerConfig;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.objects.ObjectStoreLocation;
import io.tastemaker.server.serving.ModelFiles;
import io.tastemaker.server.testing.GenreShop;
import io.tastemaker.server.testing.MotoServer;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.ServerProcess;
import io.tastemaker.server.testing.Workflow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;
import software.amazon.awssdk.services.personalizeruntime.model.PredictedItem;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The server with {@code --object-store s3://...} on moto's S3: import, train, deploy and recommend
 * through the AWS SDK with every object in the bucket and none in the data directory, a second
 * process on the same database and bucket serving the same campaign, a database that does not
 * describe the bucket refused, and {@code /health} telling when the bucket cannot be reached.
 */
class S3ObjectStoreServerIT {
  private static final String BUCKET = "tastemaker-objects";
  private static final String PREFIX = "team/prod";

  private static MotoServer moto;
  private static S3Client s3;

  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    moto = MotoServer.start();
    s3 = moto.s3();
    s3.createBucket(r -> r.bucket(BUCKET));
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
    moto.close();
  }

  private static Map<String, String> awsEnvironment() {
    return Map.of("AWS_ACCESS_KEY_ID", MotoServer.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", MotoServer.SECRET_KEY, "AWS_REGION", "us-east-1");
  }

  private static List<String> bucketKeys() {
    return s3.listObjectsV2Paginator(r -> r.bucket(BUCKET)).contents().stream().map(S3Object::key).toList();
  }

  private static HttpResponse<String> health(URI endpoint) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve("/health")).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> recommend(PersonalizeRuntimeClient runtime, String campaign, String user) {
    return runtime.getRecommendations(r -> r.campaignArn(campaign).userId(user).numResults(10)).itemList().stream().map(PredictedItem::itemId).toList();
  }

  @Test
  void a_campaign_trained_into_s3_is_served_and_served_again_by_a_second_process() throws Exception {
    Path data = dir.resolve("shop").resolve("data");
    Files.createDirectories(data.getParent());
    String campaign;
    String version;
    List<String> first;
    String user = GenreShop.userId(3);
    try (ServerProcess server =
        ServerProcess.start(data, awsEnvironment(), "--object-store", "s3://" + BUCKET + "/" + PREFIX + "/", "--s3-endpoint", moto.endpoint().toString())) {
      HttpResponse<String> healthy = health(server.endpoint());
      assertThat(healthy.statusCode()).isEqualTo(200);
      JsonNode store = Json.parse(healthy.body()).path("objectStore");
      assertThat(store.path("location").asText()).isEqualTo("s3://" + BUCKET + "/" + PREFIX);
      assertThat(store.path("reachable").asBoolean()).isTrue();

      try (PersonalizeClient p = server.personalize(); PersonalizeRuntimeClient runtime = server.runtime()) {
        String group = Workflow.activeGroup(p, "s3-store");
        Workflow.importGenreShop(p, group, data.getParent());
        version = Workflow.trainedVersion(p, group, "aws-hrnn", Workflow.QUICK_HRNN);
        campaign = Workflow.activeCampaign(p, version);
        first = recommend(runtime, campaign, user);
      }
      assertThat(first).hasSize(10);
      assertThat(bucketKeys()).allMatch(k -> k.startsWith(PREFIX + "/"))
          .contains(PREFIX + "/" + ModelFiles.keyFor(version))
          .anyMatch(k -> k.startsWith(PREFIX + "/datasets/"));
      assertThat(s3.headObject(r -> r.bucket(BUCKET).key(PREFIX + "/" + ModelFiles.keyFor(version))).contentLength()).isPositive();
      assertThat(data.resolve("objects")).as("nothing under the data directory's object folder").doesNotExist();
      // The crash a restart must survive: no shutdown, no flush.
      server.killHard();
    }

    try (ServerProcess again = ServerProcess.start(data, withObjectStoreVariable(), "--s3-endpoint", moto.endpoint().toString());
        PersonalizeRuntimeClient runtime = again.runtime();
        PersonalizeClient p = again.personalize()) {
      assertThat(p.describeCampaign(r -> r.campaignArn(campaign)).campaign().status()).isEqualTo("ACTIVE");
      assertThat(recommend(runtime, campaign, user)).isEqualTo(first);
      assertThat(bucketKeys()).as("the restart's sweep kept every referenced object").contains(PREFIX + "/" + ModelFiles.keyFor(version));
      assertThat(data.resolve("objects")).doesNotExist();
    }
  }

  /** TASTEMAKER_OBJECT_STORE instead of the option, with the AWS settings. */
  private static Map<String, String> withObjectStoreVariable() {
    Map<String, String> environment = new java.util.HashMap<>(awsEnvironment());
    environment.put("TASTEMAKER_OBJECT_STORE", "s3://" + BUCKET + "/" + PREFIX);
    return environment;
  }

  @Test
  void a_database_that_does_not_describe_the_bucket_s_objects_is_refused() throws Exception {
    String prefix = "refused";
    s3.putObject(r -> r.bucket(BUCKET).key(prefix + "/models/someone-elses.model"), software.amazon.awssdk.core.sync.RequestBody.fromString("model"));
    Path data = dir.resolve("empty").resolve("data");
    Files.createDirectories(data.getParent());

    assertThatThrownBy(() -> ServerProcess.start(data, awsEnvironment(), "--object-store", "s3://" + BUCKET + "/" + prefix, "--s3-endpoint", moto.endpoint().toString()))
        .hasMessageContaining("The object store s3://" + BUCKET + "/" + prefix + " holds 1 object")
        .hasMessageContaining("give --object-store a prefix that holds no objects");
    assertThat(s3.headObject(r -> r.bucket(BUCKET).key(prefix + "/models/someone-elses.model")).contentLength()).isEqualTo(5);
  }

  @Test
  void health_answers_503_while_the_bucket_cannot_be_reached() throws Exception {
    // The server reads S3 credentials the standard way; system properties are part of that chain.
    System.setProperty("aws.accessKeyId", MotoServer.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", MotoServer.SECRET_KEY);
    MotoServer own = MotoServer.start();
    try (S3Client client = own.s3()) {
      client.createBucket(r -> r.bucket("health-bucket"));
    }
    ServerConfig config =
        RunningServer.config(dir.resolve("health").resolve("data"))
            .withS3Endpoint(Optional.of(own.endpoint()))
            .withObjectStore(Optional.of(ObjectStoreLocation.parse("s3://health-bucket/x")));
    try (RunningServer server = RunningServer.start(config)) {
      assertThat(health(server.endpoint()).statusCode()).isEqualTo(200);
      own.close();

      HttpResponse<String> down = health(server.endpoint());
      assertThat(down.statusCode()).isEqualTo(503);
      JsonNode body = Json.parse(down.body());
      assertThat(body.path("status").asText()).isEqualTo("unavailable");
      assertThat(body.path("objectStore").path("reachable").asBoolean()).isFalse();
      assertThat(body.path("objectStore").path("message").asText()).startsWith("cannot list s3://health-bucket/x: ");
      assertThat(body.path("message").asText()).startsWith("The object store cannot be reached: ");
    } finally {
      own.close();
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }
}

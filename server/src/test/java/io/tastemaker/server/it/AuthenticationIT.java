package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeevents.model.Event;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;

/**
 * With access keys configured, every request must carry a SigV4 signature that AWS would accept:
 * from a configured key, covering the body, scoped to the server's region (us-east-1 here, eu-west-1
 * for a server started with {@code --region eu-west-1}), without a session token. The SDK for Java
 * v2, boto3 and the AWS CLI work unchanged; botocore's signers and hand-made requests are checked
 * case by case by {@code botocore_sigv4.py}. Refusals carry AWS's error types with HTTP 400 on the
 * control plane (awsJson1_1) and 403 on the runtime and events APIs (restJson1).
 */
class AuthenticationIT {
  private static final String CAMPAIGN = "arn:aws:personalize:%s:000000000000:campaign/none-such";
  private static RunningServer server;

  @BeforeAll
  static void start() throws Exception {
    server = RunningServer.startWithCredentials();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void the_three_sdk_clients_with_a_configured_key_are_served() {
    AwsCredentials key = AwsBasicCredentials.create(RunningServer.ACCESS_KEY, RunningServer.SECRET_KEY);
    assertServed(server.endpoint(), Region.US_EAST_1, key);
  }

  @Test
  void a_wrong_secret_fails_the_signature() {
    AwsCredentials wrong = AwsBasicCredentials.create(RunningServer.ACCESS_KEY, "wrong");

    assertRefused(server.endpoint(), Region.US_EAST_1, wrong, "InvalidSignatureException", "The request signature we calculated does not match");
  }

  @Test
  void an_unknown_key_is_unrecognized() {
    AwsCredentials unknown = AwsBasicCredentials.create("AKIDUNKNOWN", RunningServer.SECRET_KEY);

    assertRefused(server.endpoint(), Region.US_EAST_1, unknown, "UnrecognizedClientException", "The security token included in the request is invalid.");
  }

  @Test
  void a_client_configured_for_another_region_is_refused_as_aws_refuses_it() {
    AwsCredentials key = AwsBasicCredentials.create(RunningServer.ACCESS_KEY, RunningServer.SECRET_KEY);

    assertRefused(server.endpoint(), Region.EU_WEST_1, key, "InvalidSignatureException", "Credential should be scoped to a valid region, not 'eu-west-1'. ");
  }

  @Test
  void a_session_token_is_unknown_to_this_server() {
    AwsCredentials session = AwsSessionCredentials.create(RunningServer.ACCESS_KEY, RunningServer.SECRET_KEY, "FwoGZXIvYXdzEBYaDHhz");

    assertRefused(server.endpoint(), Region.US_EAST_1, session, "UnrecognizedClientException", "The security token included in the request is invalid.");
  }

  @Test
  void an_unsigned_request_is_missing_a_token_with_each_protocols_status() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> control =
        http.send(
            HttpRequest.newBuilder(server.endpoint().resolve("/"))
                .header("X-Amz-Target", "AmazonPersonalize.ListRecipes")
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> runtime =
        http.send(
            HttpRequest.newBuilder(server.endpoint().resolve("/recommendations"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(control.statusCode()).isEqualTo(400);
    assertThat(control.body()).contains("MissingAuthenticationTokenException");
    assertThat(runtime.statusCode()).isEqualTo(403);
    assertThat(runtime.headers().firstValue("x-amzn-errortype")).contains("MissingAuthenticationTokenException");
  }

  @Test
  void health_needs_no_signature() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.endpoint().resolve("/health")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void botocore_signers_and_hand_made_requests_are_verified_as_aws_verifies_them() throws Exception {
    String output = run(List.of("python3", "src/test/python/botocore_sigv4.py", server.endpoint().toString(), RunningServer.ACCESS_KEY, RunningServer.SECRET_KEY, "us-east-1"), Map.of());

    assertThat(output.lines()).noneMatch(line -> line.startsWith("FAIL")).contains("botocore sigv4: all passed");
  }

  @Test
  void a_server_started_with_region_eu_west_1_serves_the_sdk_boto3_and_the_aws_cli_configured_for_it(@TempDir Path dir) throws Exception {
    Path credentials = dir.resolve("credentials");
    Files.writeString(credentials, "AKIDIRELAND ireland-secret\n");
    try (ServerProcess ireland = ServerProcess.start(dir.resolve("data"), "--credentials", credentials.toString(), "--region", "eu-west-1")) {
      AwsCredentials key = AwsBasicCredentials.create("AKIDIRELAND", "ireland-secret");
      assertServed(ireland.endpoint(), Region.EU_WEST_1, key);
      assertRefused(ireland.endpoint(), Region.US_EAST_1, key, "InvalidSignatureException", "Credential should be scoped to a valid region, not 'us-east-1'. ");

      String botocore = run(List.of("python3", "src/test/python/botocore_sigv4.py", ireland.endpoint().toString(), "AKIDIRELAND", "ireland-secret", "eu-west-1"), Map.of());
      assertThat(botocore.lines()).noneMatch(line -> line.startsWith("FAIL")).contains("botocore sigv4: all passed");

      Map<String, String> cli = Map.of("AWS_ACCESS_KEY_ID", "AKIDIRELAND", "AWS_SECRET_ACCESS_KEY", "ireland-secret", "AWS_DEFAULT_REGION", "eu-west-1");
      String recipes = run(List.of("/usr/bin/aws", "personalize", "list-recipes", "--endpoint-url", ireland.endpoint().toString(), "--query", "length(recipes)"), cli);
      assertThat(recipes.strip()).isEqualTo("25");
      String boto3 =
          run(
              List.of(
                  "python3",
                  "-c",
                  "import boto3, sys; c = boto3.client('personalize', endpoint_url=sys.argv[1]); print(len(c.list_recipes()['recipes']))",
                  ireland.endpoint().toString()),
              cli);
      assertThat(boto3.strip()).isEqualTo("25");
    }
  }

  /** The control plane lists the recipes; runtime and events reach their operations, which find no campaign and no tracker. */
  private static void assertServed(URI endpoint, Region region, AwsCredentials credentials) {
    try (PersonalizeClient control = configure(PersonalizeClient.builder(), endpoint, region, credentials).build();
        PersonalizeRuntimeClient runtime = configure(PersonalizeRuntimeClient.builder(), endpoint, region, credentials).build();
        PersonalizeEventsClient events = configure(PersonalizeEventsClient.builder(), endpoint, region, credentials).build()) {
      assertThat(control.listRecipes(r -> {}).recipes()).hasSize(25);
      assertError(() -> runtime.getRecommendations(r -> r.campaignArn(String.format(CAMPAIGN, region.id())).userId("u1")), 404, "ResourceNotFoundException", "");
      assertError(
          () -> events.putEvents(r -> r.trackingId("00000000-0000-4000-8000-000000000000").sessionId("s1").eventList(Event.builder().eventType("click").itemId("i1").sentAt(Instant.now()).build())),
          400,
          "InvalidInputException",
          "No ACTIVE event tracker has the trackingId");
    }
  }

  /** All three APIs refuse, with the error type, 400 on the control plane and 403 on runtime and events. */
  private static void assertRefused(URI endpoint, Region region, AwsCredentials credentials, String errorType, String message) {
    try (PersonalizeClient control = configure(PersonalizeClient.builder(), endpoint, region, credentials).build();
        PersonalizeRuntimeClient runtime = configure(PersonalizeRuntimeClient.builder(), endpoint, region, credentials).build();
        PersonalizeEventsClient events = configure(PersonalizeEventsClient.builder(), endpoint, region, credentials).build()) {
      assertError(() -> control.listRecipes(r -> {}), 400, errorType, message);
      assertError(() -> runtime.getRecommendations(r -> r.campaignArn(String.format(CAMPAIGN, region.id())).userId("u1")), 403, errorType, message);
      assertError(
          () -> events.putEvents(r -> r.trackingId("00000000-0000-4000-8000-000000000000").sessionId("s1").eventList(Event.builder().eventType("click").itemId("i1").sentAt(Instant.now()).build())),
          403,
          errorType,
          message);
    }
  }

  private static void assertError(ThrowingCallable call, int status, String errorType, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo(errorType);
              assertThat(e.statusCode()).isEqualTo(status);
              assertThat(e.awsErrorDetails().errorMessage()).contains(message);
            });
  }

  private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, URI endpoint, Region region, AwsCredentials credentials) {
    return builder
        .endpointOverride(endpoint)
        .region(region)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
  }

  private static String run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as("%s failed:%n%s", command, output).isZero();
    return output;
  }
}

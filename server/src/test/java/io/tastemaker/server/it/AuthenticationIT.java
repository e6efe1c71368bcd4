package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.server.testing.RunningServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.PersonalizeException;

/** With access keys configured, every request must carry a valid SigV4 signature. */
class AuthenticationIT {
  private static RunningServer server;

  @BeforeAll
  static void start() throws Exception {
    server = RunningServer.startWithCredentials();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static PersonalizeClient client(String accessKey, String secret) {
    return PersonalizeClient.builder()
        .endpointOverride(server.endpoint())
        .region(Region.EU_WEST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @Test
  void a_client_with_a_configured_key_is_served() {
    try (PersonalizeClient client = server.personalize()) {
      assertThat(client.listRecipes(r -> {}).recipes()).hasSize(6);
    }
  }

  @Test
  void a_wrong_secret_fails_the_signature() {
    try (PersonalizeClient client = client(RunningServer.ACCESS_KEY, "wrong")) {
      assertThatThrownBy(() -> client.listRecipes(r -> {}))
          .isInstanceOfSatisfying(
              PersonalizeException.class,
              e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                assertThat(e.statusCode()).isEqualTo(403);
              });
    }
  }

  @Test
  void an_unknown_key_is_unrecognized() {
    try (PersonalizeClient client = client("AKIDUNKNOWN", RunningServer.SECRET_KEY)) {
      assertThatThrownBy(() -> client.listRecipes(r -> {}))
          .isInstanceOfSatisfying(
              PersonalizeException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException"));
    }
  }

  @Test
  void an_unsigned_request_is_refused() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(server.endpoint().resolve("/"))
            .header("X-Amz-Target", "AmazonPersonalize.ListRecipes")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build();
    HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("MissingAuthenticationTokenException");
  }

  @Test
  void health_needs_no_signature() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.endpoint().resolve("/health")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
  }
}

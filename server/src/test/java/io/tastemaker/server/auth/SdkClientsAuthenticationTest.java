package io.tastemaker.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
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
 * The real SDK clients, over a real socket, are authenticated by the verifier, and understand the
 * errors it produces.
 */
class SdkClientsAuthenticationTest {
  private static final String KEY = "AKIDTASTEMAKER";
  private static final String SECRET = "tastemaker-test-secret";

  private final SigV4Verifier verifier =
      new SigV4Verifier(CredentialStore.of(Map.of(KEY, SECRET)), "us-east-1", Clock.systemUTC());
  private final List<SignedRequest> received = new CopyOnWriteArrayList<>();
  private final List<String> authenticated = new CopyOnWriteArrayList<>();
  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void the_control_plane_client_is_authenticated() {
    try (PersonalizeClient client = configure(PersonalizeClient.builder(), KEY, SECRET).build()) {
      assertThat(client.listRecipes(r -> r.maxResults(10)).recipes()).isEmpty();
    }

    assertThat(authenticated).containsExactly(KEY);
    assertThat(received.get(0).rawPath()).isEqualTo("/");
  }

  @Test
  void the_runtime_client_is_authenticated() {
    try (PersonalizeRuntimeClient client =
        configure(PersonalizeRuntimeClient.builder(), KEY, SECRET).build()) {
      client.getRecommendations(
          r -> r.campaignArn("arn:aws:personalize:us-east-1:000000000000:campaign/c").userId("u1"));
    }

    assertThat(authenticated).containsExactly(KEY);
    assertThat(received.get(0).rawPath()).isEqualTo("/recommendations");
  }

  @Test
  void the_events_client_is_authenticated() {
    try (PersonalizeEventsClient client =
        configure(PersonalizeEventsClient.builder(), KEY, SECRET).build()) {
      client.putEvents(
          r ->
              r.trackingId("tracker")
                  .sessionId("s1")
                  .userId("u1")
                  .eventList(
                      Event.builder()
                          .eventType("click")
                          .itemId("i1")
                          .sentAt(Instant.now())
                          .properties("{\"numRatings\":\"3\"}")
                          .build()));
    }

    assertThat(authenticated).containsExactly(KEY);
    assertThat(received.get(0).rawPath()).isEqualTo("/events");
  }

  @Test
  void the_control_plane_client_reads_a_wrong_secret_as_an_invalid_signature() {
    try (PersonalizeClient client =
        configure(PersonalizeClient.builder(), KEY, "wrong-secret").build()) {
      assertThatThrownBy(() -> client.listRecipes(r -> r.maxResults(10)))
          .isInstanceOfSatisfying(
              AwsServiceException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                assertThat(e.awsErrorDetails().errorMessage())
                    .startsWith(AuthFailure.INVALID_SIGNATURE.defaultMessage());
              });
    }
    assertThat(authenticated).isEmpty();
  }

  @Test
  void the_runtime_client_reads_an_unknown_key_as_an_unrecognized_client() {
    try (PersonalizeRuntimeClient client =
        configure(PersonalizeRuntimeClient.builder(), "AKIDUNKNOWN", SECRET).build()) {
      assertThatThrownBy(() -> client.getRecommendations(r -> r.userId("u1")))
          .isInstanceOfSatisfying(
              AwsServiceException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode())
                    .isEqualTo("UnrecognizedClientException");
              });
    }
  }

  private <B extends AwsClientBuilder<B, ?>> B configure(B builder, String key, String secret) {
    return builder
        .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
  }

  /** Verifies the request as it came off the socket and answers as the real services would. */
  private void handle(HttpExchange exchange) throws IOException {
    URI uri = exchange.getRequestURI();
    SignedRequest request =
        new SignedRequest(
            exchange.getRequestMethod(),
            uri.getRawPath(),
            Objects.requireNonNullElse(uri.getRawQuery(), ""),
            exchange.getRequestHeaders(),
            exchange.getRequestBody().readAllBytes());
    received.add(request);
    try {
      authenticated.add(verifier.verify(request));
      switch (uri.getRawPath()) {
        case "/" -> respond(exchange, 200, "application/x-amz-json-1.1", "{\"recipes\":[]}");
        case "/recommendations" ->
            respond(
                exchange,
                200,
                "application/json",
                "{\"itemList\":[],\"recommendationId\":\"RID-1\"}");
        default -> respond(exchange, 200, "application/json", "");
      }
    } catch (AuthException e) {
      // Both discriminators: awsJson clients read __type, restJson clients the header.
      exchange.getResponseHeaders().add("X-Amzn-ErrorType", e.failure().code());
      respond(
          exchange,
          uri.getRawPath().equals("/") ? AuthFailure.CONTROL_PLANE_STATUS : AuthFailure.REST_STATUS,
          "application/json",
          "{\"__type\":\""
              + e.failure().code()
              + "\",\"message\":\""
              + json(e.getMessage())
              + "\"}");
    }
  }

  private static void respond(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String json(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}

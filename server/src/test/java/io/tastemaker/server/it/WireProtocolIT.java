package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.wire.ErrorType;
import io.tastemaker.server.wire.OperationSpec;
import io.tastemaker.server.wire.Shape;
import io.tastemaker.server.wire.WireModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The wire details clients depend on, checked with raw HTTP: content types, ids, error encoding. */
class WireProtocolIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static RunningServer server;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    server = RunningServer.start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static HttpResponse<String> control(String target, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.endpoint().resolve("/"))
            .header("Content-Type", "application/x-amz-json-1.1")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (target != null) {
      request.header("X-Amz-Target", target);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> rest(String path, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(server.endpoint().resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode body(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  @Test
  void health_answers_once_ready() throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(server.endpoint().resolve("/health")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void control_plane_answers_carry_the_awsjson_content_type_and_a_request_id() throws Exception {
    HttpResponse<String> response = control("AmazonPersonalize.ListRecipes", "{}");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/x-amz-json-1.1");
    assertThat(response.headers().firstValue("x-amzn-RequestId").orElseThrow()).matches("[0-9a-f-]{36}");
    // The twelve custom recipes and the ten use cases of the two domains.
    assertThat(body(response).get("recipes")).hasSize(25);
  }

  @Test
  void timestamps_are_epoch_seconds_numbers() throws Exception {
    JsonNode recipe = body(control("AmazonPersonalize.ListRecipes", "{}")).get("recipes").get(0);
    assertThat(recipe.get("creationDateTime").isNumber()).isTrue();
    assertThat(recipe.get("creationDateTime").asDouble()).isEqualTo(1560124800.0);
  }

  @Test
  void an_unknown_operation_is_an_unknown_operation_error() throws Exception {
    HttpResponse<String> response = control("AmazonPersonalize.MakeCoffee", "{}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(body(response).get("__type").asText()).isEqualTo("UnknownOperationException");
    assertThat(body(response).get("message").asText()).contains("MakeCoffee");
  }

  @Test
  void an_operation_the_service_does_not_have_is_unknown() throws Exception {
    // Every operation of Personalize's model is served now, so only a made-up one is refused.
    HttpResponse<String> response = control("AmazonPersonalize.CreateFrobnicator", "{}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(body(response).get("__type").asText()).isEqualTo("UnknownOperationException");
    assertThat(body(response).get("message").asText()).contains("Unknown operation CreateFrobnicator");
  }

  @Test
  void a_missing_target_header_is_refused_clearly() throws Exception {
    HttpResponse<String> response = control(null, "{}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(body(response).get("__type").asText()).isEqualTo("UnknownOperationException");
    assertThat(body(response).get("message").asText()).contains("X-Amz-Target");
  }

  @Test
  void malformed_json_is_a_serialization_error() throws Exception {
    for (String bad : List.of("{\"name\":", "[1,2]", "{} {}", "nul")) {
      HttpResponse<String> response = control("AmazonPersonalize.CreateDatasetGroup", bad);
      assertThat(response.statusCode()).as(bad).isEqualTo(400);
      assertThat(body(response).get("__type").asText()).as(bad).isEqualTo("SerializationException");
    }
  }

  @Test
  void a_far_oversized_body_is_refused_without_reading_it_all() throws Exception {
    // Announce 16 MiB (beyond what the server reads and drops) but send none of it: the server must answer from the headers alone.
    try (java.net.Socket socket = new java.net.Socket(server.endpoint().getHost(), server.endpoint().getPort())) {
      socket.setSoTimeout(10_000);
      String head =
          "POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: AmazonPersonalize.CreateDatasetGroup\r\n"
              + "Content-Type: application/x-amz-json-1.1\r\nContent-Length: " + (16 << 20) + "\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
      assertThat(in.readLine()).startsWith("HTTP/1.1 413");
    }
  }

  @Test
  void a_client_sending_a_body_somewhat_over_the_limit_gets_the_error_not_a_reset() throws Exception {
    String big = "{\"name\":\"" + "x".repeat(6 << 20) + "\"}";
    for (int attempt = 0; attempt < 3; attempt++) {
      HttpResponse<String> response = control("AmazonPersonalize.CreateDatasetGroup", big);
      assertThat(response.statusCode()).isEqualTo(413);
      assertThat(body(response).get("__type").asText()).isEqualTo("RequestEntityTooLargeException");
    }
  }

  @Test
  void rest_errors_carry_the_error_type_header() throws Exception {
    HttpResponse<String> unknown = rest("/nowhere", "{}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("X-Amzn-ErrorType")).contains("UnknownOperationException");

    HttpResponse<String> malformed = rest("/events", "{oops");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.headers().firstValue("X-Amzn-ErrorType")).contains("SerializationException");
    assertThat(malformed.headers().firstValue("Content-Type")).contains("application/json");

    HttpResponse<String> invalid = rest("/events", "{\"trackingId\":\"t\",\"sessionId\":\"s\",\"eventList\":[]}");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.headers().firstValue("X-Amzn-ErrorType")).contains("InvalidInputException");
    assertThat(body(invalid).get("message").asText()).contains("at 'eventList'").contains("greater than or equal to 1");
  }

  /**
   * Every member of every operation, given values of every JSON type (numbers beyond 64 bits and
   * 1e400 among them), never gets a server error, and gets only an error type the operation's model
   * lists.
   */
  @Test
  void no_malformed_request_gets_a_server_error_or_an_error_its_model_does_not_list() throws Exception {
    WireModel model = WireModel.load();
    List<JsonNode> wrongs =
        List.of(JSON.getNodeFactory().numberNode(12345), JSON.getNodeFactory().numberNode(new java.math.BigInteger("123000000000000000000000")),
            JSON.getNodeFactory().numberNode(new java.math.BigDecimal("1e400")), JSON.getNodeFactory().textNode("x"), JSON.createArrayNode(),
            JSON.createObjectNode());
    for (OperationSpec op : model.operations()) {
      Shape input = model.shape(op.service(), op.inputShape());
      for (String member : input.members().keySet()) {
        for (JsonNode wrong : wrongs) {
          ObjectNode body = JSON.createObjectNode();
          body.set(member, wrong);
          HttpResponse<String> response =
              op.path().equals("/") ? control("AmazonPersonalize." + op.name(), body.toString()) : rest(op.path(), body.toString());
          assertThat(response.statusCode()).as(op.name() + " " + body).isLessThan(500);
          if (response.statusCode() != 200) {
            String type = body(response).path("__type").asText();
            assertThat(op.errors().stream().map(ErrorType::wireName).toList()).as(op.name() + " " + body + ": " + response.body()).contains(type);
          }
        }
      }
    }
  }

  @Test
  void the_endpoint_is_plain_http_on_loopback() {
    URI endpoint = server.endpoint();
    assertThat(endpoint.getScheme()).isEqualTo("http");
    assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
  }
}

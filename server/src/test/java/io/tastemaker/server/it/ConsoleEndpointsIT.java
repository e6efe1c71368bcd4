package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.Workflow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.personalize.PersonalizeClient;

/**
 * The console's HTTP surface on a server with access keys, without a browser: the login and its
 * cookie, the header the cookie needs, the static files' headers, and bad input answered 4xx with
 * a message that names the member, never 500.
 */
class ConsoleEndpointsIT {
  private static final String CONTROL = "application/x-amz-json-1.1";

  private static RunningServer server;
  private static PersonalizeClient personalize;
  private static String group;
  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeAll
  static void start() throws Exception {
    server = RunningServer.startWithCredentials();
    personalize = server.personalize();
    group = Workflow.activeGroup(personalize, "endpoints");
  }

  @AfterAll
  static void stop() throws Exception {
    personalize.close();
    server.close();
  }

  @Test
  void the_session_says_a_login_is_needed_until_one_succeeds() throws Exception {
    assertThat(json(get("/console/api/session", Optional.empty())).get("loginRequired").asBoolean()).isTrue();

    HttpResponse<String> refused = post("/console/api/login", "{\"accessKeyId\":\"" + RunningServer.ACCESS_KEY + "\",\"secretAccessKey\":\"nope\"}", Optional.empty());
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("set-cookie")).isEmpty();

    String cookie = login();
    JsonNode session = json(get("/console/api/session", Optional.of(cookie)));
    assertThat(session.get("signedIn").asBoolean()).isTrue();
    assertThat(session.get("accessKeyId").asText()).isEqualTo(RunningServer.ACCESS_KEY);
  }

  @Test
  void the_cookie_admits_api_calls_only_with_the_console_header() throws Exception {
    String cookie = login();

    HttpResponse<String> withHeader = send(control("ListDatasetGroups").header("Cookie", cookie).header("X-Tastemaker-Console", "1"));
    HttpResponse<String> withoutHeader = send(control("ListDatasetGroups").header("Cookie", cookie));

    assertThat(withHeader.statusCode()).isEqualTo(200);
    assertThat(withHeader.body()).contains(group);
    // Refused as AWS's control plane refuses an unsigned request: 400 MissingAuthenticationTokenException.
    assertThat(withoutHeader.statusCode()).isEqualTo(400);
    assertThat(withoutHeader.body()).contains("MissingAuthenticationTokenException");
    assertThat(send(control("ListDatasetGroups").header("X-Tastemaker-Console", "1")).statusCode()).isEqualTo(400);
  }

  @Test
  void logout_ends_the_session_for_the_api_too() throws Exception {
    String cookie = login();
    HttpResponse<String> out = post("/console/api/logout", "{}", Optional.of(cookie));

    assertThat(out.statusCode()).isEqualTo(200);
    assertThat(out.headers().firstValue("set-cookie").orElseThrow()).contains("Max-Age=0");
    assertThat(send(control("ListDatasetGroups").header("Cookie", cookie).header("X-Tastemaker-Console", "1")).statusCode()).isEqualTo(400);
  }

  @Test
  void the_console_endpoints_need_the_login_too() throws Exception {
    String body = "{\"datasetGroupArn\":\"" + group + "\",\"itemIds\":[\"a\"]}";
    assertThat(post("/console/api/items", body, Optional.empty()).statusCode()).isEqualTo(403);
    assertThat(post("/console/api/items", body, Optional.of(login())).statusCode()).isEqualTo(200);
  }

  @Test
  void bad_input_is_answered_with_the_member_and_value_and_never_500() throws Exception {
    String cookie = login();
    assertError(post("/console/api/items", "{\"datasetGroupArn\":\"" + group + "\",\"itemIds\":[\"a\",7]}", Optional.of(cookie)),
        400, "InvalidInputException", "itemIds[1] must be a string, got 7");
    assertError(post("/console/api/items", "{\"datasetGroupArn\":\"" + group + "\",\"itemIds\":\"a\"}", Optional.of(cookie)),
        400, "InvalidInputException", "itemIds must be an array");
    assertError(post("/console/api/items", "{\"itemIds\":[]}", Optional.of(cookie)),
        400, "InvalidInputException", "datasetGroupArn must be a non-empty string, got nothing");
    assertError(post("/console/api/items", "{\"datasetGroupArn\":\"arn:aws:personalize:us-east-1:000000000000:dataset-group/none\",\"itemIds\":[]}", Optional.of(cookie)),
        404, "ResourceNotFoundException", "dataset-group/none does not exist");
    assertError(post("/console/api/check-filter", "[1,2]", Optional.of(cookie)), 400, "SerializationException", "must be a JSON object");
    assertError(post("/console/api/check-filter", "{\"datasetGroupArn\":", Optional.of(cookie)), 400, "SerializationException", "not valid JSON");
    assertError(post("/console/api/login", "{\"accessKeyId\":5}", Optional.empty()), 400, "InvalidInputException", "accessKeyId must be a non-empty string, got 5");
    assertError(post("/console/api/nothing", "{}", Optional.of(cookie)), 404, "UnknownOperationException", "POST /console/api/nothing");
    assertError(post("/console/api/items", "{\"x\":\"" + "y".repeat(70_000) + "\"}", Optional.of(cookie)), 413, "RequestEntityTooLargeException", "larger than");
  }

  @Test
  void a_filter_expression_is_checked_against_the_groups_schemas() throws Exception {
    String cookie = login();
    JsonNode bad = json(post("/console/api/check-filter",
        "{\"datasetGroupArn\":\"" + group + "\",\"filterExpression\":\"EXCLUDE ItemID WHERE Items.GENRES IN (\\\"x\\\")\"}", Optional.of(cookie)));
    JsonNode grammar = json(post("/console/api/check-filter",
        "{\"datasetGroupArn\":\"" + group + "\",\"filterExpression\":\"EXCLUDE ItemID WHERE\"}", Optional.of(cookie)));

    assertThat(bad.get("valid").asBoolean()).isFalse();
    assertThat(bad.get("message").asText()).contains("Items");
    assertThat(grammar.get("valid").asBoolean()).isFalse();
    assertThat(grammar.get("message").asText()).startsWith("Invalid filter expression at character");
  }

  @Test
  void static_files_carry_a_same_origin_policy_and_revalidate_by_etag() throws Exception {
    HttpResponse<String> index = get("/console/", Optional.empty());
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("content-type").orElseThrow()).startsWith("text/html");
    assertThat(index.headers().firstValue("content-security-policy").orElseThrow()).startsWith("default-src 'self'");
    String etag = index.headers().firstValue("etag").orElseThrow();

    HttpResponse<String> again = send(HttpRequest.newBuilder(uri("/console/")).header("If-None-Match", etag).GET());
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(get("/console/js/main.js", Optional.empty()).headers().firstValue("content-type").orElseThrow()).startsWith("text/javascript");
    assertThat(get("/console/js/../../wire/personalize.model", Optional.empty()).statusCode()).isEqualTo(404);
    assertThat(get("/console/.hidden.js", Optional.empty()).statusCode()).isEqualTo(404);
    assertThat(get("/console/missing.js", Optional.empty()).statusCode()).isEqualTo(404);
  }

  @Test
  void the_endpoint_and_the_bare_console_path_redirect_to_the_console() throws Exception {
    assertThat(get("/", Optional.empty()).headers().firstValue("location")).contains("/console/");
    assertThat(get("/console", Optional.empty()).headers().firstValue("location")).contains("/console/");
  }

  private static void assertError(HttpResponse<String> response, int status, String type, String message) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = json(response);
    assertThat(body.get("__type").asText()).isEqualTo(type);
    assertThat(body.get("message").asText()).contains(message);
  }

  private static String login() throws Exception {
    HttpResponse<String> response = post("/console/api/login",
        "{\"accessKeyId\":\"" + RunningServer.ACCESS_KEY + "\",\"secretAccessKey\":\"" + RunningServer.SECRET_KEY + "\"}", Optional.empty());
    assertThat(response.statusCode()).isEqualTo(200);
    String setCookie = response.headers().firstValue("set-cookie").orElseThrow();
    assertThat(setCookie).contains("HttpOnly").contains("SameSite=Strict");
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  private static HttpRequest.Builder control(String operation) {
    return HttpRequest.newBuilder(uri("/")).header("Content-Type", CONTROL).header("X-Amz-Target", "AmazonPersonalize." + operation)
        .POST(HttpRequest.BodyPublishers.ofString("{}"));
  }

  private static HttpResponse<String> get(String path, Optional<String> cookie) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
    cookie.ifPresent(c -> request.header("Cookie", c).header("X-Tastemaker-Console", "1"));
    return send(request);
  }

  private static HttpResponse<String> post(String path, String body, Optional<String> cookie) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    cookie.ifPresent(c -> request.header("Cookie", c).header("X-Tastemaker-Console", "1"));
    return send(request);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create(server.endpoint() + path);
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return Json.MAPPER.readTree(response.body());
  }
}

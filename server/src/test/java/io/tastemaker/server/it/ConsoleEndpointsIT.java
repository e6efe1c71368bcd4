package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.console.ConsoleSessions;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.Workflow;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.personalize.PersonalizeClient;

/**
 * The console's HTTP surface on a server with access keys, without a browser: the login and its
 * cookie, the header the cookie needs, the throttling of failed sign-ins (per client, seen from
 * several loopback addresses, and per access key), the static files' headers, and bad input answered
 * 4xx with a message that names the member, never 500.
 */
class ConsoleEndpointsIT {
  private static final String CONTROL = "application/x-amz-json-1.1";
  /** The logger of the sign-in throttle (package-private, so named rather than referenced). */
  private static final String LOGIN_LOGGER = "io.tastemaker.server.console.LoginThrottle";

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
  void fifty_wrong_secrets_are_refused_after_six_looks_logged_and_a_valid_sign_in_from_elsewhere_is_immediate() throws Exception {
    ListAppender<ILoggingEvent> log = capture();
    try (RunningServer fresh = RunningServer.startWithCredentials()) {
      URI endpoint = fresh.endpoint();
      List<RawResponse> answers = new ArrayList<>();
      long start = System.nanoTime();
      for (int i = 0; i < 50; i++) {
        answers.add(loginFrom(endpoint, "127.0.0.2", RunningServer.ACCESS_KEY, "guess-" + i, Optional.empty()));
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

      // Five free failures and a sixth that starts a one-second wait; every further guess is refused
      // unread until the wait (doubling with each failure) is over.
      List<Integer> statuses = answers.stream().map(RawResponse::status).toList();
      assertThat(statuses.subList(0, 6)).containsOnly(401);
      assertThat(statuses).containsOnly(401, 429).contains(429);
      int looked = (int) statuses.stream().filter(status -> status == 401).count();
      // The k-th look beyond the sixth needed 1 + 2 + ... + 2^(k-1) seconds of waiting first, so a
      // burst of 50 that takes well under a second gets six looks and 44 refusals.
      assertThat(Math.pow(2, looked - 6) - 1).as("looks %d in %s", looked, elapsed).isLessThanOrEqualTo(elapsed.toMillis() / 1000.0);
      for (RawResponse refused : answers.subList(6, 50)) {
        if (refused.status() == 429) {
          assertThat(refused.body()).contains("ThrottlingException").contains("Too many failed sign-in attempts");
          assertThat(Integer.parseInt(refused.header("retry-after").orElseThrow())).isBetween(1, 300);
        }
      }

      List<String> failures = lines(log, "Console sign-in failed");
      assertThat(failures).hasSize(looked);
      assertThat(failures).allMatch(line -> line.contains(" from 127.0.0.2: "));
      assertThat(failures.get(0)).contains("access key " + RunningServer.ACCESS_KEY + " from 127.0.0.2: failure 1 from this client");
      assertThat(failures.get(5)).contains("failure 6 from this client").contains("this client now waits 1 s");

      long valid = System.nanoTime();
      RawResponse owner = loginFrom(endpoint, "127.0.0.3", RunningServer.ACCESS_KEY, RunningServer.SECRET_KEY, Optional.empty());
      Duration took = Duration.ofNanos(System.nanoTime() - valid);
      assertThat(owner.status()).isEqualTo(200);
      assertThat(took).isLessThan(Duration.ofSeconds(1));

      // One more guess the wait lets through starts a wait of 2 s or more; the right secret sent
      // during it is refused like a guess, and let in after Retry-After.
      RawResponse guess = loginFrom(endpoint, "127.0.0.2", RunningServer.ACCESS_KEY, "one-more-guess", Optional.empty());
      while (guess.status() == 429) {
        Thread.sleep(Long.parseLong(guess.header("retry-after").orElseThrow()) * 1000);
        guess = loginFrom(endpoint, "127.0.0.2", RunningServer.ACCESS_KEY, "one-more-guess", Optional.empty());
      }
      assertThat(guess.status()).isEqualTo(401);
      RawResponse early = loginFrom(endpoint, "127.0.0.2", RunningServer.ACCESS_KEY, RunningServer.SECRET_KEY, Optional.empty());
      assertThat(early.status()).isEqualTo(429);
      Thread.sleep(Duration.ofSeconds(Long.parseLong(early.header("retry-after").orElseThrow())).toMillis());
      assertThat(loginFrom(endpoint, "127.0.0.2", RunningServer.ACCESS_KEY, RunningServer.SECRET_KEY, Optional.empty()).status()).isEqualTo(200);
    } finally {
      release(log);
    }
  }

  @Test
  void a_key_hammered_from_many_addresses_lets_its_owners_browser_in_and_holds_new_ones_back_briefly() throws Exception {
    try (RunningServer fresh = RunningServer.startWithCredentials()) {
      URI endpoint = fresh.endpoint();
      RawResponse first = loginFrom(endpoint, "127.0.0.1", RunningServer.ACCESS_KEY, RunningServer.SECRET_KEY, Optional.empty());
      assertThat(first.status()).isEqualTo(200);
      String browser = first.cookie(ConsoleSessions.BROWSER_COOKIE).orElseThrow();

      // Ten free failures for the key from ten addresses (within each one's own allowance), then one
      // failure each time the key's wait ends, until the wait is 4 s: 1 + 2 seconds of attack.
      int address = 10;
      for (int i = 0; i < 10; i++) {
        assertThat(loginFrom(endpoint, "127.0.0." + address++, RunningServer.ACCESS_KEY, "guess", Optional.empty()).status()).isEqualTo(401);
      }
      for (int i = 0; i < 3; i++) {
        RawResponse guess = loginFrom(endpoint, "127.0.0." + address++, RunningServer.ACCESS_KEY, "guess", Optional.empty());
        while (guess.status() == 429) {
          Thread.sleep(Long.parseLong(guess.header("retry-after").orElseThrow()) * 1000);
          guess = loginFrom(endpoint, "127.0.0." + address++, RunningServer.ACCESS_KEY, "guess", Optional.empty());
        }
        assertThat(guess.status()).isEqualTo(401);
      }

      RawResponse newBrowser = loginFrom(endpoint, "127.0.0.200", RunningServer.ACCESS_KEY, RunningServer.SECRET_KEY, Optional.empty());
      RawResponse ownersBrowser = loginFrom(endpoint, "127.0.0.200", RunningServer.ACCESS_KEY, RunningServer.SECRET_KEY, Optional.of(browser));

      assertThat(newBrowser.status()).isEqualTo(429);
      assertThat(Integer.parseInt(newBrowser.header("retry-after").orElseThrow())).isBetween(1, 60);
      assertThat(ownersBrowser.status()).isEqualTo(200);
      assertThat(ownersBrowser.cookie(ConsoleSessions.BROWSER_COOKIE)).contains(browser);
    }
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

  /** An answer read off a raw socket. */
  private record RawResponse(int status, List<String> headerLines, String body) {
    Optional<String> header(String name) {
      return headerLines.stream()
          .filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
          .map(line -> line.substring(name.length() + 1).strip())
          .findFirst();
    }

    Optional<String> cookie(String name) {
      return headerLines.stream()
          .filter(line -> line.regionMatches(true, 0, "set-cookie:", 0, 11))
          .map(line -> line.substring(11).strip())
          .filter(value -> value.startsWith(name + "="))
          .map(value -> value.substring(name.length() + 1, value.indexOf(';')))
          .findFirst();
    }
  }

  /**
   * A sign-in sent from a chosen loopback address (Linux delivers all of 127.0.0.0/8 locally), over
   * a raw socket since Java's HttpClient cannot choose its source address.
   */
  private static RawResponse loginFrom(URI endpoint, String source, String accessKeyId, String secret, Optional<String> browserToken)
      throws IOException {
    byte[] body = ("{\"accessKeyId\":\"" + accessKeyId + "\",\"secretAccessKey\":\"" + secret + "\"}").getBytes(StandardCharsets.UTF_8);
    String head =
        "POST /console/api/login HTTP/1.1\r\n"
            + "Host: " + endpoint.getHost() + ":" + endpoint.getPort() + "\r\n"
            + "Content-Type: application/json\r\n"
            + "Content-Length: " + body.length + "\r\n"
            + browserToken.map(token -> "Cookie: " + ConsoleSessions.BROWSER_COOKIE + "=" + token + "\r\n").orElse("")
            + "Connection: close\r\n\r\n";
    try (Socket socket = new Socket(InetAddress.getByName(endpoint.getHost()), endpoint.getPort(), InetAddress.getByName(source), 0)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int end = answer.indexOf("\r\n\r\n");
      List<String> lines = List.of(answer.substring(0, end).split("\r\n"));
      return new RawResponse(Integer.parseInt(lines.get(0).split(" ")[1]), lines.subList(1, lines.size()), answer.substring(end + 4));
    }
  }

  private static ListAppender<ILoggingEvent> capture() {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    ((Logger) LoggerFactory.getLogger(LOGIN_LOGGER)).addAppender(appender);
    return appender;
  }

  private static void release(ListAppender<ILoggingEvent> appender) {
    ((Logger) LoggerFactory.getLogger(LOGIN_LOGGER)).detachAppender(appender);
  }

  private static List<String> lines(ListAppender<ILoggingEvent> appender, String prefix) {
    return appender.list.stream().map(ILoggingEvent::getFormattedMessage).filter(line -> line.startsWith(prefix)).toList();
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

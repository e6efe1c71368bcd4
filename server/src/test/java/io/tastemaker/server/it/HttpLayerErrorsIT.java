package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tastemaker.server.testing.RunningServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the HTTP layer refuses before any operation runs, sent as raw bytes no client library would
 * send: every answer is JSON in the error shape of the API the path belongs to (awsJson1_1 for
 * {@code POST /}, restJson1 with {@code X-Amzn-ErrorType} elsewhere), never Jetty's HTML page.
 */
class HttpLayerErrorsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static RunningServer server;

  @BeforeAll
  static void start() throws Exception {
    server = RunningServer.start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  /** A raw HTTP answer: status, headers by lower-case name, body. */
  record Answer(int status, Map<String, String> headers, String body) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  private static Answer send(String request) throws IOException {
    return send(request.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Writes the bytes, reads until the server closes or stops sending, and parses one answer. */
  private static Answer send(byte[] request) throws IOException {
    try (Socket socket = new Socket(server.endpoint().getHost(), server.endpoint().getPort())) {
      socket.setSoTimeout(2_000);
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          received.write(buffer, 0, n);
          if (complete(received.toString(StandardCharsets.ISO_8859_1))) {
            break;
          }
        }
      } catch (SocketTimeoutException e) {
        // The server keeps the connection open; what arrived is the answer.
      }
      return parse(received.toString(StandardCharsets.UTF_8));
    }
  }

  private static boolean complete(String text) {
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      return false;
    }
    Map<String, String> headers = headers(text.substring(0, end));
    return text.length() - end - 4 >= Integer.parseInt(headers.getOrDefault("content-length", "0"));
  }

  private static Map<String, String> headers(String head) {
    Map<String, String> headers = new TreeMap<>();
    String[] lines = head.split("\r\n");
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
    }
    return headers;
  }

  private static Answer parse(String text) {
    int end = text.indexOf("\r\n\r\n");
    assertThat(end).as("an HTTP answer, got: %s", text).isPositive();
    String head = text.substring(0, end);
    int status = Integer.parseInt(head.split(" ", 3)[1]);
    return new Answer(status, headers(head), text.substring(end + 4));
  }

  /** A restJson1 error: the status, the type in the header and the body, and a message. */
  private static JsonNode assertRestError(Answer answer, int status, String type) throws IOException {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
    assertThat(answer.headers()).containsEntry("content-type", "application/json").containsEntry("x-amzn-errortype", type);
    assertThat(answer.body()).doesNotContain("<html");
    JsonNode body = answer.json();
    assertThat(body.path("__type").asText()).isEqualTo(type);
    assertThat(body.path("message").asText()).isNotBlank();
    return body;
  }

  /**
   * An unknown path answered while its body is still on the way keeps the connection: clients pool
   * connections, and a connection closed after a 404 broke the client's next request.
   */
  @Test
  void an_unknown_path_answered_before_its_body_arrives_keeps_the_connection() throws Exception {
    try (Socket socket = new Socket(server.endpoint().getHost(), server.endpoint().getPort())) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write("POST /nowhere HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      Thread.sleep(300);
      out.write("{}".getBytes(StandardCharsets.ISO_8859_1));
      out.write("POST /nowhere-either HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      String first = readAnswer(in);
      String second = readAnswer(in);
      assertThat(first).startsWith("HTTP/1.1 404").contains("/nowhere.").doesNotContainIgnoringCase("connection: close");
      assertThat(second).as("the second request on the same connection").startsWith("HTTP/1.1 404").contains("/nowhere-either.");
    }
  }

  /** One answer read from a kept-alive connection: up to the end of its declared body. */
  private static String readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    while (!complete(received.toString(StandardCharsets.ISO_8859_1))) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      received.write(b);
    }
    return received.toString(StandardCharsets.UTF_8);
  }

  @Test
  void headers_too_large_are_a_json_431() throws Exception {
    JsonNode body = assertRestError(
        send("POST /recommendations HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "a".repeat(20_000) + "\r\nContent-Length: 2\r\n\r\n{}"),
        431, "RequestHeaderFieldsTooLargeException");
    assertThat(body.path("message").asText()).contains("headers are larger than the server accepts");
  }

  @Test
  void headers_too_large_on_the_control_plane_are_awsjson() throws Exception {
    Answer answer = send("POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: AmazonPersonalize.ListRecipes\r\nX-Padding: " + "a".repeat(20_000)
        + "\r\nContent-Length: 2\r\n\r\n{}");
    assertThat(answer.status()).isEqualTo(431);
    assertThat(answer.headers()).containsEntry("content-type", "application/x-amz-json-1.1");
    assertThat(answer.json().path("__type").asText()).isEqualTo("RequestHeaderFieldsTooLargeException");
  }

  @Test
  void a_request_line_too_long_is_a_json_414() throws Exception {
    assertRestError(send("POST /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\n{}"), 414, "RequestUriTooLongException");
  }

  @Test
  void ambiguous_paths_name_no_operation() throws Exception {
    for (String path : new String[] {"//recommendations", "/%2Frecommendations", "/events//", "/a/%2e%2e/events"}) {
      JsonNode body = assertRestError(send("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\n{}"), 404, "UnknownOperationException");
      assertThat(body.path("message").asText()).as(path).contains("No operation is bound to POST " + path);
    }
  }

  @Test
  void a_body_with_both_content_length_and_transfer_encoding_is_refused_in_json() throws Exception {
    String chunked = "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n";
    JsonNode rest = assertRestError(send("POST /events HTTP/1.1\r\nHost: localhost\r\n" + chunked), 400, "SerializationException");
    assertThat(rest.path("message").asText()).contains("Transfer-Encoding and Content-Length");

    Answer control = send("POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: AmazonPersonalize.ListRecipes\r\n" + chunked);
    assertThat(control.status()).isEqualTo(400);
    assertThat(control.headers()).containsEntry("content-type", "application/x-amz-json-1.1");
    assertThat(control.json().path("__type").asText()).isEqualTo("SerializationException");
  }

  @Test
  void an_http2_preface_gets_a_json_505() throws Exception {
    // The connection preface of RFC 9113 followed by an empty SETTINGS frame, as an HTTP/2 client with prior knowledge sends it.
    byte[] preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    byte[] settings = {0, 0, 0, 4, 0, 0, 0, 0, 0};
    byte[] both = new byte[preface.length + settings.length];
    System.arraycopy(preface, 0, both, 0, preface.length);
    System.arraycopy(settings, 0, both, preface.length, settings.length);
    JsonNode body = assertRestError(send(both), 505, "HttpVersionNotSupportedException");
    assertThat(body.path("message").asText()).contains("Only HTTP/1.1 is served");
  }

  @Test
  void another_http_version_gets_a_json_505() throws Exception {
    assertRestError(send("POST /events HTTP/3.0\r\nHost: localhost\r\nContent-Length: 2\r\n\r\n{}"), 505, "HttpVersionNotSupportedException");
  }

  @Test
  void malformed_requests_are_json_400s() throws Exception {
    for (String request : new String[] {
        "POST /events HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}",
        "POST /events HTTP/1.1\r\nHost: localhost\r\nContent-Length: two\r\n\r\n{}",
        "POST /events HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip\r\n\r\n{}",
        "POST /%zz HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\n{}",
        "POST /../events HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\n{}",
        "GARBAGE\r\n\r\n"}) {
      assertRestError(send(request), 400, "SerializationException");
    }
  }

  @Test
  void an_expectation_the_server_cannot_meet_is_a_json_417() throws Exception {
    assertRestError(send("POST /events HTTP/1.1\r\nHost: localhost\r\nExpect: teapot\r\nContent-Length: 2\r\n\r\n{}"), 417, "ExpectationFailedException");
  }

  @Test
  void no_answer_names_the_server_software() throws Exception {
    Answer answer = send("POST //recommendations HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\n{}");
    assertThat(answer.headers()).doesNotContainKey("server");
    assertThat(answer.body()).doesNotContainIgnoringCase("jetty");
  }

  @Test
  void two_target_headers_are_refused_and_run_neither_operation() throws Exception {
    String body = "{\"name\":\"two-targets\"}";
    Answer answer = send("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-amz-json-1.1\r\n"
        + "X-Amz-Target: AmazonPersonalize.CreateDatasetGroup\r\nX-Amz-Target: AmazonPersonalize.DeleteDatasetGroup\r\n"
        + "Content-Length: " + body.length() + "\r\n\r\n" + body);
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().path("__type").asText()).isEqualTo("SerializationException");
    assertThat(answer.json().path("message").asText()).contains("2 X-Amz-Target headers");
    assertThat(server.personalize().listDatasetGroups(r -> r.maxResults(100)).datasetGroups()).noneMatch(g -> g.name().equals("two-targets"));
  }

  @Test
  void a_body_in_utf16_is_refused_as_not_utf8() throws Exception {
    for (Charset charset : new Charset[] {StandardCharsets.UTF_16, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE}) {
      byte[] body = "{\"name\":\"utf16\"}".getBytes(charset);
      byte[] head = ("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-amz-json-1.1\r\n"
          + "X-Amz-Target: AmazonPersonalize.CreateDatasetGroup\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
      byte[] request = new byte[head.length + body.length];
      System.arraycopy(head, 0, request, 0, head.length);
      System.arraycopy(body, 0, request, head.length, body.length);
      Answer answer = send(request);
      assertThat(answer.status()).as(charset.name()).isEqualTo(400);
      assertThat(answer.json().path("message").asText()).contains("UTF-8");
    }
    assertThat(server.personalize().listDatasetGroups(r -> r.maxResults(100)).datasetGroups()).noneMatch(g -> g.name().equals("utf16"));
  }
}

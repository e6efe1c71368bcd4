package io.tastemaker.bench.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RawHttpTest {
  private static Optional<Answer> parse(String wire, boolean ended) {
    return RawHttp.parse(wire.getBytes(StandardCharsets.ISO_8859_1), ended);
  }

  @Test
  void an_answer_with_a_length_is_complete_once_its_body_is_in() {
    assertThat(parse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n{\"a\"", false)).isEmpty();
    Answer a = parse("HTTP/1.1 400 Bad Request\r\nContent-Length: 2\r\nX-Amzn-ErrorType: E\r\n\r\n{}", false).orElseThrow();
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.header("X-AMZN-ERRORTYPE")).contains("E");
    assertThat(new String(a.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
  }

  @Test
  void a_chunked_answer_is_joined_and_an_interim_100_is_skipped() {
    Answer a = parse("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n{\"a\r\n4\r\n\":1}\r\n0\r\n\r\n", false).orElseThrow();
    assertThat(a.status()).isEqualTo(200);
    assertThat(new String(a.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
  }

  @Test
  void without_a_length_the_body_runs_to_the_end_of_the_connection() {
    assertThat(parse("HTTP/1.1 400 Bad Request\r\n\r\n<html>", false)).isEmpty();
    assertThat(parse("HTTP/1.1 400 Bad Request\r\n\r\n<html>", true).orElseThrow().excerpt(10)).isEqualTo("<html>");
  }

  @Test
  void encoding_adds_the_length_and_closes_the_connection() {
    String wire = new String(RawHttp.encode("POST", "/events", List.of(new HttpCall.Header("Content-Type", "application/json")), "{}".getBytes(StandardCharsets.UTF_8)),
        StandardCharsets.ISO_8859_1);
    assertThat(wire).isEqualTo("POST /events HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
  }

  @Test
  void only_json_errors_with_type_and_message_in_the_protocols_content_type_are_in_the_api_shape() {
    Answer good = new Answer(400, Map.of("content-type", List.of("application/x-amz-json-1.1")), "{\"__type\":\"X\",\"message\":\"m\"}".getBytes(StandardCharsets.UTF_8), "");
    assertThat(ErrorShape.problem("control", good)).isEmpty();
    assertThat(ErrorShape.problem("runtime", good)).contains("Content-Type application/x-amz-json-1.1");
    Answer html = new Answer(400, Map.of("content-type", List.of("text/html")), "<html>".getBytes(StandardCharsets.UTF_8), "");
    assertThat(ErrorShape.problem("runtime", html)).contains("not JSON");
    Answer noHeader = new Answer(404, Map.of("content-type", List.of("application/json")), "{\"__type\":\"X\",\"message\":\"m\"}".getBytes(StandardCharsets.UTF_8), "");
    assertThat(ErrorShape.problem("events", noHeader)).contains("no X-Amzn-ErrorType header");
    assertThat(ErrorShape.code(noHeader)).isEqualTo("X");
  }
}

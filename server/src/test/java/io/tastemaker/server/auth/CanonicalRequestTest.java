package io.tastemaker.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CanonicalRequestTest {
  @Test
  void an_empty_path_is_the_root() {
    assertThat(CanonicalRequest.uri("")).isEqualTo("/");
    assertThat(CanonicalRequest.uri("/")).isEqualTo("/");
  }

  @Test
  void a_plain_path_stays_as_it_is() {
    assertThat(CanonicalRequest.uri("/recommendations")).isEqualTo("/recommendations");
    assertThat(CanonicalRequest.uri("/personalize-ranking")).isEqualTo("/personalize-ranking");
  }

  @Test
  void percent_escapes_in_the_path_are_encoded_a_second_time() {
    // '%' itself becomes %25, so %20 turns into %2520; an encoded slash stays inside its segment.
    assertThat(CanonicalRequest.uri("/a%20b/c%2Fd")).isEqualTo("/a%2520b/c%252Fd");
  }

  @Test
  void reserved_and_non_ascii_path_characters_are_encoded_once() {
    assertThat(CanonicalRequest.uri("/a:b/c+d/~e_f.g-h")).isEqualTo("/a%3Ab/c%2Bd/~e_f.g-h");
    assertThat(CanonicalRequest.uri("/caf\u00e9")).isEqualTo("/caf%C3%A9");
  }

  @Test
  void dot_segments_and_repeated_slashes_are_removed_from_the_path() {
    assertThat(CanonicalRequest.uri("/a//b/./c/../d/")).isEqualTo("/a/b/d/");
    assertThat(CanonicalRequest.uri("/a/b/..")).isEqualTo("/a");
    assertThat(CanonicalRequest.uri("/..")).isEqualTo("/");
  }

  @Test
  void query_parameters_are_sorted_by_name_then_value() {
    assertThat(CanonicalRequest.query("b=2&a=2&a=1&B=0")).isEqualTo("B=0&a=1&a=2&b=2");
  }

  @Test
  void query_parameters_are_decoded_and_encoded_strictly_again() {
    assertThat(CanonicalRequest.query("q=a%20b&p=a+b&t=%7e%2a&s=%2F"))
        .isEqualTo("p=a%2Bb&q=a%20b&s=%2F&t=~%2A");
  }

  @Test
  void a_parameter_without_a_value_gets_an_empty_one_and_nameless_ones_are_dropped() {
    assertThat(CanonicalRequest.query("flag&=x&&a=")).isEqualTo("a=&flag=");
    assertThat(CanonicalRequest.query("")).isEmpty();
  }

  @Test
  void a_malformed_escape_is_taken_literally() {
    assertThat(CanonicalRequest.query("x=100%&y=%zz")).isEqualTo("x=100%25&y=%25zz");
  }

  @Test
  void header_values_are_trimmed_collapsed_and_joined_with_commas() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Host", List.of("127.0.0.1:8080"));
    headers.put("X-Spaced", List.of("  a   b \t c  "));
    headers.put("X-Multi", List.of("1", " 2 ", ""));
    SignedRequest request = new SignedRequest("POST", "/", "", headers, new byte[0]);

    assertThat(
            CanonicalRequest.headers(request, List.of("host", "x-multi", "x-spaced", "x-absent")))
        .isEqualTo("host:127.0.0.1:8080\nx-multi:1,2,\nx-spaced:a b c\nx-absent:\n");
  }

  @Test
  void the_canonical_request_joins_the_six_parts_with_newlines() {
    SignedRequest request =
        new SignedRequest(
            "POST",
            "/recommendations",
            "",
            Map.of("host", List.of("localhost"), "x-amz-date", List.of("20261129T002754Z")),
            new byte[0]);

    assertThat(CanonicalRequest.of(request, List.of("host", "x-amz-date"), "HASH", false))
        .isEqualTo(
            "POST\n"
                + "/recommendations\n\n"
                + "host:localhost\n"
                + "x-amz-date:20261129T002754Z\n\n"
                + "host;x-amz-date\n"
                + "HASH");
  }

  @Test
  void a_presigned_canonical_query_leaves_out_the_signature_and_nothing_else() {
    assertThat(CanonicalRequest.query("b=2&X-Amz-Signature=abc&a=1&X-Amz-Signature-2=x", Optional.of("X-Amz-Signature")))
        .isEqualTo("X-Amz-Signature-2=x&a=1&b=2");
    assertThat(CanonicalRequest.query("b=2&X-Amz-Signature=abc", Optional.empty())).isEqualTo("X-Amz-Signature=abc&b=2");
  }

  @Test
  void query_parameters_are_decoded_in_their_order() {
    assertThat(CanonicalRequest.decodedParameters("X-Amz-Credential=AKID%2F20261129%2Fus-east-1&flag&=nameless&caf%C3%A9=a+b"))
        .containsExactly(Map.entry("X-Amz-Credential", "AKID/20261129/us-east-1"), Map.entry("flag", ""), Map.entry("café", "a+b"));
  }
}

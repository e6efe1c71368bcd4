package io.tastemaker.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.server.http.HttpErrorHandler.Answer;
import org.eclipse.jetty.http.HttpVersion;
import org.junit.jupiter.api.Test;

class HttpErrorHandlerTest {
  private static Answer answer(int status, String reason) {
    return HttpErrorHandler.answer(status, reason, "POST", "/events", false, HttpVersion.HTTP_1_1);
  }

  @Test
  void jettys_statuses_keep_their_number_and_get_a_fitting_aws_error_type() {
    assertThat(answer(400, "Transfer-Encoding and Content-Length"))
        .isEqualTo(new Answer(400, "SerializationException", "The HTTP request is malformed (Transfer-Encoding and Content-Length)."));
    assertThat(answer(413, "").code()).isEqualTo("RequestEntityTooLargeException");
    assertThat(answer(414, "URI Too Long").code()).isEqualTo("RequestUriTooLongException");
    assertThat(answer(431, "Request Header Fields Too Large").code()).isEqualTo("RequestHeaderFieldsTooLargeException");
    assertThat(answer(404, "").code()).isEqualTo("UnknownOperationException");
    assertThat(answer(405, "").code()).isEqualTo("UnknownOperationException");
    assertThat(answer(417, "").code()).isEqualTo("ExpectationFailedException");
  }

  @Test
  void an_http2_preface_or_another_version_is_a_505() {
    assertThat(answer(426, "Upgrade Required")).extracting(Answer::status, Answer::code).containsExactly(505, "HttpVersionNotSupportedException");
    assertThat(answer(505, "Unsupported Version").status()).isEqualTo(505);
  }

  @Test
  void an_ambiguous_path_names_no_operation() {
    Answer answer = HttpErrorHandler.answer(400, "Ambiguous URI empty segment", "POST", "//recommendations", true, HttpVersion.HTTP_1_1);
    assertThat(answer).isEqualTo(new Answer(404, "UnknownOperationException",
        "No operation is bound to POST //recommendations: the path is ambiguous (Ambiguous URI empty segment)."));
  }

  @Test
  void server_failures_say_nothing_of_their_cause() {
    assertThat(answer(500, "java.lang.IllegalStateException: secret detail"))
        .isEqualTo(new Answer(500, "InternalFailure", "The server failed to process the request."));
    assertThat(answer(503, "").code()).isEqualTo("ServiceUnavailable");
  }
}

package io.tastemaker.bench.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.tastemaker.server.api.Json;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Whether an answer is what an AWS client can read: a JSON object for a success; for an error, a JSON
 * object with {@code __type} and {@code message} in the protocol's content type, and for the
 * restJson1 APIs an {@code X-Amzn-ErrorType} header too.
 */
final class ErrorShape {
  private ErrorShape() {}

  /** What is wrong with the answer to a request of {@code api}, if anything. */
  static Optional<String> problem(String api, Answer answer) {
    if (!answer.answered()) {
      return Optional.of(answer.failure());
    }
    JsonNode json;
    try {
      json = Json.parse(new String(answer.body(), StandardCharsets.UTF_8));
    } catch (Exception e) {
      return Optional.of("not JSON");
    }
    if (json == null || !json.isObject()) {
      return Optional.of("not a JSON object");
    }
    if (answer.status() < 300) {
      return Optional.empty();
    }
    String expectedType = api.equals("control") ? "application/x-amz-json-1.1" : "application/json";
    String type = answer.header("content-type").orElse("(none)");
    if (!type.startsWith(expectedType)) {
      return Optional.of("Content-Type " + type);
    }
    if (!json.path("__type").isTextual() || !json.path("message").isTextual()) {
      return Optional.of("no __type and message");
    }
    if (!api.equals("control") && answer.header("x-amzn-errortype").isEmpty()) {
      return Optional.of("no X-Amzn-ErrorType header");
    }
    return Optional.empty();
  }

  /** The error code an answer carries, or its status when it has none. */
  static String code(Answer answer) {
    try {
      JsonNode json = Json.parse(new String(answer.body(), StandardCharsets.UTF_8));
      if (json != null && json.path("__type").isTextual()) {
        return json.get("__type").asText();
      }
    } catch (Exception e) {
      // Not JSON: fall back to the header or status.
    }
    return answer.header("x-amzn-errortype").orElse(answer.answered() ? "HTTP " + answer.status() : answer.failure());
  }
}

package io.tastemaker.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.wire.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Typed access to a request body that has passed wire validation, so types and required members
 * are already known to be right.
 */
public final class Input {
  private final ObjectNode body;

  public Input(ObjectNode body) {
    this.body = body.deepCopy();
  }

  /** A required string member. */
  public String text(String member) {
    return optionalText(member).orElseThrow(() -> ApiException.invalidInput("Member " + member + " is required."));
  }

  public Optional<String> optionalText(String member) {
    JsonNode node = body.get(member);
    return node == null || node.isNull() ? Optional.empty() : Optional.of(node.asText());
  }

  public Optional<Integer> optionalInt(String member) {
    JsonNode node = body.get(member);
    return node == null || node.isNull() ? Optional.empty() : Optional.of(node.asInt());
  }

  public boolean flag(String member) {
    JsonNode node = body.get(member);
    return node != null && node.asBoolean(false);
  }

  /** A structure member as an input, empty when absent. */
  public Optional<Input> object(String member) {
    JsonNode node = body.get(member);
    return node != null && node.isObject() ? Optional.of(new Input((ObjectNode) node)) : Optional.empty();
  }

  /** A map of strings, empty when absent. */
  public Map<String, String> stringMap(String member) {
    Map<String, String> map = new LinkedHashMap<>();
    JsonNode node = body.get(member);
    if (node != null && node.isObject()) {
      node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
    }
    return map;
  }

  /** The raw JSON of a member, empty when absent. */
  public Optional<JsonNode> raw(String member) {
    JsonNode node = body.get(member);
    return node == null || node.isNull() ? Optional.empty() : Optional.of(node.deepCopy());
  }

  public boolean has(String member) {
    JsonNode node = body.get(member);
    return node != null && !node.isNull();
  }

  public ObjectNode body() {
    return body.deepCopy();
  }
}

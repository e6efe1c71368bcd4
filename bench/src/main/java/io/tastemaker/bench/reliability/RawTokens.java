package io.tastemaker.bench.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tastemaker.server.api.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Values JSON nodes cannot hold (1e400, a lone surrogate, an array 100,000 deep): each goes into the
 * request as a placeholder string, replaced by the raw JSON in the serialised text.
 */
final class RawTokens {
  private final Map<String, String> raw = new LinkedHashMap<>();

  /** A placeholder node for the raw JSON text {@code json}. */
  JsonNode token(String json) {
    String key = "__raw_" + raw.size() + "__";
    raw.put("\"" + key + "\"", json);
    return JsonNodeFactory.instance.textNode(key);
  }

  /** The body as bytes, placeholders replaced. */
  byte[] serialise(JsonNode body) {
    String text = new String(Json.bytes(body), StandardCharsets.UTF_8);
    for (Map.Entry<String, String> e : raw.entrySet()) {
      text = text.replace(e.getKey(), e.getValue());
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }
}

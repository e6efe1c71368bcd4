package io.tastemaker.server.api;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;

/** The server's JSON mapper and the small conversions every handler needs. */
public final class Json {
  // The fast double writer and parser (Schubfach, FastDoubleParser) round-trip exactly like the JDK's
  // and take a third off writing a scored answer.
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN, StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
          .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
          .build();

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  public static ArrayNode array(Collection<String> values) {
    ArrayNode array = array();
    values.forEach(array::add);
    return array;
  }

  /** Epoch seconds with milliseconds, as AWS JSON protocols write timestamps. */
  public static BigDecimal epochSeconds(Instant instant) {
    return BigDecimal.valueOf(instant.toEpochMilli(), 3);
  }

  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A node as JSON text. */
  public static String text(JsonNode node) {
    return new String(bytes(node), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Parses JSON this server wrote itself, where a syntax error means corrupt state. */
  public static JsonNode parseStored(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is not valid: " + e.getOriginalMessage(), e);
    }
  }

  public static JsonNode parse(String text) throws JsonProcessingException {
    return MAPPER.readTree(text);
  }
}

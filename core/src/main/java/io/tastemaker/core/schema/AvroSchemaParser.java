package io.tastemaker.core.schema;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the Avro record JSON of CreateSchema into a {@link DatasetSchema}, accepting what
 * Personalize accepts.
 *
 * <p>The top level is {@code {"type": "record", "name": ..., "fields": [...]}}, with optional
 * {@code namespace}, {@code version} and any other attributes, which are ignored. Each field is
 * {@code {"name": N, "type": T}} with optional boolean {@code categorical} and {@code textual} and
 * an optional {@code default}, which must be a value of the field's type (null for nullable
 * fields); {@code doc} and other attributes are ignored. {@code T} is one of
 * {@code float}, {@code double}, {@code int}, {@code long}, {@code string} or {@code boolean} (also
 * in Avro's object form, {@code {"type": "long"}}, nested or not), or a union of exactly one of
 * them with {@code "null"}, in either order (which makes the field nullable), or of one of them
 * alone ({@code ["string"]}, which Personalize accepts as that type). Everything else Avro allows is
 * rejected: {@code "null"} alone, {@code bytes}, {@code fixed}, {@code enum}, {@code array},
 * {@code map}, nested records and logical types. Whether the fields fit a dataset type is for
 * {@link DatasetSchemaRules} to say.
 */
public final class AvroSchemaParser {

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          // A repeated key ("type" twice) would otherwise silently keep the last value.
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          // Decimals stay exact, so a default of 1e400 is shown as written (1E+400), not as Infinity.
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  private static final Pattern FULL_NAME =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

  private static final Set<String> UNSUPPORTED =
      Set.of("bytes", "fixed", "enum", "array", "map", "record", "error");

  private static final String ALLOWED =
      "float, double, int, long, string or boolean, optionally in a union with \"null\"";

  private static final int SHOWN_JSON_CHARS = 80;

  private AvroSchemaParser() {}

  /**
   * Parses one schema.
   *
   * @throws SchemaException when the text is not JSON (with the parser's line and column), not an
   *     Avro record, or uses a type or attribute Personalize rejects; the message names the key or
   *     field and the offending value
   */
  public static DatasetSchema parse(String json) {
    Objects.requireNonNull(json, "json");
    JsonNode root = readTree(json);
    if (!root.isObject()) {
      throw new SchemaException(
          "Schema must be a JSON object (an Avro record), got " + show(root));
    }
    JsonNode type = root.path("type");
    if (!"record".equals(type.textValue())) {
      throw new SchemaException(
          "Schema \"type\" must be \"record\", got "
              + (type.isMissingNode() ? "none" : show(type)));
    }
    String name = text(root, "name").orElseThrow(() -> missing("Schema", "name"));
    if (!FULL_NAME.matcher(name).matches()) {
      throw new SchemaException(
          "Schema \"name\" must be an Avro name like Interactions, got '" + name + "'");
    }
    // The namespace is only checked: it changes nothing about the data the dataset holds.
    text(root, "namespace");
    JsonNode fields = root.path("fields");
    if (!fields.isArray()) {
      throw new SchemaException(
          "Schema must have a \"fields\" array, got "
              + (fields.isMissingNode() ? "none" : show(fields)));
    }
    List<SchemaField> parsed = new ArrayList<>(fields.size());
    for (int i = 0; i < fields.size(); i++) {
      parsed.add(field(fields.get(i), i));
    }
    return new DatasetSchema(name, parsed);
  }

  private static JsonNode readTree(String json) {
    try (JsonParser parser = JSON.createParser(json)) {
      JsonNode root = JSON.readTree(parser);
      if (root == null || root.isMissingNode()) {
        throw new SchemaException("Schema is empty; expected an Avro record as JSON");
      }
      if (parser.nextToken() != null) {
        throw new SchemaException(
            "Schema has content after the record" + where(parser.currentTokenLocation())
                + ": " + parser.getText());
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new SchemaException(
          "Schema is not valid JSON" + where(e.getLocation()) + ": " + describe(e), e);
    } catch (IOException e) {
      // Reading from a String does no I/O; only the parser's signature says it might.
      throw new UncheckedIOException(e);
    }
  }

  private static String where(JsonLocation at) {
    return at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  // Jackson names the (redacted) source inside some messages, e.g. "(for Array starting at
  // [Source: REDACTED (...); line: 3, column: 12])"; keep only the line and column.
  private static String describe(JsonProcessingException e) {
    return e.getOriginalMessage().replaceAll("\\[Source: [^;\\]]*; ", "[");
  }

  private static SchemaField field(JsonNode node, int index) {
    String where = "fields[" + index + "]";
    if (!node.isObject()) {
      throw new SchemaException(where + " must be a JSON object, got " + show(node));
    }
    String name = text(node, where, "name").orElseThrow(() -> missing(where, "name"));
    JsonNode type = node.get("type");
    if (type == null) {
      throw missing("Field " + name, "type");
    }
    boolean nullable = nullable(type);
    FieldType fieldType = type(name, type);
    JsonNode defaultValue = node.get("default");
    if (defaultValue != null) {
      checkDefault(name, fieldType, nullable, defaultValue);
    }
    return new SchemaField(
        name, fieldType, nullable, flag(node, name, "categorical"), flag(node, name, "textual"));
  }

  /**
   * A {@code default} must be a value of the field's type, or null when the field is nullable.
   * (Avro's specification ties a union's default to its first branch; this check takes either
   * branch's value, as nothing reads the default.)
   */
  private static void checkDefault(String field, FieldType type, boolean nullable, JsonNode value) {
    boolean fits =
        switch (type) {
          case STRING -> value.isTextual();
          case BOOLEAN -> value.isBoolean();
          case INT -> value.isIntegralNumber() && value.canConvertToInt();
          case LONG -> value.isIntegralNumber() && value.canConvertToLong();
          case FLOAT -> value.isNumber() && Float.isFinite((float) value.doubleValue());
          case DOUBLE -> value.isNumber() && Double.isFinite(value.doubleValue());
        };
    if (fits || (nullable && value.isNull())) {
      return;
    }
    String expected =
        switch (type) {
          case STRING -> "a string";
          case BOOLEAN -> "true or false";
          case INT -> "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
          case LONG -> "a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
          case FLOAT -> "a number within a float's range";
          case DOUBLE -> "a finite number";
        };
    String nullText =
        nullable ? " or null" : value.isNull() ? " (null is a default only for a nullable field, a union with \"null\")" : "";
    throw new SchemaException(
        "Field " + field + " has default " + show(value) + ", which is not a " + type.avroName() + "; its default must be "
            + expected + nullText);
  }

  /** Whether a field's type admits null: a union with a "null" branch, also inside {"type": ...}. */
  private static boolean nullable(JsonNode type) {
    if (type.isObject() && type.has("type")) {
      return nullable(type.get("type"));
    }
    if (!type.isArray()) {
      return false;
    }
    for (JsonNode branch : type) {
      if (isNull(branch)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isNull(JsonNode branch) {
    if (branch.isObject() && branch.has("type")) {
      return isNull(branch.get("type"));
    }
    return "null".equals(branch.textValue());
  }

  /**
   * The field's value type, from any form Personalize accepts: a name ({@code "string"}), Avro's
   * object form ({@code {"type": "string"}}, nested too), or a union of one value type with
   * {@code "null"} in either order, or of the value type alone ({@code ["string"]}).
   */
  private static FieldType type(String field, JsonNode type) {
    if (type.isArray()) {
      return union(field, type);
    }
    return single(field, type);
  }

  private static FieldType union(String field, JsonNode union) {
    int nulls = 0;
    List<JsonNode> values = new ArrayList<>();
    for (JsonNode branch : union) {
      if (isNull(branch)) {
        nulls++;
      } else {
        values.add(branch);
      }
    }
    if (nulls > 1 || values.size() != 1 || values.get(0).isArray()) {
      throw new SchemaException(
          "Field " + field + " has union " + show(union) + "; a union must be one of "
              + "float, double, int, long, string or boolean, alone or together with \"null\"");
    }
    return single(field, values.get(0));
  }

  private static FieldType single(String field, JsonNode type) {
    if (type.isTextual()) {
      return primitive(field, type.textValue());
    }
    if (type.isObject()) {
      JsonNode logical = type.get("logicalType");
      if (logical != null) {
        throw new SchemaException(
            "Field " + field + " has logical type " + show(logical)
                + ", which Personalize does not support; use a plain " + ALLOWED);
      }
      JsonNode inner = type.get("type");
      if (inner != null && (inner.isTextual() || inner.isObject() || inner.isArray())) {
        return type(field, inner);
      }
    }
    throw new SchemaException(
        "Field " + field + " has invalid type " + show(type) + "; use " + ALLOWED);
  }

  private static FieldType primitive(String field, String avroName) {
    Optional<FieldType> type = FieldType.ofAvroName(avroName);
    if (type.isPresent()) {
      return type.get();
    }
    if (avroName.equals("null")) {
      throw new SchemaException(
          "Field " + field + " has type \"null\" alone; a nullable field is a union such as "
              + "[\"string\", \"null\"]");
    }
    if (UNSUPPORTED.contains(avroName)) {
      throw new SchemaException(
          "Field " + field + " has type " + avroName + ", which Personalize does not support; use "
              + ALLOWED);
    }
    throw new SchemaException(
        "Field " + field + " has unknown type '" + avroName + "'; use " + ALLOWED);
  }

  private static boolean flag(JsonNode node, String field, String attribute) {
    JsonNode value = node.get(attribute);
    if (value == null) {
      return false;
    }
    if (!value.isBoolean()) {
      throw new SchemaException(
          "Field " + field + " attribute \"" + attribute + "\" must be true or false, got "
              + show(value));
    }
    return value.booleanValue();
  }

  private static Optional<String> text(JsonNode node, String key) {
    return text(node, "Schema", key);
  }

  private static Optional<String> text(JsonNode node, String owner, String key) {
    JsonNode value = node.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw new SchemaException(
          owner + " \"" + key + "\" must be a string, got " + show(value));
    }
    return Optional.of(value.textValue());
  }

  private static SchemaException missing(String owner, String key) {
    return new SchemaException(owner + " has no \"" + key + "\"");
  }

  private static String show(JsonNode node) {
    String json = node.toString();
    return json.length() <= SHOWN_JSON_CHARS ? json : json.substring(0, SHOWN_JSON_CHARS) + "...";
  }
}

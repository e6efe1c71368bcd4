package io.tastemaker.server.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.tastemaker.core.schema.DatasetSchema;
import io.tastemaker.core.schema.SchemaField;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.wire.ApiException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code properties} of PutEvents, PutItems and PutUsers: JSON text whose keys are the
 * dataset schema's field names in camelCase ({@code NUMBER_OF_RATINGS} is {@code numberOfRatings}),
 * each value checked against its field's type. Values come back by schema field name, as text.
 *
 * <p>As lenient as Personalize's own examples need: keys match ignoring case and underscores
 * ({@code numberOfRatings}, {@code NumberOfRatings}, {@code NUMBER_OF_RATINGS}; Personalize compares
 * its forbidden keys ignoring case, and schema names are unique ignoring underscores), and numbers
 * and booleans may be written as strings ({@code {"numberOfRatings": "12"}} is the documented
 * example), or strings as numbers.
 */
public final class SchemaProperties {
  private final DatasetSchema schema;
  private final Map<String, SchemaField> byKey = new HashMap<>();

  /** @param skipped fields set by their own members (such as USER_ID), not by properties */
  public SchemaProperties(DatasetSchema schema, Set<String> skipped) {
    this.schema = schema;
    for (SchemaField field : schema.fields()) {
      if (!skipped.contains(field.name())) {
        byKey.put(normalized(field.name()), field);
      }
    }
  }

  /** {@code NUMBER_OF_RATINGS} as {@code numberOfRatings}. */
  public static String camelCase(String fieldName) {
    StringBuilder key = new StringBuilder();
    boolean upper = false;
    for (char c : fieldName.toCharArray()) {
      if (c == '_') {
        upper = key.length() > 0;
      } else {
        key.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
        upper = false;
      }
    }
    return key.toString();
  }

  /** The form keys are compared in: letters and digits only, lower case. */
  static String normalized(String key) {
    StringBuilder out = new StringBuilder(key.length());
    for (char c : key.toCharArray()) {
      if (c != '_') {
        out.append(Character.toLowerCase(c));
      }
    }
    return out.toString();
  }

  /**
   * The fields a properties text sets, by schema field name.
   *
   * @param where names the member in messages, such as {@code eventList[2].properties}
   * @param forbidden keys that may not appear (compared ignoring case)
   */
  public Map<String, String> read(String text, String where, Set<String> forbidden) {
    JsonNode node;
    try {
      node = Json.parse(text);
    } catch (JsonProcessingException e) {
      throw ApiException.invalidInput(where + " must be a JSON object as text; it is not valid JSON: " + e.getOriginalMessage());
    }
    if (!node.isObject()) {
      throw ApiException.invalidInput(where + " must be a JSON object as text, got " + node.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> property : node.properties()) {
      String key = property.getKey();
      if (forbidden.stream().anyMatch(key::equalsIgnoreCase)) {
        throw ApiException.invalidInput(where + " may not set " + key + "; it has its own member.");
      }
      SchemaField field = byKey.get(normalized(key));
      if (field == null) {
        throw ApiException.invalidInput(
            where + " sets " + key + ", which is no field of the dataset's schema " + schema.recordName()
                + (byKey.isEmpty()
                    ? "; the schema has no fields that properties can set."
                    : " (keys are the field names in camelCase: " + String.join(", ", keys()) + ")."));
      }
      JsonNode value = property.getValue();
      if (value.isNull()) {
        if (!field.nullable()) {
          throw ApiException.invalidInput(where + " sets " + key + " to null, but the field " + field.name() + " is not nullable.");
        }
        continue;
      }
      if (fields.put(field.name(), checked(field, value, where + "." + key)) != null) {
        throw ApiException.invalidInput(where + " sets the field " + field.name() + " twice (keys are compared ignoring case and underscores).");
      }
    }
    return fields;
  }

  /** The fields the schema requires that a record does not set, by schema name. */
  public Set<String> missingRequired(Map<String, String> fields) {
    Set<String> missing = new java.util.TreeSet<>();
    for (SchemaField field : byKey.values()) {
      if (!field.nullable() && !fields.containsKey(field.name())) {
        missing.add(camelCase(field.name()));
      }
    }
    return missing;
  }

  private java.util.SortedSet<String> keys() {
    java.util.SortedSet<String> keys = new java.util.TreeSet<>();
    byKey.values().forEach(f -> keys.add(camelCase(f.name())));
    return keys;
  }

  private static String checked(SchemaField field, JsonNode value, String where) {
    String type = field.type().avroName();
    if (!value.isValueNode()) {
      throw ApiException.invalidInput(where + " must be a single value (field " + field.name() + " is " + type + "), got " + value);
    }
    // Personalize's examples write numbers as strings ("12"); both forms are one value.
    String text = value.asText();
    switch (field.type()) {
      case STRING -> {
        return text;
      }
      case INT, LONG -> {
        java.util.OptionalLong whole = value.isIntegralNumber() && value.canConvertToLong()
            ? java.util.OptionalLong.of(value.longValue())
            : value.isTextual() ? io.tastemaker.server.api.NumberText.whole(text.strip()) : java.util.OptionalLong.empty();
        boolean fits = whole.isPresent()
            && (field.type() == io.tastemaker.core.schema.FieldType.LONG || (whole.getAsLong() >= Integer.MIN_VALUE && whole.getAsLong() <= Integer.MAX_VALUE));
        if (!fits) {
          throw ApiException.invalidInput(where + " must be a whole number (field " + field.name() + " is " + type + "), got " + value);
        }
        return Long.toString(whole.getAsLong());
      }
      case FLOAT, DOUBLE -> {
        java.util.OptionalDouble number = value.isNumber() && Double.isFinite(value.doubleValue())
            ? java.util.OptionalDouble.of(value.doubleValue())
            : value.isTextual() ? io.tastemaker.server.api.NumberText.decimal(text.strip()) : java.util.OptionalDouble.empty();
        if (number.isEmpty()) {
          throw ApiException.invalidInput(where + " must be a number (field " + field.name() + " is " + type + "), got " + value);
        }
        return value.isNumber() ? text : text.strip();
      }
      case BOOLEAN -> {
        if (value.isBoolean()) {
          return text;
        }
        if (value.isTextual() && (text.strip().equalsIgnoreCase("true") || text.strip().equalsIgnoreCase("false"))) {
          return text.strip().toLowerCase(Locale.ROOT);
        }
        throw ApiException.invalidInput(where + " must be true or false (field " + field.name() + " is boolean), got " + value);
      }
    }
    throw new IllegalStateException("unknown field type " + field.type());
  }
}

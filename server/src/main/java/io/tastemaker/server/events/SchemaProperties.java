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
 */
public final class SchemaProperties {
  private final DatasetSchema schema;
  private final Map<String, SchemaField> byKey = new HashMap<>();

  /** @param skipped fields set by their own members (such as USER_ID), not by properties */
  public SchemaProperties(DatasetSchema schema, Set<String> skipped) {
    this.schema = schema;
    for (SchemaField field : schema.fields()) {
      if (!skipped.contains(field.name())) {
        byKey.put(camelCase(field.name()), field);
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
      SchemaField field = byKey.get(key);
      if (field == null) {
        throw ApiException.invalidInput(
            where + " sets " + key + ", which is no field of the dataset's schema " + schema.recordName()
                + (byKey.isEmpty()
                    ? "; the schema has no fields that properties can set."
                    : " (keys are the field names in camelCase: " + String.join(", ", new java.util.TreeSet<>(byKey.keySet())) + ")."));
      }
      JsonNode value = property.getValue();
      if (value.isNull()) {
        if (!field.nullable()) {
          throw ApiException.invalidInput(where + " sets " + key + " to null, but the field " + field.name() + " is not nullable.");
        }
        continue;
      }
      fields.put(field.name(), checked(field, value, where + "." + key));
    }
    return fields;
  }

  /** The fields the schema requires that a record does not set, by schema name. */
  public Set<String> missingRequired(Map<String, String> fields) {
    Set<String> missing = new java.util.TreeSet<>();
    for (Map.Entry<String, SchemaField> e : byKey.entrySet()) {
      if (!e.getValue().nullable() && !fields.containsKey(e.getValue().name())) {
        missing.add(e.getKey());
      }
    }
    return missing;
  }

  private static String checked(SchemaField field, JsonNode value, String where) {
    String type = field.type().avroName();
    switch (field.type()) {
      case STRING -> {
        if (!value.isTextual()) {
          throw ApiException.invalidInput(where + " must be a string (field " + field.name() + " is " + type + "), got " + value);
        }
        return value.asText();
      }
      case INT, LONG -> {
        if (!value.isIntegralNumber() || (field.type() == io.tastemaker.core.schema.FieldType.INT && !value.canConvertToInt())) {
          throw ApiException.invalidInput(where + " must be a whole number (field " + field.name() + " is " + type + "), got " + value);
        }
        return value.asText();
      }
      case FLOAT, DOUBLE -> {
        if (!value.isNumber()) {
          throw ApiException.invalidInput(where + " must be a number (field " + field.name() + " is " + type + "), got " + value);
        }
        return value.asText();
      }
      case BOOLEAN -> {
        if (!value.isBoolean()) {
          throw ApiException.invalidInput(where + " must be true or false (field " + field.name() + " is boolean), got " + value);
        }
        return value.asText();
      }
    }
    throw new IllegalStateException("unknown field type " + field.type());
  }
}

package io.tastemaker.core.filter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The attributes of one item or user, by field name; fields without a value are absent. */
public record AttributeRecord(String id, Map<String, AttributeValue> values) {
  public AttributeRecord {
    Objects.requireNonNull(id, "id");
    values = Map.copyOf(values);
  }

  /**
   * Reads a record as PutItems/PutUsers deliver it: field name to String, Number, Boolean or null.
   *
   * @param idField {@code ITEM_ID} or {@code USER_ID}; its value must be a non-empty string
   * @throws IllegalArgumentException naming the field when the id is missing or a value has
   *     another type
   */
  public static AttributeRecord of(String idField, Map<String, ?> fields) {
    Object id = fields.get(idField);
    if (!(id instanceof String s) || s.isEmpty()) {
      throw new IllegalArgumentException("a record needs a non-empty string " + idField + ", got " + id);
    }
    Map<String, AttributeValue> values = new LinkedHashMap<>();
    fields.forEach((name, raw) -> {
      if (!name.equals(idField)) {
        AttributeValue.of(name, raw).ifPresent(v -> values.put(name, v));
      }
    });
    return new AttributeRecord(s, values);
  }

  /**
   * The value of a field, empty when the record has none. A name that differs from the schema's in
   * case only finds the field too, as filters name fields that way ({@code Items.genre}).
   */
  public Optional<AttributeValue> value(String field) {
    AttributeValue exact = values.get(field);
    if (exact != null) {
      return Optional.of(exact);
    }
    for (Map.Entry<String, AttributeValue> e : values.entrySet()) {
      if (e.getKey().equalsIgnoreCase(field)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }
}

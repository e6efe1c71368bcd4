package io.tastemaker.core.schema;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A dataset schema: the Avro record's name and its fields in declaration order (which is also the
 * column order Personalize expects in import CSV files).
 */
public record DatasetSchema(String recordName, List<SchemaField> fields) {

  /**
   * Copies the fields and checks what holds for every dataset type.
   *
   * @throws SchemaException when the record name is blank, there are no fields, or two field names
   *     are equal when compared alphanumerically
   */
  public DatasetSchema {
    Objects.requireNonNull(recordName, "recordName");
    fields = List.copyOf(fields);
    if (recordName.isBlank()) {
      throw new SchemaException("Schema record name must not be blank, got '" + recordName + "'");
    }
    if (fields.isEmpty()) {
      throw new SchemaException("Schema record " + recordName + " must have at least one field");
    }
    Map<String, String> seen = new HashMap<>();
    for (SchemaField field : fields) {
      String earlier = seen.putIfAbsent(alphanumericKey(field.name()), field.name());
      if (earlier != null) {
        throw new SchemaException(
            earlier.equals(field.name())
                ? "Field " + field.name() + " is declared twice"
                : "Field names must be unique when compared alphanumerically: "
                    + earlier + " and " + field.name() + " clash");
      }
    }
  }

  /** The field with exactly this name. */
  public Optional<SchemaField> field(String name) {
    Objects.requireNonNull(name, "name");
    for (SchemaField field : fields) {
      if (field.name().equals(name)) {
        return Optional.of(field);
      }
    }
    return Optional.empty();
  }

  /** Whether a field has exactly this name. */
  public boolean has(String name) {
    return field(name).isPresent();
  }

  // Personalize compares names on letters and digits only, ignoring case: GENRES_FIELD_1 and
  // GENRESFIELD1 are the same column to it.
  private static String alphanumericKey(String name) {
    return name.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
  }
}

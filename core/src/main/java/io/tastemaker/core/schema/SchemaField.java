package io.tastemaker.core.schema;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One field of a dataset schema: its name, primitive type, whether it admits null (an Avro union
 * with "null"), and Personalize's {@code categorical} and {@code textual} attributes.
 */
public record SchemaField(
    String name, FieldType type, boolean nullable, boolean categorical, boolean textual) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /**
   * Checks the field on its own, whatever dataset it is for.
   *
   * @throws SchemaException when the name is not an Avro name ({@code [A-Za-z_][A-Za-z0-9_]*}),
   *     or the field is categorical or textual without being a string, or is both
   */
  public SchemaField {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (!NAME.matcher(name).matches()) {
      throw new SchemaException(
          "Field name must match [A-Za-z_][A-Za-z0-9_]*, got '" + name + "'");
    }
    if (categorical && textual) {
      throw new SchemaException(
          "Field " + name + " is both categorical and textual; it can be at most one of them");
    }
    if (categorical && type != FieldType.STRING) {
      throw new SchemaException(
          "Field " + name + " is categorical but has type " + type.avroName()
              + "; only string fields can be categorical");
    }
    if (textual && type != FieldType.STRING) {
      throw new SchemaException(
          "Field " + name + " is textual but has type " + type.avroName()
              + "; only string fields can be textual");
    }
  }

  /** A plain field: not nullable, neither categorical nor textual. */
  public static SchemaField of(String name, FieldType type) {
    return new SchemaField(name, type, false, false, false);
  }
}

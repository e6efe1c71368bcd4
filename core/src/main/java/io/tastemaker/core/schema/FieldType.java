package io.tastemaker.core.schema;

import java.util.Optional;

/** The primitive Avro type of a schema field; the only types Personalize accepts. */
public enum FieldType {
  STRING("string", false),
  INT("int", true),
  LONG("long", true),
  FLOAT("float", true),
  DOUBLE("double", true),
  BOOLEAN("boolean", false);

  private final String avroName;
  private final boolean numeric;

  FieldType(String avroName, boolean numeric) {
    this.avroName = avroName;
    this.numeric = numeric;
  }

  /** The Avro type name as written in a schema, e.g. {@code "long"}. */
  public String avroName() {
    return avroName;
  }

  /** Whether values are numbers: int, long, float or double. */
  public boolean isNumeric() {
    return numeric;
  }

  /** The type with this exact Avro name, if it is one of ours (Avro names are case-sensitive). */
  static Optional<FieldType> ofAvroName(String name) {
    for (FieldType type : values()) {
      if (type.avroName.equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}

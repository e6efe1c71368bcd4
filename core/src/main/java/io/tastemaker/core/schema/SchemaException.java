package io.tastemaker.core.schema;

/** A schema that is not Avro JSON Personalize accepts, or does not fit a dataset type. */
public final class SchemaException extends RuntimeException {

  /** A failure whose message names the field or key and the offending value. */
  public SchemaException(String message) {
    super(message);
  }

  /** A failure caused by another, such as the JSON parser's. */
  public SchemaException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.tastemaker.core.filter;

/** A filter that names a dataset or field the dataset group does not have, or uses one wrongly. */
public final class FilterSchemaException extends IllegalArgumentException {
  FilterSchemaException(String message) {
    super(message);
  }
}

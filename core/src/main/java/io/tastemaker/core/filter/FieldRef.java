package io.tastemaker.core.filter;

import java.util.Objects;

/**
 * A field as written in an expression, {@code Items.GENRE} or {@code CurrentItem.GENRE}. As an
 * operand it is always a {@link Source#CURRENT_ITEM} field.
 */
public record FieldRef(Source source, String name) implements Operand {
  public FieldRef {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(name, "name");
  }

  /** The dataset field it refers to: CurrentUser.AGE is Users.AGE. */
  public DatasetField datasetField() {
    return new DatasetField(source.dataset(), name);
  }

  @Override
  public String toString() {
    return source.prefix() + "." + name;
  }
}

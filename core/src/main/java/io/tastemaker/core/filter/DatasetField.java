package io.tastemaker.core.filter;

import io.tastemaker.core.schema.DatasetType;
import java.util.Objects;

/** A field of a dataset, such as Items.GENRE; what the limit on distinct fields counts. */
public record DatasetField(DatasetType dataset, String name) {
  public DatasetField {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(name, "name");
  }

  @Override
  public String toString() {
    return dataset.wireName() + "." + name;
  }
}

package io.tastemaker.core.data;

/** One column of a {@link Segment}: the values of one schema field, with nulls. */
public sealed interface Column permits StringColumn, LongColumn, DoubleColumn, BooleanColumn {
  /** The schema field the column holds. */
  String name();

  /** The number of rows. */
  int size();

  boolean isNull(int row);
}

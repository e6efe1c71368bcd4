package io.tastemaker.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A segment's rows as text, one value per named field in the order given, as an import reads them
 * back: numbers in Java's shortest form that reads back to the same value, booleans as
 * {@code true}/{@code false}, null (or a field the segment lacks) as null.
 */
public final class SegmentRows {
  private final List<Optional<Column>> columns;
  private final int rows;

  public SegmentRows(Segment segment, List<String> fieldNames) {
    this.rows = segment.rows();
    List<Optional<Column>> bound = new ArrayList<>(fieldNames.size());
    for (String name : fieldNames) {
      bound.add(segment.column(name));
    }
    this.columns = List.copyOf(bound);
  }

  public int rows() {
    return rows;
  }

  /** The values of a row, in field order; null for null values. */
  public List<String> row(int row) {
    String[] values = new String[columns.size()];
    for (int f = 0; f < values.length; f++) {
      values[f] = columns.get(f).map(c -> text(c, row)).orElse(null);
    }
    return Arrays.asList(values);
  }

  private static String text(Column column, int row) {
    if (column.isNull(row)) {
      return null;
    }
    if (column instanceof StringColumn s) {
      return s.value(row);
    }
    if (column instanceof LongColumn l) {
      return Long.toString(l.value(row));
    }
    if (column instanceof DoubleColumn d) {
      return Double.toString(d.value(row));
    }
    return Boolean.toString(((BooleanColumn) column).value(row));
  }
}

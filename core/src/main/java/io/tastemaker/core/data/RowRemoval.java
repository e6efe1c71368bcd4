package io.tastemaker.core.data;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Removes rows from a segment by the value of one string column (a data deletion job's users). The
 * result is built anew, string dictionaries included, so nothing of a removed row stays in it.
 */
public final class RowRemoval {
  private RowRemoval() {}

  /**
   * The segment without the rows whose {@code column} holds one of {@code values}; empty when no row
   * does (or the segment has no such column), so the caller keeps the segment as it is.
   */
  public static Optional<Segment> without(Segment segment, String column, Set<String> values) {
    Optional<Column> found = segment.column(column);
    if (found.isEmpty() || !(found.get() instanceof StringColumn ids)) {
      return Optional.empty();
    }
    BitSet keep = new BitSet(segment.rows());
    for (int r = 0; r < segment.rows(); r++) {
      if (ids.isNull(r) || !values.contains(ids.value(r))) {
        keep.set(r);
      }
    }
    if (keep.cardinality() == segment.rows()) {
      return Optional.empty();
    }
    List<Column> columns = new ArrayList<>();
    for (Column c : segment.columns()) {
      columns.add(kept(c, keep));
    }
    return Optional.of(new Segment(segment.type(), keep.cardinality(), columns));
  }

  private static Column kept(Column column, BitSet keep) {
    int n = keep.cardinality();
    if (column instanceof StringColumn s) {
      StringColumn.Builder b = new StringColumn.Builder(s.name());
      for (int r = keep.nextSetBit(0); r >= 0; r = keep.nextSetBit(r + 1)) {
        if (s.isNull(r)) {
          b.appendNull();
        } else {
          b.append(s.value(r));
        }
      }
      return b.build();
    }
    BitSet nulls = new BitSet(n);
    int out = 0;
    if (column instanceof LongColumn l) {
      long[] values = new long[n];
      for (int r = keep.nextSetBit(0); r >= 0; r = keep.nextSetBit(r + 1), out++) {
        values[out] = l.value(r);
        nulls.set(out, l.isNull(r));
      }
      return new LongColumn(l.name(), values, nulls);
    }
    if (column instanceof DoubleColumn d) {
      double[] values = new double[n];
      for (int r = keep.nextSetBit(0); r >= 0; r = keep.nextSetBit(r + 1), out++) {
        values[out] = d.value(r);
        nulls.set(out, d.isNull(r));
      }
      return new DoubleColumn(d.name(), values, nulls);
    }
    BooleanColumn b = (BooleanColumn) column;
    byte[] values = new byte[n];
    for (int r = keep.nextSetBit(0); r >= 0; r = keep.nextSetBit(r + 1), out++) {
      values[out] = b.isNull(r) ? (byte) -1 : b.value(r) ? (byte) 1 : (byte) 0;
    }
    return new BooleanColumn(b.name(), values);
  }
}

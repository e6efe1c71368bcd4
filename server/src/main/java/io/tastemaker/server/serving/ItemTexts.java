package io.tastemaker.server.serving;

import io.tastemaker.core.data.BooleanColumn;
import io.tastemaker.core.data.Column;
import io.tastemaker.core.data.DoubleColumn;
import io.tastemaker.core.data.LongColumn;
import io.tastemaker.core.data.Segment;
import io.tastemaker.core.data.StringColumn;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Items records of a dataset group as text, as metadata columns return them: strings as they
 * were imported or put (a multi-valued field keeps its {@code |} and its order), numbers in plain
 * decimal ({@code 9.99}, {@code 1700000000}), booleans {@code true} or {@code false}. The latest
 * record of an id wins; records put one at a time replace imported ones at once.
 */
public final class ItemTexts {
  private final String idField;
  private final Map<String, Map<String, String>> records = new ConcurrentHashMap<>();

  private ItemTexts(String idField) {
    this.idField = idField;
  }

  /** The records of an Items dataset's segments, later segments winning, then the records put since. */
  public static ItemTexts of(List<Segment> segments, Collection<? extends Map<String, String>> put, String idField) {
    ItemTexts texts = new ItemTexts(idField);
    for (Segment segment : segments) {
      StringColumn ids = segment.strings(idField);
      List<Column> columns = segment.columns().stream().filter(c -> !c.name().equals(idField)).toList();
      for (int row = 0; row < segment.rows(); row++) {
        if (ids.isNull(row)) {
          continue;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Column column : columns) {
          if (!column.isNull(row)) {
            values.put(column.name(), text(column, row));
          }
        }
        texts.records.put(ids.value(row), Map.copyOf(values));
      }
    }
    texts.put(put);
    return texts;
  }

  /** Adds or replaces records put one at a time (field name to text, the id included). */
  public void put(Collection<? extends Map<String, String>> put) {
    for (Map<String, String> record : put) {
      String id = record.get(idField);
      if (id != null) {
        Map<String, String> values = new LinkedHashMap<>(record);
        values.remove(idField);
        values.values().removeIf(v -> v == null);
        records.put(id, Map.copyOf(values));
      }
    }
  }

  /** The record of an item, field name to text; empty when the item has none. */
  public Optional<Map<String, String>> get(String itemId) {
    return Optional.ofNullable(records.get(itemId));
  }

  static String text(Column column, int row) {
    if (column instanceof StringColumn s) {
      return s.value(row);
    }
    if (column instanceof LongColumn l) {
      return Long.toString(l.value(row));
    }
    if (column instanceof DoubleColumn d) {
      return plain(d.value(row));
    }
    return Boolean.toString(((BooleanColumn) column).value(row));
  }

  /** A finite number in plain decimal, without an exponent or trailing zeros: 9.99, 10, 0.001. */
  static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}

package io.tastemaker.core.data;

import io.tastemaker.core.schema.DatasetType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable block of imported rows of one dataset, stored column by column. A dataset's data is
 * the list of its segments; an import adds segments or replaces them all.
 */
public final class Segment {
  private final DatasetType type;
  private final int rows;
  private final Map<String, Column> columns = new LinkedHashMap<>();

  public Segment(DatasetType type, int rows, List<Column> columns) {
    this.type = Objects.requireNonNull(type, "type");
    this.rows = rows;
    for (Column c : columns) {
      if (c.size() != rows) {
        throw new IllegalArgumentException("column " + c.name() + " has " + c.size() + " rows, the segment " + rows);
      }
      if (this.columns.put(c.name(), c) != null) {
        throw new IllegalArgumentException("column " + c.name() + " appears twice");
      }
    }
  }

  public DatasetType type() {
    return type;
  }

  public int rows() {
    return rows;
  }

  public List<Column> columns() {
    return List.copyOf(columns.values());
  }

  public Optional<Column> column(String name) {
    return Optional.ofNullable(columns.get(name));
  }

  /** A string column that must exist, such as {@code USER_ID}. */
  public StringColumn strings(String name) {
    return (StringColumn) require(name);
  }

  public LongColumn longs(String name) {
    return (LongColumn) require(name);
  }

  private Column require(String name) {
    Column c = columns.get(name);
    if (c == null) {
      throw new IllegalArgumentException("the segment has no column " + name + "; it has " + columns.keySet());
    }
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Segment s && type == s.type && rows == s.rows && columns.equals(s.columns);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, rows, columns);
  }
}

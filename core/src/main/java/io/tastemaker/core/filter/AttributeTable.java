package io.tastemaker.core.filter;

import io.tastemaker.core.data.BooleanColumn;
import io.tastemaker.core.data.Column;
import io.tastemaker.core.data.DoubleColumn;
import io.tastemaker.core.data.LongColumn;
import io.tastemaker.core.data.Segment;
import io.tastemaker.core.data.StringColumn;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The attributes of the Items or Users of a dataset group, by id; the latest record of an id wins.
 *
 * <p>Immutable: {@link #withRecords} (PutItems, PutUsers) returns a new table with a higher
 * {@link #version()}, so a reader holding a table never sees a half-applied record; the server
 * swaps its reference to the newest table. To keep upserts cheap on big tables the new records
 * go into a small overlay map shared with nothing else, which is folded into the base map once it
 * grows past about the square root of the table's size (amortised O(sqrt n) per record).
 */
public final class AttributeTable {
  private static final int MIN_OVERLAY = 256;

  private final String idField;
  private final Map<String, AttributeRecord> base;
  private final Map<String, AttributeRecord> overlay;
  private final int size;
  private final long version;

  private AttributeTable(String idField, Map<String, AttributeRecord> base, Map<String, AttributeRecord> overlay, long version) {
    this.idField = idField;
    this.base = base;
    this.overlay = overlay;
    this.version = version;
    int added = 0;
    for (String id : overlay.keySet()) {
      if (!base.containsKey(id)) {
        added++;
      }
    }
    this.size = base.size() + added;
  }

  /** A table without records, version 0. */
  public static AttributeTable empty(String idField) {
    Objects.requireNonNull(idField, "idField");
    return new AttributeTable(idField, Map.of(), Map.of(), 0);
  }

  /**
   * Reads every non-id column of an Items or Users dataset's segments, version 0. Later segments'
   * records replace earlier ones with the same id, as INCREMENTAL imports do.
   *
   * @param idField {@code ITEM_ID} or {@code USER_ID}
   */
  public static AttributeTable fromSegments(List<Segment> segments, String idField) {
    Objects.requireNonNull(idField, "idField");
    Map<String, AttributeRecord> records = new HashMap<>();
    for (Segment segment : segments) {
      StringColumn ids = segment.strings(idField);
      List<Column> columns = segment.columns().stream().filter(c -> !c.name().equals(idField)).toList();
      // Splitting on | once per dictionary entry rather than once per row.
      List<List<Optional<AttributeValue>>> textByCode = columns.stream()
          .map(c -> c instanceof StringColumn s ? s.dictionary().stream().map(AttributeValue::text).toList()
              : List.<Optional<AttributeValue>>of())
          .toList();
      for (int row = 0; row < segment.rows(); row++) {
        if (ids.isNull(row)) {
          continue;
        }
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        for (int c = 0; c < columns.size(); c++) {
          Column column = columns.get(c);
          if (!column.isNull(row)) {
            value(column, row, textByCode.get(c)).ifPresent(v -> values.put(column.name(), v));
          }
        }
        String id = ids.value(row);
        records.put(id, new AttributeRecord(id, values));
      }
    }
    return new AttributeTable(idField, Map.copyOf(records), Map.of(), 0);
  }

  /** A table of these records, version 0; a later record of an id replaces an earlier one. */
  public static AttributeTable of(String idField, Collection<AttributeRecord> records) {
    Objects.requireNonNull(idField, "idField");
    Map<String, AttributeRecord> byId = new HashMap<>();
    records.forEach(r -> byId.put(r.id(), r));
    return new AttributeTable(idField, Map.copyOf(byId), Map.of(), 0);
  }

  /** Calls {@code action} with every record, one per id, in no particular order. */
  public void forEach(Consumer<AttributeRecord> action) {
    overlay.values().forEach(action);
    base.forEach((id, r) -> {
      if (!overlay.containsKey(id)) {
        action.accept(r);
      }
    });
  }

  private static Optional<AttributeValue> value(Column column, int row, List<Optional<AttributeValue>> textByCode) {
    if (column instanceof StringColumn s) {
      return textByCode.get(s.code(row));
    }
    if (column instanceof LongColumn l) {
      return Optional.of(new AttributeValue.Numeric(l.value(row)));
    }
    if (column instanceof DoubleColumn d) {
      return Optional.of(new AttributeValue.Numeric(d.value(row)));
    }
    BooleanColumn b = (BooleanColumn) column;
    return Optional.of(new AttributeValue.Text(Set.of(Boolean.toString(b.value(row)))));
  }

  /**
   * A new table with these records added or replacing the records with the same ids, in order,
   * and the version one higher; this table is unchanged.
   *
   * @param records field name to String, Number, Boolean or null, each with a string id field
   * @throws IllegalArgumentException as {@link AttributeRecord#of} does; then no record is applied
   */
  public AttributeTable withRecords(Collection<? extends Map<String, ?>> records) {
    Map<String, AttributeRecord> newOverlay = new HashMap<>(overlay);
    for (Map<String, ?> fields : records) {
      AttributeRecord r = AttributeRecord.of(idField, fields);
      newOverlay.put(r.id(), r);
    }
    int limit = Math.max(MIN_OVERLAY, (int) Math.sqrt(base.size()));
    if (newOverlay.size() <= limit) {
      return new AttributeTable(idField, base, Map.copyOf(newOverlay), version + 1);
    }
    Map<String, AttributeRecord> merged = new HashMap<>(base);
    merged.putAll(newOverlay);
    return new AttributeTable(idField, Map.copyOf(merged), Map.of(), version + 1);
  }

  /** The record of an id, empty when it has none. */
  public Optional<AttributeRecord> get(String id) {
    AttributeRecord r = overlay.get(id);
    return Optional.ofNullable(r != null ? r : base.get(id));
  }

  /** The number of ids with a record. */
  public int size() {
    return size;
  }

  /** 0 for a new table, one more with each {@link #withRecords}. */
  public long version() {
    return version;
  }

  /** {@code ITEM_ID} or {@code USER_ID}. */
  public String idField() {
    return idField;
  }

  @Override
  public String toString() {
    return "AttributeTable[" + idField + ", " + size + " records, version " + version + "]";
  }
}

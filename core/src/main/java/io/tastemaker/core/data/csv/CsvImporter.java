package io.tastemaker.core.data.csv;

import io.tastemaker.core.data.Column;
import io.tastemaker.core.data.Segment;
import io.tastemaker.core.schema.DatasetSchema;
import io.tastemaker.core.schema.DatasetType;
import io.tastemaker.core.schema.SchemaField;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns Personalize CSV files into {@link Segment}s of a dataset, checking every value against the
 * schema. Columns map by header name (exactly, else ignoring case); schema fields that may be null
 * can be left out of the file, and columns the schema does not name are ignored. Rows and values
 * that cannot be taken as written are left out or read as null and counted in an
 * {@link ImportReport}, as Personalize's import of such a file still ends ACTIVE.
 *
 * <p>Messages name the file, line, column and expected type. They quote a column name or a value
 * (short, escaped) only once the first line is recognised as a header of this schema (it names every
 * required field), so that a file that is no CSV of this dataset, such as a system file, never has
 * its contents shown in {@code failureReason}.
 */
public final class CsvImporter {
  /** Rows per segment: bounds the memory an import holds, whatever the file size. */
  public static final int DEFAULT_SEGMENT_ROWS = 1 << 22;

  private final DatasetSchema schema;
  private final DatasetType type;
  private final int segmentRows;

  public CsvImporter(DatasetSchema schema, DatasetType type) {
    this(schema, type, DEFAULT_SEGMENT_ROWS);
  }

  public CsvImporter(DatasetSchema schema, DatasetType type, int segmentRows) {
    this.schema = Objects.requireNonNull(schema, "schema");
    this.type = Objects.requireNonNull(type, "type");
    if (segmentRows < 1) {
      throw new IllegalArgumentException("segmentRows must be positive, got " + segmentRows);
    }
    this.segmentRows = segmentRows;
  }

  /** Receives segments as an import fills them. */
  @FunctionalInterface
  public interface SegmentSink {
    void accept(Segment segment) throws IOException;
  }

  /**
   * Reads one CSV file.
   *
   * @param source the file's name in messages, such as {@code s3://bucket/users.csv}
   * @return the number of rows imported
   * @throws ImportException naming the file, line and column of what makes the whole file unusable
   */
  public long importFile(String source, InputStream in, SegmentSink sink) throws IOException, ImportException {
    return importFile(source, in, sink, new ImportReport());
  }

  /**
   * Reads one CSV file, taking what Personalize takes: a row whose id (or, in Interactions, whose
   * timestamp) is empty or unreadable is left out; any other value that is empty where the schema
   * does not allow null, or that does not read as its type, is imported as null; columns the schema
   * does not name (a pandas index, trailing commas) are ignored; a row short of values reads the
   * missing ones as empty; a row with more values than the header is left out. Each of these is
   * counted in {@code report} with the first places.
   *
   * @param source the file's name in messages, such as {@code s3://bucket/users.csv}
   * @param report receives what was left out, read as null or converted
   * @return the number of rows imported
   * @throws ImportException naming the file, line and column of what makes the whole file unusable:
   *     no header of this schema, a missing column the schema requires, a column named twice, a
   *     quoted field never closed, or a value over a documented length limit
   */
  public long importFile(String source, InputStream in, SegmentSink sink, ImportReport report) throws IOException, ImportException {
    CsvParser parser = new CsvParser(in);
    try {
      if (!readHeader(parser, source)) {
        throw new ImportException(source + " is empty; it needs a header row naming the columns " + fieldNames());
      }
      int[] fieldToColumn = mapHeader(parser, source, report);
      List<FieldReader> readers = new ArrayList<>();
      boolean[] keysRow = new boolean[schema.fields().size()];
      for (int f = 0; f < keysRow.length; f++) {
        SchemaField field = schema.fields().get(f);
        readers.add(FieldReader.of(field, type));
        keysRow[f] = rowKeys().contains(field.name());
      }
      int columns = parser.fieldCount();
      String[] nulled = new String[keysRow.length];
      long total = 0;
      int rows = 0;
      while (parser.next()) {
        if (parser.fieldCount() > columns && !emptyFrom(parser, columns)) {
          report.dropped(source, parser.line(), "the row has more values than the header has columns (an unquoted comma?)");
          continue;
        }
        Optional<String> drop = Optional.empty();
        for (int f = 0; f < fieldToColumn.length; f++) {
          Optional<String> problem = readers.get(f).stage(parser, fieldToColumn[f], source, report);
          nulled[f] = null;
          if (problem.isPresent()) {
            if (keysRow[f]) {
              drop = drop.or(() -> problem);
            } else {
              nulled[f] = problem.get();
            }
          }
        }
        if (drop.isPresent()) {
          report.dropped(source, parser.line(), drop.get());
          continue;
        }
        if (parser.fieldCount() < columns) {
          report.padded(source, parser.line(), "the row has fewer values than the header has columns");
        }
        for (int f = 0; f < fieldToColumn.length; f++) {
          if (nulled[f] == null) {
            readers.get(f).commit();
          } else {
            readers.get(f).commitNull();
            report.nulled(source, parser.line(), nulled[f]);
          }
        }
        rows++;
        total++;
        if (rows == segmentRows) {
          sink.accept(finish(readers, rows));
          rows = 0;
        }
      }
      if (rows > 0) {
        sink.accept(finish(readers, rows));
      }
      return total;
    } catch (CsvFormatException e) {
      throw new ImportException(source + " line " + e.line() + ", value " + e.field() + ": " + e.getMessage());
    }
  }

  /** The fields without which a row means nothing: its id, and an interaction's user, item and time. */
  private Set<String> rowKeys() {
    return switch (type) {
      case INTERACTIONS -> Set.of("USER_ID", "ITEM_ID", "TIMESTAMP");
      case ITEMS -> Set.of("ITEM_ID");
      case USERS -> Set.of("USER_ID");
      case ACTIONS -> Set.of("ACTION_ID");
      case ACTION_INTERACTIONS -> Set.of("USER_ID", "ACTION_ID", "TIMESTAMP", "EVENT_TYPE");
    };
  }

  /** Whether every value from {@code from} on is empty: trailing commas, not data. */
  private static boolean emptyFrom(CsvParser parser, int from) {
    for (int i = from; i < parser.fieldCount(); i++) {
      if (!parser.isEmpty(i)) {
        return false;
      }
    }
    return true;
  }

  private Segment finish(List<FieldReader> readers, int rows) {
    List<Column> columns = new ArrayList<>(readers.size());
    for (FieldReader reader : readers) {
      columns.add(reader.finish());
    }
    return new Segment(type, rows, columns);
  }

  /** Reads the first record; false when there is none. A first line that is no CSV at all says so without quoting it. */
  private boolean readHeader(CsvParser parser, String source) throws IOException, ImportException {
    try {
      return parser.next();
    } catch (CsvFormatException e) {
      throw new ImportException(source + ": the first line is not a CSV header of this dataset's schema (" + e.getMessage()
          + "); it must name the columns " + fieldNames());
    }
  }

  /**
   * For each schema field, its column in the file, or -1 when the file leaves it out. Until the
   * header is known to name every required field, nothing of it is quoted.
   */
  private int[] mapHeader(CsvParser header, String source, ImportReport report) throws ImportException {
    int columns = header.fieldCount();
    List<SchemaField> columnFields = new ArrayList<>(columns);
    int unknown = 0;
    for (int i = 0; i < columns; i++) {
      Optional<SchemaField> field = fieldNamed(header.string(i).strip());
      columnFields.add(field.orElse(null));
      unknown += field.isEmpty() ? 1 : 0;
    }
    Map<String, Integer> byName = new HashMap<>();
    for (int i = 0; i < columns; i++) {
      SchemaField field = columnFields.get(i);
      if (field != null && byName.put(field.name(), i) != null) {
        throw new ImportException(source + " line " + header.line() + ": the column " + field.name() + " appears twice in the header");
      }
    }
    List<String> missing = new ArrayList<>();
    int[] fieldToColumn = new int[schema.fields().size()];
    for (int f = 0; f < fieldToColumn.length; f++) {
      SchemaField field = schema.fields().get(f);
      fieldToColumn[f] = byName.getOrDefault(field.name(), -1);
      if (fieldToColumn[f] < 0 && !field.nullable()) {
        missing.add(field.name());
      }
    }
    if (!missing.isEmpty() && unknown > 0) {
      throw new ImportException(
          source + ": the first line is not a CSV header of this dataset's schema: " + unknown + " of its " + columns
              + (columns == 1 ? " column is" : " columns are") + " not fields of the schema, and it lacks the columns [" + String.join(", ", missing)
              + "]. The first line must name the columns, from " + fieldNames());
    }
    if (!missing.isEmpty()) {
      throw new ImportException(source + ": Input CSV is missing the following columns:[" + String.join(", ", missing) + "]");
    }
    // Personalize imports the columns its schema names; others, such as the index pandas writes first, are left out.
    for (int i = 0; i < columns; i++) {
      if (columnFields.get(i) == null) {
        report.ignoredColumn(source, FieldReader.shown(header.string(i).strip()));
      }
    }
    return fieldToColumn;
  }

  /** The schema field a header column names: by exact name, else ignoring case. */
  private Optional<SchemaField> fieldNamed(String name) {
    return schema.fields().stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .or(() -> schema.fields().stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst());
  }

  private String fieldNames() {
    return schema.fields().stream().map(SchemaField::name).toList().toString();
  }

}

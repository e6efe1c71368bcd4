package io.tastemaker.core.data.csv;

import io.tastemaker.core.data.BooleanColumn;
import io.tastemaker.core.data.Column;
import io.tastemaker.core.data.DoubleColumn;
import io.tastemaker.core.data.LongColumn;
import io.tastemaker.core.data.StringColumn;
import io.tastemaker.core.schema.DatasetType;
import io.tastemaker.core.schema.FieldType;
import io.tastemaker.core.schema.SchemaField;

/** Reads one schema field from CSV fields into a column, checking each value as Personalize does. */
abstract class FieldReader {
  /** USER_ID and ITEM_ID, and any value of a categorical field's {@code |}-separated list. */
  static final int MAX_ID_LENGTH = 256;
  static final int MAX_CATEGORICAL_LENGTH = 1000;
  static final int MAX_TEXT_LENGTH = 20_000;
  /** Timestamps are epoch seconds; a larger value is almost surely milliseconds. */
  static final long MAX_EPOCH_SECONDS = 100_000_000_000L;

  final SchemaField field;

  FieldReader(SchemaField field) {
    this.field = field;
  }

  /** Reads the value of a record's field, null when empty. */
  final void read(CsvParser p, int index, String source) throws ImportException {
    if (p.isEmpty(index)) {
      if (!field.nullable()) {
        throw ImportException.at(source, p.line(), field.name(), "a value is required; the schema does not allow null here");
      }
      appendNull();
    } else {
      readValue(p, index, source);
    }
  }

  abstract void readValue(CsvParser p, int index, String source) throws ImportException;

  abstract void appendNull();

  /** The column read so far; the reader starts a new one. */
  abstract Column finish();

  static FieldReader of(SchemaField field, DatasetType type) {
    String name = field.name();
    FieldType t = field.type();
    return switch (t) {
      case STRING -> {
        if (name.equals("USER_ID") || name.equals("ITEM_ID")) {
          yield new Strings(field, MAX_ID_LENGTH, false);
        }
        if (field.categorical() || name.equals("IMPRESSION")) {
          yield new Strings(field, MAX_CATEGORICAL_LENGTH, true);
        }
        yield new Strings(field, MAX_TEXT_LENGTH, false);
      }
      case INT -> new Longs(field, Integer.MIN_VALUE, Integer.MAX_VALUE, "a whole number (int)");
      case LONG ->
          name.equals("TIMESTAMP") || (type == DatasetType.ITEMS && name.equals("CREATION_TIMESTAMP"))
              ? new Longs(field, 0, MAX_EPOCH_SECONDS - 1, "a whole number of seconds since 1970-01-01 (epoch seconds)")
              : new Longs(field, Long.MIN_VALUE, Long.MAX_VALUE, "a whole number (long)");
      case FLOAT, DOUBLE -> new Doubles(field);
      case BOOLEAN -> new Booleans(field);
    };
  }

  /** Longest part of a value a message quotes, in code points. */
  static final int SHOWN_LENGTH = 60;

  /**
   * A value for a message: quoted, cut after {@link #SHOWN_LENGTH} code points, control and other
   * invisible characters written as escapes ({@code \n}, {@code \u0000}). Only values of a file whose
   * header was recognised are ever shown, so a message never quotes some other file's contents.
   */
  static String shown(String value) {
    StringBuilder out = new StringBuilder("'");
    int count = 0;
    for (int i = 0; i < value.length(); ) {
      if (count == SHOWN_LENGTH) {
        out.append("...");
        break;
      }
      int c = value.codePointAt(i);
      i += Character.charCount(c);
      count++;
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\\' -> out.append("\\\\");
        default -> {
          if (printable(c)) {
            out.appendCodePoint(c);
          } else {
            out.append(String.format("\\u%04X", c));
          }
        }
      }
    }
    return out.append('\'').toString();
  }

  private static boolean printable(int c) {
    int type = Character.getType(c);
    return !Character.isISOControl(c)
        && type != Character.FORMAT
        && type != Character.UNASSIGNED
        && type != Character.SURROGATE
        && type != Character.PRIVATE_USE
        && type != Character.LINE_SEPARATOR
        && type != Character.PARAGRAPH_SEPARATOR;
  }

  /** Strings, dictionary-encoded; lengths are checked per value, or per {@code |}-separated part. */
  static final class Strings extends FieldReader {
    private final int maxLength;
    private final boolean multiValued;
    private StringColumn.Builder builder;

    Strings(SchemaField field, int maxLength, boolean multiValued) {
      super(field);
      this.maxLength = maxLength;
      this.multiValued = multiValued;
      this.builder = new StringColumn.Builder(field.name());
    }

    @Override
    void readValue(CsvParser p, int index, String source) throws ImportException {
      String value = p.string(index);
      if (p.byteLength(index) > maxLength) {
        check(value, p.line(), source);
      }
      builder.append(value);
    }

    private void check(String value, long line, String source) throws ImportException {
      if (!multiValued) {
        int length = value.codePointCount(0, value.length());
        if (length > maxLength) {
          throw ImportException.at(source, line, field.name(), "the value is " + length + " characters long; at most " + maxLength + " are allowed");
        }
        return;
      }
      for (String part : value.split("\\|", -1)) {
        int length = part.codePointCount(0, part.length());
        if (length > maxLength) {
          throw ImportException.at(source, line, field.name(), "the value " + shown(part) + " is " + length + " characters long; at most " + maxLength + " are allowed");
        }
      }
    }

    @Override
    void appendNull() {
      builder.appendNull();
    }

    @Override
    Column finish() {
      Column c = builder.build();
      builder = new StringColumn.Builder(field.name());
      return c;
    }
  }

  /** Whole numbers within a range. */
  static final class Longs extends FieldReader {
    private final long min;
    private final long max;
    private final String expected;
    private LongColumn.Builder builder;

    Longs(SchemaField field, long min, long max, String expected) {
      super(field);
      this.min = min;
      this.max = max;
      this.expected = expected;
      this.builder = new LongColumn.Builder(field.name());
    }

    @Override
    void readValue(CsvParser p, int index, String source) throws ImportException {
      long value;
      try {
        value = p.parseLong(index);
      } catch (NumberFormatException e) {
        throw ImportException.at(source, p.line(), field.name(), "expected " + expected + ", got " + shown(p.string(index)));
      }
      if (value < min || value > max) {
        throw ImportException.at(source, p.line(), field.name(), "expected " + expected + " in [" + min + ", " + max + "], got " + value);
      }
      builder.append(value);
    }

    @Override
    void appendNull() {
      builder.appendNull();
    }

    @Override
    Column finish() {
      Column c = builder.build();
      builder = new LongColumn.Builder(field.name());
      return c;
    }
  }

  /** Finite decimal numbers. */
  static final class Doubles extends FieldReader {
    private DoubleColumn.Builder builder;

    Doubles(SchemaField field) {
      super(field);
      this.builder = new DoubleColumn.Builder(field.name());
    }

    @Override
    void readValue(CsvParser p, int index, String source) throws ImportException {
      String text = p.string(index);
      double value;
      try {
        value = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw ImportException.at(source, p.line(), field.name(), "expected a number (" + field.type().avroName() + "), got " + shown(text));
      }
      if (!Double.isFinite(value) || text.strip().length() != text.length()) {
        throw ImportException.at(source, p.line(), field.name(), "expected a finite number (" + field.type().avroName() + "), got " + shown(text));
      }
      builder.append(value);
    }

    @Override
    void appendNull() {
      builder.appendNull();
    }

    @Override
    Column finish() {
      Column c = builder.build();
      builder = new DoubleColumn.Builder(field.name());
      return c;
    }
  }

  /** Lower-case {@code true} and {@code false}, as Personalize requires. */
  static final class Booleans extends FieldReader {
    private BooleanColumn.Builder builder;

    Booleans(SchemaField field) {
      super(field);
      this.builder = new BooleanColumn.Builder(field.name());
    }

    @Override
    void readValue(CsvParser p, int index, String source) throws ImportException {
      String text = p.string(index);
      switch (text) {
        case "true" -> builder.append(true);
        case "false" -> builder.append(false);
        default -> throw ImportException.at(source, p.line(), field.name(), "expected true or false (lower case), got " + shown(text));
      }
    }

    @Override
    void appendNull() {
      builder.appendNull();
    }

    @Override
    Column finish() {
      Column c = builder.build();
      builder = new BooleanColumn.Builder(field.name());
      return c;
    }
  }
}

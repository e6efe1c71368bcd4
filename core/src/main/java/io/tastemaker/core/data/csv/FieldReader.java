package io.tastemaker.core.data.csv;

import io.tastemaker.core.data.BooleanColumn;
import io.tastemaker.core.data.Column;
import io.tastemaker.core.data.DoubleColumn;
import io.tastemaker.core.data.LongColumn;
import io.tastemaker.core.data.StringColumn;
import io.tastemaker.core.schema.DatasetType;
import io.tastemaker.core.schema.FieldType;
import io.tastemaker.core.schema.SchemaField;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Reads one schema field from CSV fields into a column, checking each value as Personalize does.
 *
 * <p>Reading a record is two steps, so that a record can be left out whole: {@link #stage} parses
 * the record's value and says what is wrong with it, if anything; then {@link #commit} appends it,
 * or {@link #commitNull} appends null instead. Values that break a documented Personalize limit
 * (an id over 256 characters, a categorical value over 1,000) fail the import, as they fail
 * Personalize's.
 */
abstract class FieldReader {
  /** USER_ID and ITEM_ID, and any value of a categorical field's {@code |}-separated list. */
  static final int MAX_ID_LENGTH = 256;
  static final int MAX_CATEGORICAL_LENGTH = 1000;
  static final int MAX_TEXT_LENGTH = 20_000;
  /** Timestamps are epoch seconds; a larger value is almost surely milliseconds. */
  static final long MAX_EPOCH_SECONDS = 100_000_000_000L;
  /** Numbers longer than this are no numbers a column holds; the limit also keeps parsing cheap. */
  private static final int MAX_NUMBER_CHARS = 40;

  final SchemaField field;
  private boolean stagedNull;

  FieldReader(SchemaField field) {
    this.field = field;
  }

  /**
   * Parses the value of a record's field, ready to {@link #commit}.
   *
   * @param index the field's place in the record, or -1 when the record is too short to have it
   * @return empty when the value is usable (null when empty and the schema allows null); otherwise
   *     why not, without the value, so that reasons can be counted together
   * @throws ImportException for a value over a documented Personalize length limit
   */
  final Optional<String> stage(CsvParser p, int index, String source, ImportReport report) throws ImportException {
    stagedNull = index < 0 || index >= p.fieldCount() || p.isEmpty(index);
    if (stagedNull) {
      return field.nullable() ? Optional.empty() : Optional.of(field.name() + " is empty, and the schema does not allow null there");
    }
    return stageValue(p, index, source, report);
  }

  abstract Optional<String> stageValue(CsvParser p, int index, String source, ImportReport report) throws ImportException;

  /** Appends the staged value. */
  final void commit() {
    if (stagedNull) {
      appendNull();
    } else {
      appendStaged();
    }
  }

  /** Appends null in place of the staged value. */
  final void commitNull() {
    appendNull();
  }

  abstract void appendStaged();

  abstract void appendNull();

  /** The column read so far; the reader starts a new one. */
  abstract Column finish();

  static FieldReader of(SchemaField field, DatasetType type) {
    String name = field.name();
    FieldType t = field.type();
    return switch (t) {
      case STRING -> {
        if (name.equals("USER_ID") || name.equals("ITEM_ID") || name.equals("ACTION_ID")) {
          yield new Strings(field, MAX_ID_LENGTH, false);
        }
        if (field.categorical() || name.equals("IMPRESSION")) {
          yield new Strings(field, MAX_CATEGORICAL_LENGTH, true);
        }
        yield new Strings(field, MAX_TEXT_LENGTH, false);
      }
      case INT -> new Longs(field, Integer.MIN_VALUE, Integer.MAX_VALUE, "a whole number (int)", false);
      case LONG ->
          name.equals("TIMESTAMP")
                  || ((type == DatasetType.ITEMS || type == DatasetType.ACTIONS) && name.equals("CREATION_TIMESTAMP"))
                  || (type == DatasetType.ACTIONS && name.equals("EXPIRATION_TIMESTAMP"))
              ? new Longs(field, 0, MAX_EPOCH_SECONDS - 1, "a whole number of seconds since 1970-01-01 (epoch seconds)", true)
              : new Longs(field, Long.MIN_VALUE, Long.MAX_VALUE, "a whole number (long)", false);
      case FLOAT, DOUBLE -> new Doubles(field);
      case BOOLEAN -> new Booleans(field);
    };
  }

  /**
   * A decimal written the way people and libraries write numbers: blanks around it, a sign, a
   * fraction, an exponent ({@code 12.0} is how pandas writes a whole number in a column with
   * gaps). Empty when the text is no such number or too long to be one.
   */
  /** Whether stripped text has only the characters of a decimal number (no NaN, Infinity, hex or suffixes). */
  static boolean plainNumber(String t) {
    if (t.isEmpty() || t.length() > MAX_NUMBER_CHARS) {
      return false;
    }
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
        return false;
      }
    }
    return true;
  }

  static Optional<BigDecimal> decimal(String text) {
    String t = text.strip();
    if (!plainNumber(t)) {
      return Optional.empty();
    }
    try {
      BigDecimal value = new BigDecimal(t);
      // An exponent this far out is no value a column holds, and would be slow to scale.
      return Math.abs(value.scale()) > MAX_NUMBER_CHARS ? Optional.empty() : Optional.of(value);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
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

    private String staged;

    @Override
    Optional<String> stageValue(CsvParser p, int index, String source, ImportReport report) throws ImportException {
      String value = p.string(index);
      if (p.byteLength(index) > maxLength) {
        check(value, p.line(), source);
      }
      staged = value;
      return Optional.empty();
    }

    @Override
    void appendStaged() {
      builder.append(staged);
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

  /**
   * Whole numbers within a range. Timestamps take fractional seconds (kept whole, as PutEvents'
   * sentAt is) and milliseconds, which are read as seconds and counted as converted.
   */
  static final class Longs extends FieldReader {
    private final long min;
    private final long max;
    private final String expected;
    private final boolean timestamp;
    private LongColumn.Builder builder;
    private long staged;

    Longs(SchemaField field, long min, long max, String expected, boolean timestamp) {
      super(field);
      this.min = min;
      this.max = max;
      this.expected = expected;
      this.timestamp = timestamp;
      this.builder = new LongColumn.Builder(field.name());
    }

    @Override
    Optional<String> stageValue(CsvParser p, int index, String source, ImportReport report) {
      long value;
      try {
        value = p.parseLong(index);
      } catch (NumberFormatException e) {
        Optional<BigDecimal> decimal = decimal(p.string(index));
        if (decimal.isEmpty() || (!timestamp && decimal.get().stripTrailingZeros().scale() > 0)) {
          return Optional.of(field.name() + ": expected " + expected);
        }
        BigDecimal whole = decimal.get().setScale(0, RoundingMode.FLOOR);
        if (whole.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0 || whole.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
          return Optional.of(field.name() + ": expected " + expected + " in [" + min + ", " + max + "]");
        }
        value = whole.longValueExact();
      }
      if (timestamp && value > max && value / 1000 <= max) {
        report.converted(source, p.line(), field.name() + ": milliseconds read as seconds (Personalize takes epoch seconds)");
        value = Math.floorDiv(value, 1000);
      }
      if (value < min || value > max) {
        return Optional.of(field.name() + ": expected " + expected + " in [" + min + ", " + max + "]");
      }
      staged = value;
      return Optional.empty();
    }

    @Override
    void appendStaged() {
      builder.append(staged);
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

    private double staged;

    @Override
    Optional<String> stageValue(CsvParser p, int index, String source, ImportReport report) {
      String text = p.string(index).strip();
      double value;
      try {
        value = plainNumber(text) ? Double.parseDouble(text) : Double.NaN;
      } catch (NumberFormatException e) {
        value = Double.NaN;
      }
      if (!Double.isFinite(value) || (field.type() == FieldType.FLOAT && !Float.isFinite((float) value))) {
        return Optional.of(field.name() + ": expected a finite number (" + field.type().avroName() + ")");
      }
      staged = value;
      return Optional.empty();
    }

    @Override
    void appendStaged() {
      builder.append(staged);
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

  /** {@code true} and {@code false}, in any case (Personalize documents lower case; pandas writes True). */
  static final class Booleans extends FieldReader {
    private BooleanColumn.Builder builder;
    private boolean staged;

    Booleans(SchemaField field) {
      super(field);
      this.builder = new BooleanColumn.Builder(field.name());
    }

    @Override
    Optional<String> stageValue(CsvParser p, int index, String source, ImportReport report) {
      String text = p.string(index).strip();
      if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
        staged = text.equalsIgnoreCase("true");
        return Optional.empty();
      }
      return Optional.of(field.name() + ": expected true or false");
    }

    @Override
    void appendStaged() {
      builder.append(staged);
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

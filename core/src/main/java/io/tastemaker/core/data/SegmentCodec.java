package io.tastemaker.core.data;

import io.tastemaker.core.io.BinaryReader;
import io.tastemaker.core.io.BinaryWriter;
import io.tastemaker.core.io.FormatException;
import io.tastemaker.core.schema.DatasetType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The file format of a {@link Segment}: columns one after another, string columns as a dictionary
 * and int codes, numbers as flat arrays, so that loading for training is a few bulk reads.
 */
public final class SegmentCodec {
  static final String FORMAT = "segment";
  static final int VERSION = 1;

  private static final byte STRING = 1;
  private static final byte LONG = 2;
  private static final byte DOUBLE = 3;
  private static final byte BOOLEAN = 4;

  private SegmentCodec() {}

  public static void write(Segment segment, OutputStream target) throws IOException {
    try (BinaryWriter out = new BinaryWriter(target, FORMAT, VERSION)) {
      out.writeString(segment.type().name());
      out.writeInt(segment.rows());
      out.writeInt(segment.columns().size());
      for (Column column : segment.columns()) {
        out.writeString(column.name());
        if (column instanceof StringColumn c) {
          out.writeByte(STRING);
          out.writeInt(c.dictionary().size());
          for (String value : c.dictionary()) {
            out.writeString(value);
          }
          out.writeInts(c.codes());
        } else if (column instanceof LongColumn c) {
          out.writeByte(LONG);
          out.writeLongs(c.nulls().toLongArray());
          out.writeLongs(c.values());
        } else if (column instanceof DoubleColumn c) {
          out.writeByte(DOUBLE);
          out.writeLongs(c.nulls().toLongArray());
          out.writeDoubles(c.values());
        } else {
          out.writeByte(BOOLEAN);
          out.writeBytes(((BooleanColumn) column).raw());
        }
      }
      out.finish();
    }
  }

  public static Segment read(InputStream in, String source) throws IOException {
    BinaryReader reader = BinaryReader.open(in, source, FORMAT, VERSION, VERSION);
    try {
      return decode(reader, source);
    } catch (FormatException e) {
      throw e;
    } catch (RuntimeException e) {
      // The checksum held, so the bytes are as written, but they do not make a segment.
      throw new FormatException(FormatException.Problem.CORRUPT, source + " does not hold a valid segment: " + e.getMessage());
    }
  }

  private static Segment decode(BinaryReader reader, String source) {
    DatasetType type;
    try {
      type = DatasetType.valueOf(reader.readString());
    } catch (IllegalArgumentException e) {
      throw new FormatException(FormatException.Problem.CORRUPT, source + " names an unknown dataset type");
    }
    int rows = reader.readInt();
    int count = reader.readInt();
    List<Column> columns = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String name = reader.readString();
      byte kind = reader.readByte();
      columns.add(
          switch (kind) {
            case STRING -> {
              int size = reader.readInt();
              List<String> dictionary = new ArrayList<>(size);
              for (int j = 0; j < size; j++) {
                dictionary.add(reader.readString());
              }
              yield new StringColumn(name, reader.readInts(), dictionary);
            }
            case LONG -> {
              BitSet nulls = BitSet.valueOf(reader.readLongs());
              yield new LongColumn(name, reader.readLongs(), nulls);
            }
            case DOUBLE -> {
              BitSet nulls = BitSet.valueOf(reader.readLongs());
              yield new DoubleColumn(name, reader.readDoubles(), nulls);
            }
            case BOOLEAN -> new BooleanColumn(name, reader.readBytes());
            default -> throw new FormatException(FormatException.Problem.CORRUPT, source + " has a column of unknown kind " + kind);
          });
    }
    reader.expectEnd();
    try {
      return new Segment(type, rows, columns);
    } catch (IllegalArgumentException e) {
      throw new FormatException(FormatException.Problem.CORRUPT, source + " is inconsistent: " + e.getMessage());
    }
  }
}

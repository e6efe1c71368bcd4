package io.tastemaker.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Reads a file written by {@link BinaryWriter}: checks the checksum and the header first, with
 * distinct errors for a corrupt file and for a version too old or too new.
 */
public final class BinaryReader {
  private final ByteBuffer buffer;
  private final int version;
  private final String source;

  private BinaryReader(ByteBuffer buffer, int version, String source) {
    this.buffer = buffer;
    this.version = version;
    this.source = source;
  }

  /**
   * Opens a whole file.
   *
   * @param source a name for messages, such as the object key
   * @param format the expected format name
   * @param oldest the oldest version this code reads
   * @param newest the newest version this code reads
   */
  public static BinaryReader open(InputStream in, String source, String format, int oldest, int newest) throws IOException {
    byte[] bytes = in.readAllBytes();
    if (bytes.length < 16) {
      throw new FormatException(FormatException.Problem.CORRUPT, source + " is not a Tastemaker " + format + " file: only " + bytes.length + " bytes");
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - Long.BYTES);
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    long stored = buffer.getLong(bytes.length - Long.BYTES);
    if (buffer.getInt(0) != BinaryWriter.MAGIC) {
      throw new FormatException(FormatException.Problem.CORRUPT, source + " is not a Tastemaker file (bad magic number)");
    }
    if (stored != crc.getValue()) {
      throw new FormatException(FormatException.Problem.CORRUPT, source + " is corrupt: its checksum does not match its content");
    }
    buffer.limit(bytes.length - Long.BYTES);
    buffer.position(Integer.BYTES);
    BinaryReader reader = new BinaryReader(buffer, 0, source);
    String actual = reader.readString();
    if (!actual.equals(format)) {
      throw new FormatException(FormatException.Problem.CORRUPT, source + " is a " + actual + " file, expected " + format);
    }
    int version = buffer.getInt();
    if (version < oldest) {
      throw new FormatException(FormatException.Problem.TOO_OLD, source + " has " + format + " version " + version + ", older than the oldest this Tastemaker reads (" + oldest + ")");
    }
    if (version > newest) {
      throw new FormatException(FormatException.Problem.TOO_NEW, source + " has " + format + " version " + version + ", newer than this Tastemaker reads (" + newest + "); upgrade Tastemaker");
    }
    return new BinaryReader(buffer, version, source);
  }

  public int version() {
    return version;
  }

  public int readInt() {
    return guard(() -> buffer.getInt());
  }

  public long readLong() {
    return guard(() -> buffer.getLong());
  }

  public double readDouble() {
    return guard(() -> buffer.getDouble());
  }

  public byte readByte() {
    return guard(() -> buffer.get());
  }

  public String readString() {
    int length = readLength(1);
    byte[] bytes = new byte[length];
    guard(() -> buffer.get(bytes));
    return new String(bytes, StandardCharsets.UTF_8);
  }

  public byte[] readBytes() {
    byte[] values = new byte[readLength(1)];
    guard(() -> buffer.get(values));
    return values;
  }

  public int[] readInts() {
    int[] values = new int[readLength(Integer.BYTES)];
    guard(() -> {
      buffer.asIntBuffer().get(values);
      return buffer.position(buffer.position() + values.length * Integer.BYTES);
    });
    return values;
  }

  public long[] readLongs() {
    long[] values = new long[readLength(Long.BYTES)];
    guard(() -> {
      buffer.asLongBuffer().get(values);
      return buffer.position(buffer.position() + values.length * Long.BYTES);
    });
    return values;
  }

  public float[] readFloats() {
    float[] values = new float[readLength(Float.BYTES)];
    guard(() -> {
      buffer.asFloatBuffer().get(values);
      return buffer.position(buffer.position() + values.length * Float.BYTES);
    });
    return values;
  }

  public double[] readDoubles() {
    double[] values = new double[readLength(Double.BYTES)];
    guard(() -> {
      buffer.asDoubleBuffer().get(values);
      return buffer.position(buffer.position() + values.length * Double.BYTES);
    });
    return values;
  }

  /** Fails unless everything was read: trailing bytes mean the reader and the writer disagree. */
  public void expectEnd() {
    if (buffer.hasRemaining()) {
      throw new FormatException(FormatException.Problem.CORRUPT, source + " has " + buffer.remaining() + " unexpected bytes at the end");
    }
  }

  private int readLength(int elementBytes) {
    int length = readInt();
    if (length < 0 || (long) length * elementBytes > buffer.remaining()) {
      throw new FormatException(FormatException.Problem.CORRUPT, source + " is corrupt: a length of " + length + " runs past the end");
    }
    return length;
  }

  private <T> T guard(java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (BufferUnderflowException e) {
      throw new FormatException(FormatException.Problem.CORRUPT, source + " is truncated");
    }
  }
}

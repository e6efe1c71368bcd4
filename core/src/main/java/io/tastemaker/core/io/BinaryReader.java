package io.tastemaker.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Reads a file written by {@link BinaryWriter}: checks the checksum and the header first, with
 * distinct errors for a corrupt file and for a version too old or too new.
 */
public final class BinaryReader {
  /** Magic, an empty format name, version and checksum: no file is shorter. */
  private static final int MINIMUM_BYTES = 16;

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
    if (bytes.length < MINIMUM_BYTES) {
      throw tooShort(source, format, bytes.length);
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

  /**
   * Checks a whole file as it streams past, without decoding it: its header (magic, format name,
   * version) and its checksum footer. For copying and auditing files of any format and size.
   *
   * @return the file's format, version and length
   */
  public static Header check(InputStream in, String source) throws IOException {
    StreamingCheck check = new StreamingCheck();
    byte[] buffer = new byte[1 << 16];
    for (int n = in.readNBytes(buffer, 0, buffer.length); n > 0; n = in.readNBytes(buffer, 0, buffer.length)) {
      check.update(buffer, n);
    }
    return check.finish(source);
  }

  /** What a file's header says, and how long the file is. */
  public record Header(String format, int version, long bytes) {}

  /** A file's checksum computed over all but its last eight bytes, which hold the stored checksum. */
  private static final class StreamingCheck {
    private static final int HEAD_BYTES = 512;
    private final CRC32 crc = new CRC32();
    private final ByteBuffer head = ByteBuffer.allocate(HEAD_BYTES);
    private byte[] tail = new byte[0];
    private long length;

    void update(byte[] buffer, int n) {
      head.put(buffer, 0, Math.min(n, head.remaining()));
      length += n;
      byte[] pending = new byte[tail.length + n];
      System.arraycopy(tail, 0, pending, 0, tail.length);
      System.arraycopy(buffer, 0, pending, tail.length, n);
      int checked = Math.max(0, pending.length - Long.BYTES);
      crc.update(pending, 0, checked);
      tail = Arrays.copyOfRange(pending, checked, pending.length);
    }

    Header finish(String source) {
      if (length < MINIMUM_BYTES) {
        throw tooShort(source, "Tastemaker", length);
      }
      ByteBuffer header = ByteBuffer.wrap(head.array(), 0, head.position());
      if (header.getInt() != BinaryWriter.MAGIC) {
        throw new FormatException(FormatException.Problem.CORRUPT, source + " is not a Tastemaker file (bad magic number)");
      }
      if (ByteBuffer.wrap(tail).getLong() != crc.getValue()) {
        throw new FormatException(FormatException.Problem.CORRUPT, source + " is corrupt: its checksum does not match its content");
      }
      int nameLength = header.getInt();
      if (nameLength < 0 || nameLength > header.remaining() - Integer.BYTES) {
        throw new FormatException(FormatException.Problem.CORRUPT, source + " is corrupt: its header names no format");
      }
      byte[] name = new byte[nameLength];
      header.get(name);
      return new Header(new String(name, StandardCharsets.UTF_8), header.getInt(), length);
    }
  }

  private static FormatException tooShort(String source, String format, long length) {
    return new FormatException(
        FormatException.Problem.CORRUPT,
        length == 0 ? source + " is empty (0 bytes)" : source + " is not a whole " + format + " file: only " + length + " bytes");
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

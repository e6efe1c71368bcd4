package io.tastemaker.core.io;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * Writes Tastemaker's binary files: a header (magic, format name, version), big-endian values and
 * arrays, and a CRC-32 footer over everything before it.
 */
public final class BinaryWriter implements AutoCloseable {
  static final int MAGIC = 0x544D4B52; // "TMKR"
  private static final int CHUNK = 1 << 16;

  private final CRC32 crc = new CRC32();
  private final DataOutputStream out;
  private final OutputStream raw;
  private final ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
  private boolean finished;

  /** Starts a file of the named format and version. */
  public BinaryWriter(OutputStream target, String format, int version) throws IOException {
    this.raw = new BufferedOutputStream(target, CHUNK);
    this.out = new DataOutputStream(new CheckedOutputStream(raw, crc));
    out.writeInt(MAGIC);
    writeString(format);
    out.writeInt(version);
  }

  public void writeInt(int v) throws IOException {
    out.writeInt(v);
  }

  public void writeLong(long v) throws IOException {
    out.writeLong(v);
  }

  public void writeDouble(double v) throws IOException {
    out.writeDouble(v);
  }

  public void writeByte(int v) throws IOException {
    out.writeByte(v);
  }

  /** A length-prefixed UTF-8 string of any length. */
  public void writeString(String s) throws IOException {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  public void writeBytes(byte[] values) throws IOException {
    out.writeInt(values.length);
    out.write(values);
  }

  public void writeInts(int[] values) throws IOException {
    out.writeInt(values.length);
    int i = 0;
    while (i < values.length) {
      chunk.clear();
      int n = Math.min(values.length - i, CHUNK / Integer.BYTES);
      chunk.asIntBuffer().put(values, i, n);
      out.write(chunk.array(), 0, n * Integer.BYTES);
      i += n;
    }
  }

  public void writeLongs(long[] values) throws IOException {
    out.writeInt(values.length);
    int i = 0;
    while (i < values.length) {
      chunk.clear();
      int n = Math.min(values.length - i, CHUNK / Long.BYTES);
      chunk.asLongBuffer().put(values, i, n);
      out.write(chunk.array(), 0, n * Long.BYTES);
      i += n;
    }
  }

  public void writeFloats(float[] values) throws IOException {
    out.writeInt(values.length);
    int i = 0;
    while (i < values.length) {
      chunk.clear();
      int n = Math.min(values.length - i, CHUNK / Float.BYTES);
      chunk.asFloatBuffer().put(values, i, n);
      out.write(chunk.array(), 0, n * Float.BYTES);
      i += n;
    }
  }

  public void writeDoubles(double[] values) throws IOException {
    out.writeInt(values.length);
    int i = 0;
    while (i < values.length) {
      chunk.clear();
      int n = Math.min(values.length - i, CHUNK / Double.BYTES);
      chunk.asDoubleBuffer().put(values, i, n);
      out.write(chunk.array(), 0, n * Double.BYTES);
      i += n;
    }
  }

  /** Writes the checksum footer and flushes; the file is complete after this. */
  public void finish() throws IOException {
    out.flush();
    long checksum = crc.getValue();
    DataOutputStream footer = new DataOutputStream(raw);
    footer.writeLong(checksum);
    footer.flush();
    finished = true;
  }

  /** Closes the target; a file closed without {@link #finish()} has no footer and reads as corrupt. */
  @Override
  public void close() throws IOException {
    if (!finished) {
      out.flush();
    }
    raw.close();
  }
}

package io.tastemaker.spark;

import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of the lines that start in a {@link LineRange}: read from the byte before the range,
 * it skips through the first {@code '\n'} (the end of the line the range before owns), then ends
 * at the first line start at or after the range's end.
 */
final class RangeBytes extends InputStream {
  private final InputStream in;
  private final long end;
  private long position;
  private boolean atLineStart;
  private boolean finished;

  /**
   * @param in the file's bytes from {@code max(0, start - 1)} on
   */
  RangeBytes(InputStream in, long start, long end) throws IOException {
    this.in = in;
    this.end = end;
    if (start == 0) {
      position = 0;
      atLineStart = true;
    } else {
      position = start - 1;
      int b;
      while ((b = in.read()) != -1) {
        position++;
        if (b == '\n') {
          break;
        }
      }
      atLineStart = true;
      finished = b == -1;
    }
  }

  @Override
  public int read() throws IOException {
    if (finished || (position >= end && atLineStart)) {
      finished = true;
      return -1;
    }
    int b = in.read();
    if (b == -1) {
      finished = true;
      return -1;
    }
    position++;
    atLineStart = b == '\n';
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (finished || position >= end) {
      // Past the range: the rest of the line that started in it, a byte at a time.
      int b = read();
      return b == -1 ? -1 : store(buffer, offset, b);
    }
    int n = in.read(buffer, offset, (int) Math.min(length, end - position));
    if (n == -1) {
      finished = true;
      return -1;
    }
    position += n;
    atLineStart = buffer[offset + n - 1] == '\n';
    return n;
  }

  private static int store(byte[] buffer, int offset, int b) {
    buffer[offset] = (byte) b;
    return 1;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}

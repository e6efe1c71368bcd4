package io.tastemaker.core.data.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A fast RFC 4180 CSV reader over bytes: comma separated, fields optionally in double quotes with
 * {@code ""} for a quote, records ended by LF, CRLF or CR, a UTF-8 byte order mark skipped. Like
 * Python's csv module and Spark, it takes a quote inside an unquoted field as a character and text
 * after a closing quote as part of the field ({@code 12" pizza}, {@code "a"b}); only a quoted field
 * that is never closed is an error.
 *
 * <p>Fields stay bytes until asked for, so numeric columns never become strings; the record buffer
 * is reused from one record to the next.
 */
public final class CsvParser {
  private static final int BUFFER = 1 << 20;
  /** A record is at most this long, so that a file without line ends cannot take all memory. */
  static final int MAX_RECORD_BYTES = 16 << 20;

  private final InputStream in;
  private final byte[] buffer = new byte[BUFFER];
  private int position;
  private int limit;
  private boolean eof;

  private byte[] record = new byte[4096];
  private int recordLength;
  private int[] starts = new int[32];
  private int[] ends = new int[32];
  private boolean[] quoted = new boolean[32];
  private int fields;
  private long line = 1;
  private long recordLine;

  public CsvParser(InputStream in) throws IOException {
    this.in = in;
    fill();
    if (limit - position >= 3 && buffer[0] == (byte) 0xEF && buffer[1] == (byte) 0xBB && buffer[2] == (byte) 0xBF) {
      position = 3;
    }
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int n = in.read(buffer, 0, buffer.length);
    if (n <= 0) {
      eof = true;
      position = 0;
      limit = 0;
      return false;
    }
    position = 0;
    limit = n;
    return true;
  }

  /**
   * Reads the next record, skipping empty lines.
   *
   * @return false at the end of the input
   * @throws CsvFormatException for a quoted field that is never closed, or a record over 16 MiB
   */
  public boolean next() throws IOException {
    while (true) {
      if (position >= limit && !fill()) {
        return false;
      }
      recordLine = line;
      readRecord();
      if (!(fields == 1 && starts[0] == ends[0] && !quoted[0])) {
        return true;
      }
      if (position >= limit && eof) {
        return false;
      }
    }
  }

  private void readRecord() throws IOException {
    recordLength = 0;
    fields = 0;
    while (true) {
      int start = recordLength;
      boolean isQuoted = false;
      int b = peek();
      if (b == '"') {
        isQuoted = true;
        position++;
        readQuoted();
        // Text after the closing quote belongs to the field, as Python's csv module and Spark read it.
        readUnquoted();
      } else {
        readUnquoted();
      }
      addField(start, recordLength, isQuoted);

      b = peek();
      if (b == ',') {
        position++;
        continue;
      }
      if (b == '\r') {
        position++;
        if (peek() == '\n') {
          position++;
        }
        line++;
      } else if (b == '\n') {
        position++;
        line++;
      }
      return;
    }
  }

  /** Reads to the end of the field; a quote here is a plain character, as lenient CSV readers take it. */
  private void readUnquoted() throws IOException {
    while (true) {
      if (position >= limit && !fill()) {
        return;
      }
      int i = position;
      while (i < limit) {
        byte c = buffer[i];
        if (c == ',' || c == '\n' || c == '\r') {
          break;
        }
        i++;
      }
      append(buffer, position, i - position);
      position = i;
      if (i < limit) {
        return;
      }
    }
  }

  private void readQuoted() throws IOException {
    long startLine = line;
    while (true) {
      if (position >= limit && !fill()) {
        throw new CsvFormatException(startLine, fields + 1, "a quoted field is never closed");
      }
      byte c = buffer[position++];
      if (c == '"') {
        if (peek() == '"') {
          position++;
          appendByte((byte) '"');
        } else {
          return;
        }
      } else {
        if (c == '\n') {
          line++;
        }
        appendByte(c);
      }
    }
  }

  private int peek() throws IOException {
    if (position >= limit && !fill()) {
      return -1;
    }
    return buffer[position];
  }

  private void append(byte[] source, int from, int length) {
    ensure(recordLength + length);
    System.arraycopy(source, from, record, recordLength, length);
    recordLength += length;
  }

  private void appendByte(byte c) {
    ensure(recordLength + 1);
    record[recordLength++] = c;
  }

  private void ensure(int capacity) {
    if (capacity > MAX_RECORD_BYTES) {
      throw new CsvFormatException(recordLine, fields + 1, "a record longer than " + (MAX_RECORD_BYTES >> 20) + " MiB; a CSV record is one line (or quoted lines)");
    }
    if (capacity > record.length) {
      record = Arrays.copyOf(record, Math.max(capacity, record.length * 2));
    }
  }

  private void addField(int start, int end, boolean isQuoted) {
    if (fields == starts.length) {
      starts = Arrays.copyOf(starts, fields * 2);
      ends = Arrays.copyOf(ends, fields * 2);
      quoted = Arrays.copyOf(quoted, fields * 2);
    }
    starts[fields] = start;
    ends[fields] = end;
    quoted[fields] = isQuoted;
    fields++;
  }

  /** The physical line on which the current record starts, from 1. */
  public long line() {
    return recordLine;
  }

  public int fieldCount() {
    return fields;
  }

  /** Whether a field is empty and unquoted, which Personalize reads as null. */
  public boolean isEmpty(int field) {
    return starts[field] == ends[field];
  }

  public String string(int field) {
    return new String(record, starts[field], ends[field] - starts[field], StandardCharsets.UTF_8);
  }

  /** The field's length in bytes. */
  public int byteLength(int field) {
    return ends[field] - starts[field];
  }

  /** Whether the field holds only ASCII, so that its byte length is its character length. */
  public boolean isAscii(int field) {
    for (int i = starts[field]; i < ends[field]; i++) {
      if (record[i] < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The field as a decimal integer, parsed straight from the bytes.
   *
   * @throws NumberFormatException when it is not one
   */
  public long parseLong(int field) {
    int i = starts[field];
    int end = ends[field];
    if (i == end) {
      throw new NumberFormatException("empty");
    }
    boolean negative = false;
    if (record[i] == '-' || record[i] == '+') {
      negative = record[i] == '-';
      i++;
      if (i == end) {
        throw new NumberFormatException("sign only");
      }
    }
    if (end - i > 18) {
      return Long.parseLong(string(field).strip());
    }
    long value = 0;
    for (; i < end; i++) {
      int digit = record[i] - '0';
      if (digit < 0 || digit > 9) {
        throw new NumberFormatException("not a digit");
      }
      value = value * 10 + digit;
    }
    return negative ? -value : value;
  }
}

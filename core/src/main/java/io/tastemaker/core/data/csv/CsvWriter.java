package io.tastemaker.core.data.csv;

import java.io.BufferedWriter;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes CSV as Personalize reads it ({@link CsvParser} reads it back): UTF-8, {@code \n} line ends,
 * a value quoted only when it holds a comma, a quote or a line break, quotes doubled inside; a
 * null value is an empty field.
 */
public final class CsvWriter implements Flushable {
  private final Writer out;

  public CsvWriter(OutputStream out) {
    this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
  }

  /** Writes one line; null values are written empty. */
  public void row(List<String> values) throws IOException {
    out.write(line(values));
  }

  /** One line of CSV, with its line end. */
  public static String line(List<String> values) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      String value = values.get(i);
      if (value != null) {
        appendValue(line, value);
      }
    }
    return line.append('\n').toString();
  }

  private static void appendValue(StringBuilder line, String value) {
    boolean quote = false;
    for (int i = 0; i < value.length() && !quote; i++) {
      char c = value.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    if (!quote) {
      line.append(value);
      return;
    }
    line.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        line.append('"');
      }
      line.append(c);
    }
    line.append('"');
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }
}

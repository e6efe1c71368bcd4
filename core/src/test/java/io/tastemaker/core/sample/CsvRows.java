package io.tastemaker.core.sample;

import java.util.ArrayList;
import java.util.List;

/** A strict RFC 4180 reader for tests: rows of fields, quotes undone, {@code \n} line ends. */
final class CsvRows {

  private CsvRows() {}

  static List<List<String>> parse(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char ch = text.charAt(i);
      if (ch == '"' && field.length() == 0) {
        i = quoted(text, i + 1, field);
        continue;
      }
      if (ch == '"') {
        throw new IllegalArgumentException("Stray quote at " + i);
      }
      if (ch == '\r') {
        throw new IllegalArgumentException("CR at " + i + "; the sample ends lines with LF only");
      }
      if (ch == ',' || ch == '\n') {
        row.add(field.toString());
        field.setLength(0);
        if (ch == '\n') {
          rows.add(List.copyOf(row));
          row.clear();
        }
      } else {
        field.append(ch);
      }
      i++;
    }
    if (field.length() > 0 || !row.isEmpty()) {
      throw new IllegalArgumentException("Last row does not end with a line feed");
    }
    return rows;
  }

  /** Reads a quoted field's content from {@code i}, just after the opening quote. */
  private static int quoted(String text, int i, StringBuilder field) {
    while (i < text.length()) {
      char ch = text.charAt(i);
      if (ch != '"') {
        field.append(ch);
        i++;
      } else if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
        field.append('"');
        i += 2;
      } else {
        char after = i + 1 < text.length() ? text.charAt(i + 1) : '\n';
        if (after != ',' && after != '\n') {
          throw new IllegalArgumentException("Text after a closing quote at " + (i + 1));
        }
        return i + 1;
      }
    }
    throw new IllegalArgumentException("Unterminated quoted field");
  }
}
